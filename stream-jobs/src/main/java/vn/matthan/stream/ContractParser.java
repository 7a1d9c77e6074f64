package vn.matthan.stream;

import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import vn.matthan.events.MalformedEventException;

import java.io.Serializable;

/** Parses raw Kafka records of one event type; anything that breaks the contract goes to the dead letters. */
public class ContractParser<T> extends ProcessFunction<byte[], T> {
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {
    };

    /** Reads one record into the job's own type, or says why it cannot. */
    public interface Reader<T> extends Serializable {
        T read(byte[] raw) throws MalformedEventException;
    }

    private final Reader<T> reader;

    public ContractParser(Reader<T> reader) {
        this.reader = reader;
    }

    @Override
    public void processElement(byte[] raw, Context ctx, Collector<T> out) {
        try {
            out.collect(reader.read(raw));
        } catch (MalformedEventException e) {
            ctx.output(DEAD_LETTERS, new DeadLetter(e.getMessage(), raw == null ? new byte[0] : raw));
        }
    }
}
