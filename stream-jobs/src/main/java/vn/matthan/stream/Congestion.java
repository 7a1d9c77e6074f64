package vn.matthan.stream;

/**
 * A congestion episode at one camera's junction: raised when it began (the first congested minute), cleared when
 * traffic flowed again (the first free minute), with the worst minute's figures. A Flink POJO.
 */
public class Congestion {
    public static final String RAISED = "RAISED", ONGOING = "ONGOING", CLEARED = "CLEARED";
    public String cameraId;
    public String state;
    public long startedMillis;
    /** 0 while the congestion lasts. */
    public long clearedMillis;
    public long congestedMinutes;
    public double peakVehiclesInView;
    public long lowestPassagesPerMinute;

    public Congestion() {
    }

    public Congestion(String cameraId, String state, long startedMillis, long clearedMillis, long congestedMinutes,
                      double peakVehiclesInView, long lowestPassagesPerMinute) {
        this.cameraId = cameraId;
        this.state = state;
        this.startedMillis = startedMillis;
        this.clearedMillis = clearedMillis;
        this.congestedMinutes = congestedMinutes;
        this.peakVehiclesInView = peakVehiclesInView;
        this.lowestPassagesPerMinute = lowestPassagesPerMinute;
    }

    public boolean active() {
        return clearedMillis == 0;
    }

    public vn.matthan.events.CongestionEvent toEvent() {
        return vn.matthan.events.CongestionEvent.of(cameraId, state, java.time.Instant.ofEpochMilli(startedMillis),
                active() ? null : java.time.Instant.ofEpochMilli(clearedMillis), congestedMinutes, peakVehiclesInView,
                lowestPassagesPerMinute);
    }

    @Override
    public String toString() {
        return cameraId + " " + state + " " + startedMillis + "→" + (active() ? "…" : clearedMillis) + " (" + congestedMinutes + " min)";
    }
}
