package vn.matthan.detection.signal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Frames every 100 ms; red locks after 0.4 s; gaps up to 0.25 s are flicker; 2 s dark is unknown. */
class DebouncedSignalTest {
    final DebouncedSignal s = new DebouncedSignal(0.4, 0.25, 2.0);
    long t;

    void see(SignalPhase p, int frames) {
        for (int i = 0; i < frames; i++) {
            t += 100_000;
            s.observe(t, p);
        }
    }

    @Test
    void redIsBelievedOnlyAfterItWasStableForTheLockTimeAndCountsFromItsFirstSighting() {
        see(SignalPhase.GREEN, 10);
        see(SignalPhase.RED, 4); // 0.3 s of red so far: green is over, red not yet believed
        assertThat(s.at(t).phase()).isEqualTo(SignalPhase.UNKNOWN);
        see(SignalPhase.RED, 1);
        assertThat(s.at(t).phase()).isEqualTo(SignalPhase.RED);
        assertThat(s.at(t).secondsInto(t)).isEqualTo(0.4);
    }

    @Test
    void oneDarkOrOtherColouredFrameDoesNotBreakALockedRed() {
        see(SignalPhase.RED, 10);
        long onset = s.at(t).onsetMicros();
        see(SignalPhase.UNKNOWN, 1);
        see(SignalPhase.RED, 2);
        see(SignalPhase.GREEN, 1);
        assertThat(s.at(t).phase()).isEqualTo(SignalPhase.RED);
        see(SignalPhase.RED, 3);
        assertThat(s.at(t)).isEqualTo(new SignalState(SignalPhase.RED, onset));
    }

    @Test
    void aRedFlickerDuringGreenNeverLocksRed() {
        see(SignalPhase.GREEN, 10);
        for (int i = 0; i < 10; i++) {
            see(SignalPhase.RED, 1);
            see(SignalPhase.GREEN, 3);
            assertThat(s.at(t).phase()).isEqualTo(SignalPhase.GREEN);
        }
    }

    @Test
    void redEndsAsSoonAsItIsGoneLongerThanTheToleranceAndALongDarkIsUnknown() {
        see(SignalPhase.RED, 10);
        see(SignalPhase.GREEN, 3);
        assertThat(s.at(t).phase()).as("no stale red over a green").isEqualTo(SignalPhase.UNKNOWN);
        see(SignalPhase.GREEN, 2);
        assertThat(s.at(t).phase()).isEqualTo(SignalPhase.GREEN);
        see(SignalPhase.UNKNOWN, 25);
        assertThat(s.at(t).phase()).isEqualTo(SignalPhase.UNKNOWN);
    }
}
