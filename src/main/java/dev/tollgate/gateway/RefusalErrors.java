package dev.tollgate.gateway;

import dev.tollgate.calls.Refusal;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import java.time.Duration;
import java.util.Locale;
import org.springframework.http.HttpStatus;

/**
 * The one place a {@link Refusal} of the call lifecycle becomes an HTTP answer: its status, OpenAI's error {@code type}
 * and {@code code}, the message for developers, the field to blame and, where it helps, {@code retry-after}. Anthropic's
 * error type follows from the status ({@code billing_error} for 402, {@code overloaded_error} for 503, …) when the
 * answer is written in that dialect.
 */
public final class RefusalErrors {

    private RefusalErrors() {}

    public static ApiException of(Refusal refusal) {
        return switch (refusal) {
            case Refusal.UnknownModel unknown ->
                new ApiException(ApiError.notFound(
                        "model_not_found",
                        "The model '" + unknown.model()
                                + "' does not exist. GET /v1/models lists the models you can use."));
            case Refusal.WrongModelKind wrong ->
                new ApiException(ApiError.invalidRequest(
                        "The model '" + wrong.model() + "' is " + article(wrong.kind()) + " model and cannot "
                                + doing(wrong.wanted()) + "; use " + article(wrong.wanted()) + " model such as "
                                + example(wrong.wanted()) + ".",
                        "model"));
            case Refusal.ModelNotAllowed notAllowed ->
                new ApiException(ApiError.forbidden(
                        "model_not_allowed", "This API key may not use the model '" + notAllowed.model() + "'."));
            case Refusal.InsufficientCredit lacking ->
                new ApiException(new ApiError(
                        HttpStatus.PAYMENT_REQUIRED,
                        "insufficient_quota",
                        "insufficient_quota",
                        lacking.price() == null
                                ? "Your team's balance is too low for this request. Add credit, or lower max_tokens."
                                : "Your team's balance is too low for this request, which costs "
                                        + lacking.price().display() + ". Add credit and try again.",
                        null));
            case Refusal.KeyBudgetSpent spent ->
                new ApiException(new ApiError(
                        HttpStatus.PAYMENT_REQUIRED,
                        "insufficient_quota",
                        "key_budget_exceeded",
                        "This API key's budget is spent. Raise its budget or use another key.",
                        null));
            case Refusal.RateLimited limited ->
                new ApiException(
                        new ApiError(
                                HttpStatus.TOO_MANY_REQUESTS,
                                "rate_limit_error",
                                "rate_limit_exceeded",
                                "Rate limit of " + limited.requestsPerMinute()
                                        + " requests per minute reached for this API key. Retry after "
                                        + seconds(limited.retryAfter()) + " s.",
                                null),
                        seconds(limited.retryAfter()));
            case Refusal.InvalidRequest invalid ->
                new ApiException(ApiError.invalidRequest(invalid.message(), invalid.field()));
            case Refusal.UpstreamUnavailable unavailable ->
                new ApiException(
                        new ApiError(
                                HttpStatus.SERVICE_UNAVAILABLE,
                                "server_error",
                                "upstream_unavailable",
                                unavailable.message(),
                                null),
                        seconds(unavailable.retryAfter()));
            case Refusal.UpstreamFailed failed ->
                new ApiException(new ApiError(
                        HttpStatus.BAD_GATEWAY,
                        "server_error",
                        "upstream_error",
                        "The upstream model failed: " + failed.message(),
                        null));
            case Refusal.UpstreamRefused refused ->
                new ApiException(
                        ApiError.invalidRequest("The upstream refused the request: " + refused.message(), null));
        };
    }

    private static long seconds(Duration wait) {
        return Math.max(1, (wait.toMillis() + 999) / 1000);
    }

    private static String article(ModelKind kind) {
        String label = kind.label().toLowerCase(Locale.ROOT);
        return ("aeiou".indexOf(label.charAt(0)) >= 0 ? "an " : "a ") + label;
    }

    private static String doing(ModelKind kind) {
        return switch (kind) {
            case CHAT -> "chat";
            case IMAGE -> "make images";
            case VIDEO -> "make videos";
        };
    }

    private static String example(ModelKind kind) {
        return switch (kind) {
            case CHAT -> "aws/claude-sonnet-4-6";
            case IMAGE -> "enterprise/image-2";
            case VIDEO -> "enterprise/seedance-1-5-pro";
        };
    }
}
