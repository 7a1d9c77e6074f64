package vn.matthan.api;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThat;

class LiveFeedTest {
    static final long FROM = 1_763_856_000_000L;

    @Test
    void theLastHourIsSixtyCountsPerClassOldestFirstWithEmptyMinutesZero() {
        JsonObject hour = LiveFeed.lastHour(FROM, new String[]{"motorbike", "car", "motorbike", "car"},
                new Long[]{FROM, FROM + 60_000 * 5, FROM + 60_000 * 59, FROM - 60_000}, new Integer[]{7, 3, 2, 9});
        assertThat(hour.getLong("from")).isEqualTo(FROM);
        JsonObject classes = hour.getJsonObject("classes");
        assertThat(classes.fieldNames()).containsExactlyInAnyOrder("car", "motorbike");
        JsonArray car = classes.getJsonArray("car"), motorbike = classes.getJsonArray("motorbike");
        assertThat(car.size()).isEqualTo(60);
        assertThat(car.getInteger(5)).isEqualTo(3);
        assertThat(car.stream().mapToInt(n -> (Integer) n).sum()).as("the minute before the hour is left out").isEqualTo(3);
        assertThat(motorbike.getInteger(0)).isEqualTo(7);
        assertThat(motorbike.getInteger(59)).isEqualTo(2);
        assertThat(Collections.frequency(motorbike.getList(), 0)).isEqualTo(58);
    }

    @Test
    void aCameraWithoutFlowThisHourHasNoClasses() {
        assertThat(LiveFeed.lastHour(FROM, null, null, null).encode()).isEqualTo("{\"from\":" + FROM + ",\"classes\":{}}");
    }
}
