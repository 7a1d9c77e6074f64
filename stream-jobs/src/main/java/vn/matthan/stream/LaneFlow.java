package vn.matthan.stream;

/**
 * Flow of one lane of one camera for one vehicle type in one minute, named after the FIWARE
 * {@code TrafficFlowObserved} attributes: intensity, averageVehicleSpeed (of the passages that carry a speed) and
 * averageHeadwayTime (mean gap between successive vehicles of the lane, all types, so the same on each type's row).
 * Occupancy needs the time a vehicle spends over a detector, which count-line crossings do not give: left null.
 * A Flink POJO.
 */
public class LaneFlow {
    public String cameraId;
    public String laneId;
    public String vehicleType;
    public long fromMillis;
    public long intensity;
    public Double averageVehicleSpeed;
    public long speedSamples;
    public Double averageHeadwayTime;

    public LaneFlow() {
    }

    public LaneFlow(String cameraId, String laneId, String vehicleType, long fromMillis, long intensity, Double averageVehicleSpeed,
                    long speedSamples, Double averageHeadwayTime) {
        this.cameraId = cameraId;
        this.laneId = laneId;
        this.vehicleType = vehicleType;
        this.fromMillis = fromMillis;
        this.intensity = intensity;
        this.averageVehicleSpeed = averageVehicleSpeed;
        this.speedSamples = speedSamples;
        this.averageHeadwayTime = averageHeadwayTime;
    }

    @Override
    public String toString() {
        return cameraId + "/" + laneId + "/" + vehicleType + "@" + fromMillis + "=" + intensity + " v=" + averageVehicleSpeed
                + " h=" + averageHeadwayTime;
    }
}
