package vn.matthan.events;

/** An event that breaks its contract; the message is the reason recorded with it. */
public class MalformedEventException extends Exception {
    public MalformedEventException(String reason) {
        super(reason);
    }
}
