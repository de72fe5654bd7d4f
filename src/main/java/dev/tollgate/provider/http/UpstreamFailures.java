package dev.tollgate.provider.http;

import dev.tollgate.provider.UpstreamException;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns an upstream's error answer into an {@link UpstreamException}. Whether another channel may be tried follows the
 * status: the request's own faults (400, 413, 422) would fail anywhere, everything else (401/403 of a misconfigured
 * channel, 404 of a model the channel lacks, 408, 429, 5xx) is the channel's and may succeed on another.
 */
public final class UpstreamFailures {

    // the providers' error bodies all carry a "message" string somewhere; a regex finds it whatever the nesting
    private static final Pattern MESSAGE = Pattern.compile("\"message\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.){1,300})");
    private static final int MESSAGE_LIMIT = 300;

    private UpstreamFailures() {}

    public static UpstreamException ofStatus(int status, String body, HttpHeaders headers) {
        boolean retryable = !(status == 400 || status == 413 || status == 422);
        String detail = messageOf(body).map(message -> ": " + message).orElse("");
        return new UpstreamException(
                "The upstream answered " + status + detail, retryable, status, retryAfter(headers));
    }

    /** The wait an upstream asked for: {@code retry-after-ms}, or {@code retry-after} in seconds or as an HTTP date. */
    public static @Nullable Duration retryAfter(HttpHeaders headers) {
        Optional<String> millis = headers.firstValue("retry-after-ms");
        if (millis.isPresent()) {
            try {
                return Duration.ofMillis(
                        Math.max(0, (long) Double.parseDouble(millis.get().strip())));
            } catch (NumberFormatException e) {
                // fall through to retry-after
            }
        }
        return headers.firstValue("retry-after")
                .map(UpstreamFailures::parseRetryAfter)
                .orElse(null);
    }

    static @Nullable Duration parseRetryAfter(String value) {
        String trimmed = value.strip();
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(trimmed) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME)
                        .toInstant();
                Duration wait = Duration.between(Instant.now(), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    /** The human message in a provider's error body, unescaped enough to read. */
    public static Optional<String> messageOf(String body) {
        Matcher matcher = MESSAGE.matcher(body);
        if (!matcher.find()) {
            String plain = body.strip();
            return plain.isEmpty() || plain.startsWith("{") || plain.startsWith("<")
                    ? Optional.empty()
                    : Optional.of(plain.length() > MESSAGE_LIMIT ? plain.substring(0, MESSAGE_LIMIT) : plain);
        }
        return Optional.of(matcher.group(1).replace("\\\"", "\"").replace("\\n", " "));
    }
}
