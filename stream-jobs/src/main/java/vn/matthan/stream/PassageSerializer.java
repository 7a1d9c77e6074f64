package vn.matthan.stream;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * How a {@link Passage} crosses Flink's network (parsing → the camera's task). Flink's POJO serializer read every
 * string as a new object, through reflection and a crowded thread-local buffer (JFR: a tenth of the job); this one
 * reads the few names a camera's passages repeat — camera, count line, lane, class, direction — into one shared
 * string each, so the camera's state lookups, counts and sinks meet strings whose hash is already known.
 * Written here because Flink has no string-interning serializer; strings are length + chars in 7-bit groups.
 */
public final class PassageSerializer extends TypeSerializer<Passage> {
    // Made where the serializer is used (it travels with the job graph as Java serialization).
    private transient char[] buffer;
    private transient SharedNames cameras, names;

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<Passage> duplicate() {
        return new PassageSerializer(); // holds buffers and shared names: one per user
    }

    @Override
    public Passage createInstance() {
        return new Passage();
    }

    @Override
    public Passage copy(Passage from) {
        return copy(from, new Passage());
    }

    @Override
    public Passage copy(Passage from, Passage reuse) {
        reuse.eventId = from.eventId;
        reuse.cameraId = from.cameraId;
        reuse.countLine = from.countLine;
        reuse.lane = from.lane;
        reuse.vehicleClass = from.vehicleClass;
        reuse.direction = from.direction;
        reuse.speedKmh = from.speedKmh;
        reuse.timeMillis = from.timeMillis;
        reuse.plate = from.plate; // immutable
        return reuse;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(Passage p, DataOutputView out) throws IOException {
        write(p.eventId, out);
        write(p.cameraId, out);
        write(p.countLine, out);
        write(p.lane, out);
        write(p.vehicleClass, out);
        write(p.direction, out);
        out.writeBoolean(p.speedKmh != null);
        if (p.speedKmh != null) out.writeDouble(p.speedKmh);
        out.writeLong(p.timeMillis);
        Passage.PassagePlate plate = p.plate;
        out.writeBoolean(plate != null);
        if (plate != null) {
            write(plate.status(), out);
            write(plate.plate(), out);
            write(plate.display(), out);
            out.writeDouble(plate.confidence() == null ? Double.NaN : plate.confidence());
            out.writeByte(plate.needsCheck() == null ? 2 : plate.needsCheck() ? 1 : 0);
            write(plate.thumbnailSha256(), out);
        }
    }

    @Override
    public Passage deserialize(DataInputView in) throws IOException {
        return deserialize(new Passage(), in);
    }

    @Override
    public Passage deserialize(Passage p, DataInputView in) throws IOException {
        if (buffer == null) {
            buffer = new char[256];
            cameras = new SharedNames(1024);
            names = new SharedNames(256);
        }
        p.eventId = read(in, null);
        p.cameraId = read(in, cameras);
        p.countLine = read(in, names);
        p.lane = read(in, names);
        p.vehicleClass = read(in, names);
        p.direction = read(in, names);
        p.speedKmh = in.readBoolean() ? in.readDouble() : null;
        p.timeMillis = in.readLong();
        if (in.readBoolean()) {
            String status = read(in, names), plate = read(in, null), display = read(in, null);
            double confidence = in.readDouble();
            byte check = in.readByte();
            p.plate = new Passage.PassagePlate(status, plate, display, Double.isNaN(confidence) ? null : confidence,
                    check == 2 ? null : check == 1, read(in, null));
        } else {
            p.plate = null;
        }
        return p;
    }

    @Override
    public void copy(DataInputView in, DataOutputView out) throws IOException {
        serialize(deserialize(in), out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PassageSerializer;
    }

    @Override
    public int hashCode() {
        return PassageSerializer.class.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<Passage> snapshotConfiguration() {
        return new Snapshot();
    }

    /** Length + 1 (0 for null), then each char, both in 7-bit groups, low bits first. */
    static void write(String s, DataOutputView out) throws IOException {
        if (s == null) {
            out.write(0);
            return;
        }
        varint(s.length() + 1, out);
        for (int i = 0; i < s.length(); i++) varint(s.charAt(i), out);
    }

    private static void varint(int v, DataOutputView out) throws IOException {
        while (v >= 0x80) {
            out.write(v & 0x7F | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }

    private static int varint(DataInputView in) throws IOException {
        int v = 0, shift = 0, b;
        while ((b = in.readUnsignedByte()) >= 0x80) {
            v |= (b & 0x7F) << shift;
            shift += 7;
        }
        return v | b << shift;
    }

    private String read(DataInputView in, SharedNames shared) throws IOException {
        int n = varint(in) - 1;
        if (n < 0) return null;
        char[] chars = n <= buffer.length ? buffer : new char[n];
        int hash = 0;
        for (int i = 0; i < n; i++) {
            char c = (char) varint(in);
            chars[i] = c;
            hash = 31 * hash + c; // String.hashCode's
        }
        return shared == null ? new String(chars, 0, n) : shared.of(chars, n, hash);
    }

    /** The last string seen for each of {@code slots} hash buckets: repeated names come back as the same object. */
    private static final class SharedNames {
        private final String[] slots;

        SharedNames(int slots) {
            this.slots = new String[slots];
        }

        String of(char[] chars, int n, int hash) {
            int slot = (hash ^ hash >>> 16) & (slots.length - 1);
            String s = slots[slot];
            if (s != null && s.length() == n && s.hashCode() == hash && sameChars(s, chars, n)) return s;
            s = new String(chars, 0, n);
            slots[slot] = s;
            return s;
        }

        private static boolean sameChars(String s, char[] chars, int n) {
            for (int i = 0; i < n; i++) if (s.charAt(i) != chars[i]) return false;
            return true;
        }
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<Passage> {
        public Snapshot() {
            super(PassageSerializer::new);
        }
    }

    /** Passage's type for Flink (named on the class by {@code @TypeInfo}). */
    public static final class PassageType extends TypeInformation<Passage> {
        @Override
        public boolean isBasicType() {
            return false;
        }

        @Override
        public boolean isTupleType() {
            return false;
        }

        @Override
        public int getArity() {
            return 1;
        }

        @Override
        public int getTotalFields() {
            return 1;
        }

        @Override
        public Class<Passage> getTypeClass() {
            return Passage.class;
        }

        @Override
        public boolean isKeyType() {
            return false;
        }

        @Override
        public TypeSerializer<Passage> createSerializer(SerializerConfig config) {
            return new PassageSerializer();
        }

        @Override
        public String toString() {
            return "Passage";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof PassageType;
        }

        @Override
        public int hashCode() {
            return PassageType.class.hashCode();
        }

        @Override
        public boolean canEqual(Object o) {
            return o instanceof PassageType;
        }
    }

    public static final class Factory extends TypeInfoFactory<Passage> {
        @Override
        public TypeInformation<Passage> createTypeInfo(Type t, Map<String, TypeInformation<?>> generics) {
            return new PassageType();
        }
    }
}
