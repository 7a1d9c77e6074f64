package vn.matthan.stream;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CameraMinuteStateTest {

    @Test
    void aMinuteCountsPerClassPerLaneAndPerLaneAndType() {
        CameraMinute.MinuteTally t = new CameraMinute.MinuteTally();
        t.add(new Passage("a", "cam", "stop", "L1", "car", "forward", 40.0, 1_000));
        t.add(new Passage("b", "cam", "stop", "L1", "motorbike", "forward", null, 4_000));
        t.add(new Passage("c", "cam", "stop", "L2", "car", "forward", 20.0, 2_000));
        t.add(new Passage("d", "cam", "stop", "L1", "car", "forward", 30.0, 7_000));
        assertThat(t.count).isEqualTo(4);
        assertThat(t.classes).containsExactly("car", "motorbike");
        assertThat(t.classCounts).containsExactly(3, 1);
        assertThat(t.lanes).containsExactly("L1", "L2");
        assertThat(t.laneFirst).containsExactly(1_000, 2_000);
        assertThat(t.laneLast).containsExactly(7_000, 2_000);
        assertThat(t.cellCounts).containsExactly(2, 1, 1); // L1 car, L1 motorbike, L2 car
        assertThat(t.cellSpeedSums).containsExactly(70.0, 0.0, 20.0);
        assertThat(t.cellSpeedSamples).containsExactly(2, 0, 1);
    }

    @Test
    void theOpenMinutesAreAFlinkPojoAndSurviveACheckpoint() throws Exception {
        TypeInformation<CameraMinute.OpenMinutes> type = TypeInformation.of(CameraMinute.OpenMinutes.class);
        assertThat(type).isInstanceOf(PojoTypeInfo.class); // not Kryo's generic serialization
        CameraMinute.OpenMinutes open = new CameraMinute.OpenMinutes();
        open.add(60_000).add(new Passage("a", "cam", "stop", "", "bus", "forward", 12.5, 61_000));
        open.earlyPending = true;
        TypeSerializer<CameraMinute.OpenMinutes> s = type.createSerializer(new SerializerConfigImpl());
        DataOutputSerializer out = new DataOutputSerializer(256);
        s.serialize(open, out);
        CameraMinute.OpenMinutes back = s.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
        assertThat(back.earlyPending).isTrue();
        assertThat(back.find(60_000).cellTypes).containsExactly("bus");
        assertThat(back.find(60_000).speedSum).isEqualTo(12.5);
        assertThat(s.copy(open).find(60_000)).isNotSameAs(open.find(60_000)).usingRecursiveComparison().isEqualTo(open.find(60_000));
    }
}
