package dev.herald.event.entity;

/** An event that can never be turned into notifications; the message is the reason, fit for a client. */
public class InvalidEventException extends Exception {
    public InvalidEventException(String reason) {
        super(reason, null, false, false);
    }
}
