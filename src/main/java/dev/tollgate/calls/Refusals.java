package dev.tollgate.calls;

import dev.tollgate.catalog.ModelKind;
import dev.tollgate.money.Credits;
import dev.tollgate.provider.NoUpstreamChannelException;
import dev.tollgate.provider.UpstreamException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** The refusals the pipelines throw, built in one place. */
final class Refusals {

    /** The longest {@code retry-after} passed on from upstreams. */
    private static final Duration LONGEST_WAIT = Duration.ofMinutes(10);

    private Refusals() {}

    static CallRefusedException refuse(Refusal refusal) {
        return new CallRefusedException(refusal);
    }

    static CallRefusedException unknownModel(String model) {
        return refuse(new Refusal.UnknownModel(model));
    }

    static CallRefusedException wrongKind(String model, ModelKind kind, ModelKind wanted) {
        return refuse(new Refusal.WrongModelKind(model, kind, wanted));
    }

    static CallRefusedException modelNotAllowed(String model) {
        return refuse(new Refusal.ModelNotAllowed(model));
    }

    static CallRefusedException insufficientCredit(@Nullable Credits price) {
        return refuse(new Refusal.InsufficientCredit(price));
    }

    static CallRefusedException keyBudgetSpent() {
        return refuse(new Refusal.KeyBudgetSpent());
    }

    static CallRefusedException invalid(String message, @Nullable String field) {
        return refuse(new Refusal.InvalidRequest(message, field));
    }

    static CallRefusedException rateLimited(int requestsPerMinute, Duration retryAfter) {
        return refuse(new Refusal.RateLimited(requestsPerMinute, retryAfter));
    }

    static CallRefusedException upstreamFailed(String message) {
        return refuse(new Refusal.UpstreamFailed(message));
    }

    /**
     * How an upstream failure reaches the caller: refused as malformed, unavailable for now (passing on the wait the
     * upstreams asked for, up to ten minutes; a second when they named none), or failed.
     */
    static CallRefusedException ofUpstream(UpstreamException failure) {
        String message = String.valueOf(failure.getMessage());
        if (failure.refusedRequest()) {
            return refuse(new Refusal.UpstreamRefused(message));
        }
        if (failure.retryable() || failure instanceof NoUpstreamChannelException) {
            Duration asked = failure.retryAfter();
            Duration wait = asked == null || asked.compareTo(Duration.ofSeconds(1)) < 0
                    ? Duration.ofSeconds(1)
                    : asked.compareTo(LONGEST_WAIT) > 0 ? LONGEST_WAIT : asked;
            return refuse(new Refusal.UpstreamUnavailable(message, wait));
        }
        return refuse(new Refusal.UpstreamFailed(message));
    }
}
