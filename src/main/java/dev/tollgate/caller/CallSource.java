package dev.tollgate.caller;

/** Where a call came from: the public API with a key, or a person in the portal. */
public enum CallSource {
    API,
    PLAYGROUND
}
