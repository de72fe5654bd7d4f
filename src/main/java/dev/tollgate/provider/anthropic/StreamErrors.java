package dev.tollgate.provider.anthropic;

import dev.tollgate.provider.UpstreamException;
import tools.jackson.databind.JsonNode;

/**
 * Turns an {@code error} event, which Anthropic sends after the stream's 200 when it fails mid-reply, into the
 * {@link UpstreamException} the HTTP status of the same error type would have given.
 */
final class StreamErrors {

    private StreamErrors() {}

    /**
     * @param outputBegun true when text or tool calls were already passed on: the reply cannot move to another channel
     */
    static UpstreamException of(JsonNode event, boolean outputBegun) {
        JsonNode error = event.path("error");
        String type = error.path("type").asString("api_error");
        String message = error.path("message").asString("");
        int status = statusOf(type);
        // the request's own faults would fail on any channel, as UpstreamFailures has it for answered statuses
        boolean requestFault = status == 400 || status == 413 || status == 422;
        return new UpstreamException(
                "The upstream failed mid-stream with " + type + (message.isBlank() ? "" : ": " + message),
                !requestFault && !outputBegun,
                status,
                null);
    }

    /** The status Anthropic answers the error type with before a stream starts (its documented pairs). */
    static int statusOf(String type) {
        return switch (type) {
            case "invalid_request_error" -> 400;
            case "authentication_error" -> 401;
            case "billing_error" -> 402;
            case "permission_error" -> 403;
            case "not_found_error" -> 404;
            case "request_too_large" -> 413;
            case "rate_limit_error" -> 429;
            case "timeout_error" -> 504;
            case "overloaded_error" -> 529;
            default -> 500;
        };
    }
}
