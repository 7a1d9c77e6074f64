package vn.matthan.stream;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.matthan.events.EventJson;
import vn.matthan.events.MalformedEventException;
import vn.matthan.events.VehiclePassage;

/** Parses raw {@code vehicle.passage} records; anything that breaks the contract goes to the dead letters. */
public class PassageParser extends ProcessFunction<byte[], Passage> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    @Override
    public void processElement(byte[] raw, Context ctx, Collector<Passage> out) {
        try {
            VehiclePassage p = EventJson.readPassage(raw);
            out.collect(new Passage(p.eventId(), p.cameraId(), p.vehicleClass(), p.time().toEpochMilli()));
        } catch (MalformedEventException e) {
            ctx.output(DEAD_LETTERS, new DeadLetter(e.getMessage(), raw == null ? new byte[0] : raw));
        }
    }
}
