package dev.tollgate.web;

import org.jspecify.annotations.Nullable;

/** Thrown anywhere below an API endpoint to answer with this error; mapped once, in the caller's dialect. */
public class ApiException extends RuntimeException {

    private final ApiError error;
    private final @Nullable Long retryAfterSeconds;

    public ApiException(ApiError error) {
        this(error, null);
    }

    /** An error the caller may retry after the given delay, sent as the {@code retry-after} header. */
    public ApiException(ApiError error, @Nullable Long retryAfterSeconds) {
        super(error.message(), null, false, false);
        this.error = error;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public ApiError error() {
        return error;
    }

    public @Nullable Long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
