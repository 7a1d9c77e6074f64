package vn.matthan.detection.plate;

import org.junit.jupiter.api.Test;
import vn.matthan.detection.plate.VietnamesePlate.Format;

import static org.assertj.core.api.Assertions.assertThat;

class VietnamesePlateTest {
    @Test
    void validPlatesOfEveryFormatParseWithTheirPrintedForm() {
        assertThat(VietnamesePlate.parse("51F12345", Format.CAR_ONE_LINE)).get().extracting(VietnamesePlate.Number::display).isEqualTo("51F-123.45");
        assertThat(VietnamesePlate.parse("30A-1234", Format.CAR_ONE_LINE)).get().extracting(VietnamesePlate.Number::display).isEqualTo("30A-1234");
        assertThat(VietnamesePlate.parse("51LD12345", Format.CAR_ONE_LINE)).get().extracting(VietnamesePlate.Number::display).isEqualTo("51LD-123.45");
        assertThat(VietnamesePlate.parse("80NG12345", Format.CAR_TWO_LINE)).get().extracting(VietnamesePlate.Number::series).isEqualTo("NG");
        assertThat(VietnamesePlate.parse("80A01234", Format.CAR_ONE_LINE)).get().extracting(VietnamesePlate.Number::province).isEqualTo("80");
        assertThat(VietnamesePlate.parse("59X112345", Format.MOTORBIKE_TWO_LINE)).get().extracting(VietnamesePlate.Number::display).isEqualTo("59-X1 123.45");
        assertThat(VietnamesePlate.parse("29AA12345", Format.MOTORBIKE_TWO_LINE)).get().extracting(VietnamesePlate.Number::display).isEqualTo("29-AA 123.45");
        assertThat(VietnamesePlate.parse("53F11234", Format.MOTORBIKE_TWO_LINE)).get().extracting(VietnamesePlate.Number::display).isEqualTo("53-F1 1234");
    }

    @Test
    void invalidPlatesAreRefused() {
        for (String bad : new String[]{"13A12345", "10A12345", "51I12345", "51O12345", "51F123", "51F1234567", "5AF12345", "51XY12345", "ABCDEFGH"}) {
            assertThat(VietnamesePlate.parse(bad, Format.CAR_ONE_LINE)).as(bad).isEmpty();
        }
        assertThat(VietnamesePlate.parse("59X012345", Format.MOTORBIKE_TWO_LINE)).as("series digit 0").isEmpty();
        assertThat(VietnamesePlate.parse("59112345", Format.MOTORBIKE_TWO_LINE)).isEmpty();
    }

    @Test
    void lookAlikesAreRepairedOnlyWhereTheGrammarForcesIt() {
        assertThat(VietnamesePlate.repair("5IF12345", Format.CAR_ONE_LINE)).get().extracting(VietnamesePlate.Number::normalised).isEqualTo("51F12345");
        assertThat(VietnamesePlate.repair("51F1234S", Format.CAR_ONE_LINE)).get().extracting(VietnamesePlate.Number::normalised).isEqualTo("51F12345");
        assertThat(VietnamesePlate.repair("518-123.45", Format.CAR_ONE_LINE)).get().extracting(VietnamesePlate.Number::normalised).isEqualTo("51B12345");
        assertThat(VietnamesePlate.repair("59X1I2345", Format.MOTORBIKE_TWO_LINE)).get().extracting(VietnamesePlate.Number::normalised).isEqualTo("59X112345");
        assertThat(VietnamesePlate.repair("5IF12345", Format.CAR_ONE_LINE).orElseThrow().repaired()).isTrue();
    }

    @Test
    void repairNeverTurnsAValidReadIntoAnotherValidPlate() {
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < 5000; i++) {
            String raw = String.format("%02d%c%05d", 11 + rng.nextInt(89), "ABCDEFGHKLMNPSTUVXYZ08512".charAt(rng.nextInt(25)), rng.nextInt(100000));
            var parsed = VietnamesePlate.parse(raw, Format.CAR_ONE_LINE);
            if (parsed.isPresent()) {
                assertThat(VietnamesePlate.repair(raw, Format.CAR_ONE_LINE)).get().extracting(VietnamesePlate.Number::normalised).isEqualTo(raw);
            }
        }
    }
}
