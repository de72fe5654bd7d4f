package dev.tollgate.provider;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * An upstream failed to answer. {@code retryable} failures may be retried on another channel before any output; the
 * HTTP status the upstream answered with (0 when it did not answer) and its {@code retry-after}, when it gave one, tell
 * routing how long to leave the channel alone.
 */
public class UpstreamException extends RuntimeException {

    private final boolean retryable;
    private final int status;
    private final @Nullable Duration retryAfter;

    public UpstreamException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
        this.status = 0;
        this.retryAfter = null;
    }

    public UpstreamException(String message, boolean retryable) {
        this(message, retryable, 0, null);
    }

    public UpstreamException(String message, boolean retryable, int status, @Nullable Duration retryAfter) {
        super(message);
        this.retryable = retryable;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public boolean retryable() {
        return retryable;
    }

    /** The upstream's HTTP status, or 0 when it never answered (connect error, timeout, broken stream). */
    public int status() {
        return status;
    }

    /**
     * The upstream refused the request itself as malformed (400, 413, 422): the caller's fault, which would fail on
     * every channel, not the upstream's.
     */
    public boolean refusedRequest() {
        return status == 400 || status == 413 || status == 422;
    }

    /** How long the upstream asked to be left alone, when it said. */
    public @Nullable Duration retryAfter() {
        return retryAfter;
    }
}
