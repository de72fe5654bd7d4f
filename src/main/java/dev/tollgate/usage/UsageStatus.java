package dev.tollgate.usage;

/** How a request ended. */
public enum UsageStatus {
    /** Served in full. */
    SUCCEEDED,
    /** The caller went away mid-reply; what was generated was charged. */
    CANCELLED,
    /** The upstream failed; charged only for output already delivered, if any. */
    FAILED
}
