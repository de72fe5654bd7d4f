package dev.tollgate.gateway;

import dev.tollgate.provider.NoUpstreamChannelException;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.web.ApiError;
import dev.tollgate.web.ApiException;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/** The reasons the pipelines turn a request away, each with its status in both dialects. */
final class Refusals {

    private Refusals() {}

    static ApiException unknownModel(String model) {
        return new ApiException(ApiError.notFound(
                "model_not_found",
                "The model '" + model + "' does not exist. GET /v1/models lists the models you can use."));
    }

    static ApiException notAChatModel(String model, String kind) {
        return new ApiException(ApiError.invalidRequest(
                "The model '" + model + "' is an " + kind + " model and cannot chat; use a chat model such as"
                        + " aws/claude-sonnet-4-6.",
                "model"));
    }

    static ApiException notAnImageModel(String model, String kind) {
        return new ApiException(ApiError.invalidRequest(
                "The model '" + model + "' is a " + kind + " model and cannot make images; use an image model such as"
                        + " enterprise/image-2.",
                "model"));
    }

    static ApiException fixedResolution(String model, String size, String requested) {
        return new ApiException(ApiError.invalidRequest(
                "The model '" + model + "' renders only " + size + " images; size '" + requested
                        + "' is not available. Pass size \"" + size + "\" or \"auto\", or leave size out.",
                "size"));
    }

    static ApiException outputCapAboveLimit(String model, int asked, int limit) {
        return new ApiException(ApiError.invalidRequest(
                "max_tokens: " + asked + " > " + limit + ", the most output tokens the model '" + model
                        + "' can give. Ask for " + limit + " or fewer.",
                "max_tokens"));
    }

    static ApiException invalid(String message, String param) {
        return new ApiException(ApiError.invalidRequest(message, param));
    }

    static ApiException creditForFixedPrice(String price) {
        return new ApiException(new ApiError(
                HttpStatus.PAYMENT_REQUIRED,
                "insufficient_quota",
                "insufficient_quota",
                "Your team's balance is too low for this request, which costs " + price + ". Add credit and try"
                        + " again.",
                null));
    }

    static ApiException modelNotAllowed(String model) {
        return new ApiException(
                ApiError.forbidden("model_not_allowed", "This API key may not use the model '" + model + "'."));
    }

    static ApiException insufficientCredit() {
        return new ApiException(new ApiError(
                HttpStatus.PAYMENT_REQUIRED,
                "insufficient_quota",
                "insufficient_quota",
                "Your team's balance is too low for this request. Add credit, or lower max_tokens.",
                null));
    }

    static ApiException keyBudgetSpent(String message) {
        return new ApiException(
                new ApiError(HttpStatus.PAYMENT_REQUIRED, "insufficient_quota", "key_budget_exceeded", message, null));
    }

    static ApiException rateLimited(int limit, long retryAfterSeconds) {
        return new ApiException(
                new ApiError(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "rate_limit_error",
                        "rate_limit_exceeded",
                        "Rate limit of " + limit + " requests per minute reached for this API key. Retry after "
                                + retryAfterSeconds + " s.",
                        null),
                retryAfterSeconds);
    }

    /**
     * No upstream could take the request now. {@code retry-after} passes on the wait the upstreams asked for (up to ten
     * minutes), so SDKs back off as long as needed; one second when they named none.
     */
    static ApiException upstreamUnavailable(UpstreamException failure) {
        Duration asked = failure.retryAfter();
        long seconds = asked == null ? 1 : Math.clamp((asked.toMillis() + 999) / 1000, 1, 600);
        return new ApiException(
                new ApiError(
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "server_error",
                        "upstream_unavailable",
                        String.valueOf(failure.getMessage()),
                        null),
                seconds);
    }

    /** The upstream refused the request as malformed: a 400 the caller can act on, which SDKs do not retry. */
    static ApiException refusedByUpstream(UpstreamException refusal) {
        return new ApiException(
                ApiError.invalidRequest("The upstream refused the request: " + refusal.getMessage(), null));
    }

    /** How an upstream failure reaches the caller: refused as malformed, unavailable for now, or failed. */
    static ApiException ofUpstream(UpstreamException failure) {
        if (failure.refusedRequest()) {
            return refusedByUpstream(failure);
        }
        return failure.retryable() || failure instanceof NoUpstreamChannelException
                ? upstreamUnavailable(failure)
                : upstreamFailed(String.valueOf(failure.getMessage()));
    }

    static ApiException upstreamFailed(String message) {
        return new ApiException(new ApiError(
                HttpStatus.BAD_GATEWAY,
                "server_error",
                "upstream_error",
                "The upstream model failed: " + message,
                null));
    }
}
