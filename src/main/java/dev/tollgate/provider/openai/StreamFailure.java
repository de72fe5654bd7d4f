package dev.tollgate.provider.openai;

import dev.tollgate.provider.UpstreamException;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Turns an error an upstream sent inside a stream ({@code data: {"error": {...}}}) into an {@link UpstreamException}
 * with the status it would have answered with: overload and rate limits may go to another channel, the request's own
 * faults may not, and nothing may once output has reached the caller.
 */
final class StreamFailure {

    private StreamFailure() {}

    static UpstreamException of(JsonNode error, boolean outputStarted) {
        String message =
                error.isString() ? error.asString() : error.path("message").asString("");
        return withStatus(message, statusOf(error), outputStarted);
    }

    /** A failure the upstream reported as {@code message}, classified as an answer with {@code status} would be. */
    static UpstreamException withStatus(String message, int status, boolean outputStarted) {
        boolean retryable = status != 400 && status != 413 && status != 422 && !outputStarted;
        String text = "The upstream failed mid-stream" + (message.isBlank() ? "" : ": " + message);
        return new UpstreamException(text, retryable, status, null);
    }

    /** The status an error object stands for, by its numeric code or by the words in its type and code. */
    static int statusOf(JsonNode error) {
        JsonNode code = error.path("code");
        if (code.isIntegralNumber() && code.asInt() >= 400 && code.asInt() < 600) {
            return code.asInt();
        }
        String kind = (error.path("type").asString("") + " " + code.asString("") + " "
                        + (error.isString() ? error.asString() : ""))
                .toLowerCase(Locale.ROOT);
        if (kind.contains("rate_limit") || kind.contains("insufficient_quota")) {
            return 429;
        }
        if (kind.contains("overload") || kind.contains("unavailable")) {
            return 503;
        }
        if (kind.contains("invalid_request") || kind.contains("context_length") || kind.contains("bad_request")) {
            return 400;
        }
        // an unnamed failure mid-stream is the server's
        return 500;
    }
}
