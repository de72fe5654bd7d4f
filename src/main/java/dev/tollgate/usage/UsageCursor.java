package dev.tollgate.usage;

import java.time.Instant;
import java.util.Objects;

/** Where a page of the usage history ended: the next page starts with the rows older than this one. */
public record UsageCursor(Instant createdAt, long id) {

    public UsageCursor {
        Objects.requireNonNull(createdAt);
    }
}
