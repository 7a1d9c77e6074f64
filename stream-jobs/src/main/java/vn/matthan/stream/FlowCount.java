package vn.matthan.stream;

import java.util.Objects;

/** Passages of one camera and vehicle class in one minute of event time (a Flink POJO). */
public class FlowCount {
    public String cameraId;
    public String vehicleClass;
    public long bucketStartMillis;
    public long passages;

    public FlowCount() {
    }

    public FlowCount(String cameraId, String vehicleClass, long bucketStartMillis, long passages) {
        this.cameraId = cameraId;
        this.vehicleClass = vehicleClass;
        this.bucketStartMillis = bucketStartMillis;
        this.passages = passages;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FlowCount f && f.cameraId.equals(cameraId) && f.vehicleClass.equals(vehicleClass)
                && f.bucketStartMillis == bucketStartMillis && f.passages == passages;
    }

    @Override
    public int hashCode() {
        return Objects.hash(cameraId, vehicleClass, bucketStartMillis, passages);
    }

    @Override
    public String toString() {
        return cameraId + "/" + vehicleClass + "@" + bucketStartMillis + "=" + passages;
    }
}
