package vn.matthan.api;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The flow range rules that span two parameters (each parameter's own form is the contract's: ApiContractTest). */
class FlowQueryTest {
    final Instant now = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void defaultsToTheLastHour() {
        FlowQuery q = FlowQuery.of("c1", null, null, now);
        assertThat(q.from()).isEqualTo(Instant.parse("2026-11-22T09:00:00Z"));
        assertThat(q.to()).isEqualTo(now);
    }

    @Test
    void anHourBeforeTheEndWhenOnlyTheEndIsGiven() {
        assertThat(FlowQuery.of("c1", null, "2026-11-20T08:00:00Z", now).from()).isEqualTo(Instant.parse("2026-11-20T07:00:00Z"));
    }

    @Test
    void rejectsWhatItCannotAnswerWithAReason() {
        assertThatThrownBy(() -> FlowQuery.of("c1", "2026-11-22T10:00:00Z", "2026-11-22T09:00:00Z", now))
                .hasMessage("'from' must be before 'to'");
        assertThatThrownBy(() -> FlowQuery.of("c1", "2026-01-01T00:00:00Z", "2026-03-01T00:00:00Z", now))
                .hasMessage("range longer than 31 days");
    }
}
