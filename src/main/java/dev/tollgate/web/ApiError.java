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

    public static ApiError methodNotAllowed(String method, String path) {
        return new ApiError(
                HttpStatus.METHOD_NOT_ALLOWED,
                "invalid_request_error",
                "method_not_allowed",
                method + " is not supported on " + path,
                null);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(HttpStatus.CONTENT_TOO_LARGE, "invalid_request_error", "request_too_large", message, null);
    }

    public static ApiError unsupportedMediaType(String message) {
        return new ApiError(
                HttpStatus.UNSUPPORTED_MEDIA_TYPE, "invalid_request_error", "unsupported_media_type", message, null);
    }

    /**
     * The error for a bare status that the container or the framework chose before any endpoint could say more, with
     * a message that fits whatever the request was.
     */
    public static ApiError forStatus(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        if (known == null) {
            return status >= 500 ? internal() : invalidRequest("The request could not be handled.", null);
        }
        return switch (known) {
            case BAD_REQUEST -> invalidRequest("The request is malformed.", null);
            case UNAUTHORIZED -> unauthorized("Missing or incorrect credentials.");
            case FORBIDDEN -> forbidden("permission_denied", "This request is not allowed.");
            case NOT_FOUND -> notFound("unknown_endpoint", "Nothing is served at this URL.");
            case METHOD_NOT_ALLOWED ->
                new ApiError(
                        known,
                        "invalid_request_error",
                        "method_not_allowed",
                        "This method is not supported on this URL.",
                        null);
            case CONTENT_TOO_LARGE -> tooLarge("The request is larger than the server accepts.");
            case UNSUPPORTED_MEDIA_TYPE -> unsupportedMediaType("The request body's content type is not supported.");
            case REQUESTED_RANGE_NOT_SATISFIABLE ->
                new ApiError(
                        known,
                        "invalid_request_error",
                        "range_not_satisfiable",
                        "None of the requested byte ranges lies within the content.",
                        null);
            case SERVICE_UNAVAILABLE -> unavailable();
            default ->
                known.is4xxClientError()
                        ? new ApiError(known, "invalid_request_error", null, known.getReasonPhrase() + ".", null)
                        : new ApiError(known, "server_error", null, internal().message(), null);
        };
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
