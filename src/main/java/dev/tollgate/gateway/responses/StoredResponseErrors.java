package dev.tollgate.gateway.responses;

import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import org.jspecify.annotations.Nullable;

/** The 404 OpenAI gives for a response id the caller's team has not stored (or no longer has). */
final class StoredResponseErrors {

    private StoredResponseErrors() {}

    static ApiException notFound(String id, @Nullable String param) {
        return new ApiException(new ApiError(
                org.springframework.http.HttpStatus.NOT_FOUND,
                "invalid_request_error",
                "not_found",
                "Response with id '" + id + "' not found.",
                param));
    }
}
