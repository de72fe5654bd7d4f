package dev.tollgate.fetch;

import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/** The URL was allowed but fetching it failed: unknown host, network error, time-out or a status other than 2xx. */
public final class FetchFailedException extends FetchException {

    private final @Nullable Integer status;

    public FetchFailedException(String message, @Nullable Throwable cause) {
        super(message, cause);
        this.status = null;
    }

    public FetchFailedException(int status) {
        super("The URL answered with HTTP status " + status);
        this.status = status;
    }

    /** The HTTP status the URL answered with, when it answered at all. */
    public OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }
}
