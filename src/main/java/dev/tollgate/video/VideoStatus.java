package dev.tollgate.video;

/** A job's state; it only moves forward: queued → in progress → completed or failed. */
public enum VideoStatus {
    QUEUED("queued"),
    IN_PROGRESS("in_progress"),
    COMPLETED("completed"),
    FAILED("failed");

    private final String wire;

    VideoStatus(String wire) {
        this.wire = wire;
    }

    /** The OpenAI video API's name for it. */
    public String wire() {
        return wire;
    }

    public boolean isFinished() {
        return this == COMPLETED || this == FAILED;
    }
}
