package dev.tollgate.media;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A gallery filter; null parts match everything.
 *
 * @param text words the prompt contains, case-insensitively
 * @param from created at or after
 * @param until created before
 */
public record MediaQuery(
        @Nullable MediaKind kind,
        @Nullable String text,
        @Nullable String model,
        @Nullable Instant from,
        @Nullable Instant until) {

    public static MediaQuery all(MediaKind kind) {
        return new MediaQuery(kind, null, null, null, null);
    }
}
