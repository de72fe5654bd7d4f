package dev.tollgate.database;

import java.time.Instant;
import java.util.Objects;

/**
 * Present when this instance started its database itself (the embedded one: it listens on loopback only, and only one
 * running instance can hold its directory's lock), so nothing else works on it. Work the database shows in progress
 * from before {@code openedAt}, such as the credit holds of requests, was left by an earlier run of the application
 * that ended without finishing it and can be wound up at once. On a shared database no instance can say that of
 * another's work.
 */
public record ExclusiveDatabase(Instant openedAt) {

    public ExclusiveDatabase {
        Objects.requireNonNull(openedAt);
    }
}
