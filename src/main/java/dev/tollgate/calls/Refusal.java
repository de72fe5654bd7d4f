package dev.tollgate.calls;

import dev.tollgate.catalog.ModelKind;
import dev.tollgate.money.Credits;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Why a call was turned away or could not be made: the domain's own reasons, with no HTTP in them. The API maps each
 * to its dialect's status, type and code; the portal words each for people.
 */
public sealed interface Refusal {

    /** No model of the catalog has this id. */
    record UnknownModel(String model) implements Refusal {}

    /** The model exists but makes something else than the call asks for (an image model sent to chat). */
    record WrongModelKind(String model, ModelKind kind, ModelKind wanted) implements Refusal {}

    /** The caller's key may not use the model. */
    record ModelNotAllowed(String model) implements Refusal {}

    /** The team's available credit cannot cover the call; {@code price} is its fixed price, when it has one. */
    record InsufficientCredit(@Nullable Credits price) implements Refusal {}

    /** The key's budget cannot cover the call. */
    record KeyBudgetSpent() implements Refusal {}

    /** The key made as many calls this minute as its limit allows. */
    record RateLimited(int requestsPerMinute, Duration retryAfter) implements Refusal {}

    /** The request cannot be served as asked; {@code field} names the field to blame, if one is. */
    record InvalidRequest(String message, @Nullable String field) implements Refusal {

        public InvalidRequest {
            Objects.requireNonNull(message);
        }
    }

    /** No upstream can take the call now (none serves the model, or all failed or are cooling down). */
    record UpstreamUnavailable(String message, Duration retryAfter) implements Refusal {}

    /** The upstream took the call and failed it. */
    record UpstreamFailed(String message) implements Refusal {}

    /** The upstream refused the request as malformed: the caller's to fix, as it would fail anywhere. */
    record UpstreamRefused(String message) implements Refusal {}
}
