package dev.tollgate.usage;

/** Where a request came from. */
public enum UsageSource {
    API,
    PLAYGROUND
}
