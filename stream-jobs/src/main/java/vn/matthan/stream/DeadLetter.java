package vn.matthan.stream;

import vn.matthan.events.EventJson;

import java.nio.charset.StandardCharsets;

/** A rejected event and why, as written to the dead-letter topic (a Flink POJO). */
public class DeadLetter {
    public String reason;
    public String payload;

    public DeadLetter() {
    }

    public DeadLetter(String reason, byte[] payload) {
        this.reason = reason;
        this.payload = new String(payload, StandardCharsets.UTF_8);
    }

    public byte[] toJson() {
        return EventJson.toBytes(this);
    }
}
