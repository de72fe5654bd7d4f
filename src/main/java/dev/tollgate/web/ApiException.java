package dev.tollgate.web;

/** Thrown anywhere below an API endpoint to answer with this error; mapped once, in the caller's dialect. */
public class ApiException extends RuntimeException {

    private final ApiError error;

    public ApiException(ApiError error) {
        super(error.message(), null, false, false);
        this.error = error;
    }

    public ApiError error() {
        return error;
    }
}
