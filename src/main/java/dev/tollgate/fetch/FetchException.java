package dev.tollgate.fetch;

import org.jspecify.annotations.Nullable;

/** A URL that could not be fetched; the message is written for the caller who gave the URL. */
public abstract sealed class FetchException extends RuntimeException
        permits FetchRefusedException, FetchFailedException {

    FetchException(String message) {
        super(message);
    }

    FetchException(String message, @Nullable Throwable cause) {
        super(message, cause);
    }
}
