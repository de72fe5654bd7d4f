package dev.tollgate.calls;

import dev.tollgate.usage.UsageStatus;
import java.util.Locale;

/**
 * How a call ended, in classes few enough to label metrics with: served, cancelled by the caller, failed upstream, or
 * refused for one kind of reason.
 */
public enum CallOutcome {
    OK,
    CANCELLED,
    UPSTREAM_ERROR,
    UPSTREAM_UNAVAILABLE,
    UPSTREAM_REFUSED,
    INVALID_REQUEST,
    NOT_ALLOWED,
    INSUFFICIENT_CREDIT,
    RATE_LIMITED,
    /** A fault of the gateway's own, outside the classes above. */
    ERROR;

    private final String label = name().toLowerCase(Locale.ROOT);

    /** The name metrics and traces use: {@code ok}, {@code rate_limited}, … */
    public String label() {
        return label;
    }

    static CallOutcome of(UsageStatus status) {
        return switch (status) {
            case SUCCEEDED -> OK;
            case CANCELLED -> CANCELLED;
            case FAILED -> UPSTREAM_ERROR;
        };
    }

    static CallOutcome of(Refusal refusal) {
        return switch (refusal) {
            case Refusal.UnknownModel unknown -> INVALID_REQUEST;
            case Refusal.WrongModelKind wrongKind -> INVALID_REQUEST;
            case Refusal.InvalidRequest invalid -> INVALID_REQUEST;
            case Refusal.ModelNotAllowed notAllowed -> NOT_ALLOWED;
            case Refusal.InsufficientCredit noCredit -> INSUFFICIENT_CREDIT;
            case Refusal.KeyBudgetSpent budgetSpent -> INSUFFICIENT_CREDIT;
            case Refusal.RateLimited limited -> RATE_LIMITED;
            case Refusal.UpstreamUnavailable unavailable -> UPSTREAM_UNAVAILABLE;
            case Refusal.UpstreamFailed failed -> UPSTREAM_ERROR;
            case Refusal.UpstreamRefused refused -> UPSTREAM_REFUSED;
        };
    }
}
