package vn.matthan.stream;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PassageSerializerTest {

    @Test
    void flinkUsesItForPassages() {
        assertThat(TypeInformation.of(Passage.class)).isInstanceOf(PassageSerializer.PassageType.class);
    }

    @Test
    void passagesCrossUnchangedAndRepeatedNamesArriveAsOneString() throws Exception {
        String longName = "Ngã tư Hàng Xanh ".repeat(40); // longer than the read buffer
        Passage[] sent = {
                new Passage("11111111-0000-4000-8000-000000000001", "cam-01", "stop", "L1", "car", "forward", 42.5, 1_763_600_000_123L),
                new Passage("e-2", "cam-01", "stop", "L1", "car", "backward", null, -5L),
                new Passage("e-3", longName, "vạch dừng", "", "xe máy", "forward", 0.0, Long.MAX_VALUE),
                new Passage(null, "cam-01", null, null, "😀", null, -1.5, 0),
                new Passage("e-5", "cam-01", "stop", "L1", "car", "forward", null, 7),
                new Passage("e-6", "cam-01", "stop", "L1", "motorbike", "forward", null, 8),
        };
        sent[4].plate = new Passage.PassagePlate("READ", "59X123456", "59-X1 234.56", 0.87, false, "ab".repeat(32));
        sent[5].plate = new Passage.PassagePlate("SKIPPED", null, null, null, null, null);
        TypeSerializer<Passage> made = TypeInformation.of(Passage.class).createSerializer(new org.apache.flink.api.common.serialization.SerializerConfigImpl());
        // It travels inside the job graph, so it is Java-serialized before use.
        TypeSerializer<Passage> s = org.apache.flink.util.InstantiationUtil.clone(made);
        DataOutputSerializer out = new DataOutputSerializer(64);
        for (Passage p : sent) s.serialize(p, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        Passage[] back = new Passage[sent.length];
        for (int i = 0; i < sent.length; i++) back[i] = s.deserialize(in);
        assertThat(back).usingRecursiveFieldByFieldElementComparator().containsExactly(sent);
        assertThat(back[1].cameraId).isSameAs(back[0].cameraId).isSameAs(back[3].cameraId);
        assertThat(back[1].vehicleClass).isSameAs(back[0].vehicleClass);
        assertThat(back[1].eventId).isEqualTo("e-2");
        assertThat(s.duplicate()).isNotSameAs(s).isEqualTo(s);
    }
}
