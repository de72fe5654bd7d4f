package dev.tollgate.web;

import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.http.HttpStatus;

/**
 * A failure as a client is told about it: the status, the OpenAI {@code type} and {@code code}, a message for
 * people and, where one field is to blame, its name.
 */
public record ApiError(
        HttpStatus status,
        String type,
        @Nullable String code,
        String message,
        @Nullable String param) {

    public ApiError {
        Objects.requireNonNull(status);
        Objects.requireNonNull(type);
        Objects.requireNonNull(message);
    }

    public static ApiError invalidRequest(String message, @Nullable String param) {
        return new ApiError(HttpStatus.BAD_REQUEST, "invalid_request_error", null, message, param);
    }

    public static ApiError unauthorized(String message) {
        return new ApiError(HttpStatus.UNAUTHORIZED, "invalid_request_error", "invalid_api_key", message, null);
    }

    public static ApiError forbidden(String code, String message) {
        return new ApiError(HttpStatus.FORBIDDEN, "permission_error", code, message, null);
    }

    public static ApiError notFound(String code, String message) {
        return new ApiError(HttpStatus.NOT_FOUND, "invalid_request_error", code, message, null);
    }

    public static ApiError internal() {
        return new ApiError(
                HttpStatus.INTERNAL_SERVER_ERROR,
                "server_error",
                null,
                "The server had an error while processing your request. Retry, and report the request id if it persists.",
                null);
    }

    public static ApiError unavailable() {
        return new ApiError(
                HttpStatus.SERVICE_UNAVAILABLE,
                "server_error",
                "service_unavailable",
                "The service is temporarily unavailable. Retry shortly.",
                null);
    }

    /** Anthropic names its error types by status rather than by cause. */
    String anthropicType() {
        return switch (status) {
            case BAD_REQUEST -> "invalid_request_error";
            case UNAUTHORIZED -> "authentication_error";
            case PAYMENT_REQUIRED -> "billing_error";
            case FORBIDDEN -> "permission_error";
            case NOT_FOUND -> "not_found_error";
            case PAYLOAD_TOO_LARGE -> "request_too_large";
            case TOO_MANY_REQUESTS -> "rate_limit_error";
            case SERVICE_UNAVAILABLE, GATEWAY_TIMEOUT, BAD_GATEWAY -> "overloaded_error";
            default -> status.is4xxClientError() ? "invalid_request_error" : "api_error";
        };
    }
}
