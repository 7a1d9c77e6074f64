package vn.matthan.api;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FlowQueryTest {
    final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void defaultsToTheLastHour() {
        FlowQuery q = FlowQuery.parse(MultiMap.caseInsensitiveMultiMap().add("camera", "c1"), now);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(q.to()).isEqualTo(now);
    }

    @Test
    void rejectsWhatItCannotAnswerWithAReason() {
        assertThatThrownBy(() -> parse("from", "2026-11-22T10:00:00Z", "to", "2026-11-22T09:00:00Z"))
                .hasMessage("'from' must be before 'to'");
        assertThatThrownBy(() -> parse("from", "2026-01-01T00:00:00Z", "to", "2026-03-01T00:00:00Z"))
                .hasMessage("range longer than 31 days");
        assertThatThrownBy(() -> parse("from", "22/11/2026")).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> parse("page", "2")).hasMessage("unknown parameter 'page'");
        assertThatThrownBy(() -> FlowQuery.parse(MultiMap.caseInsensitiveMultiMap(), now))
                .hasMessage("parameter 'camera' is required");
    }

    private FlowQuery parse(String... kv) {
        MultiMap m = MultiMap.caseInsensitiveMultiMap().add("camera", "c1");
        for (int i = 0; i < kv.length; i += 2) m.add(kv[i], kv[i + 1]);
        return FlowQuery.parse(m, now);
    }
}
