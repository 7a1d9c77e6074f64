package vn.matthan.events;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The plate rule the reader and the registry import share: what a car or a motorbike may carry, and why not. */
class PlateGrammarTest {
    @Test
    void carsAndMotorbikesCarryTheirOwnSeries() {
        assertThat(PlateGrammar.parse("51F-123.45", PlateGrammar.Layout.CAR_ONE_LINE)).hasValueSatisfying(p ->
                assertThat(p.display()).isEqualTo("51F-123.45"));
        assertThat(PlateGrammar.parse("80 NG 1234", PlateGrammar.Layout.CAR_TWO_LINE)).hasValueSatisfying(p ->
                assertThat(p.display()).isEqualTo("80NG-1234"));
        assertThat(PlateGrammar.parse("59-X1 123.45", PlateGrammar.Layout.MOTORBIKE_TWO_LINE)).hasValueSatisfying(p ->
                assertThat(p.display()).isEqualTo("59-X1 123.45"));
        assertThat(PlateGrammar.problem("51F-123.45", false)).isEmpty();
        assertThat(PlateGrammar.problem("59-X1 123.45", true)).isEmpty();
    }

    @Test
    void eachWrongPlateIsNamedWithItsReason() {
        assertThat(PlateGrammar.problem("51F-12", false)).hasValue("a plate has 7 to 9 letters and digits, '51F-12' has 5");
        assertThat(PlateGrammar.problem("AB-123.45", false)).hasValue("a plate begins with the 2-digit province code");
        assertThat(PlateGrammar.problem("13A-123.45", false)).hasValue("no province has the code 13");
        assertThat(PlateGrammar.problem("51O-123.45", false)).hasValue("'51O-123.45' is not a Vietnamese plate (province, series, 4 or 5 digits)");
        assertThat(PlateGrammar.problem("59-X1 123.45", false)).hasValue("'59-X1 123.45' is a motorbike plate");
        assertThat(PlateGrammar.problem("51A-012.34", true)).hasValue("'51A-012.34' is a car plate");
    }

    @Test
    void aPlatesLookAlikesAreTheOnesOneConfusableCharacterAwayAndNothingElse() {
        java.util.List<String> near = PlateGrammar.lookAlikes("51F12385");
        assertThat(near).containsExactlyInAnyOrder("S1F12385", "61F12385", "57F12385", "51F72385", "51F1Z385", "51F12885",
                "51F123B5", "51F12305", "51F12335", "51F1238S", "51F12386")
                .doesNotContain("51F12385", "51E12385").doesNotHaveDuplicates();
        for (String n : near) assertThat(PlateGrammar.differences("51F12385", n)).as(n).hasSize(1);
        assertThat(PlateGrammar.lookAlikes("FFF")).isEmpty();
        // the relation goes both ways
        for (java.util.Map.Entry<Character, String> e : PlateGrammar.LOOK_ALIKES.entrySet()) {
            for (char o : e.getValue().toCharArray()) assertThat(PlateGrammar.LOOK_ALIKES.get(o)).as("%s/%s", e.getKey(), o).contains(String.valueOf(e.getKey()));
        }
    }
}
