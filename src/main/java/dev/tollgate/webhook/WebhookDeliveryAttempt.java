package dev.tollgate.webhook;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to post an event to a team's webhook: which event ({@code eventId} as the receiver saw it in
 * {@code X-Tollgate-Event-Id}) and try, when, the receiver's HTTP status if it answered, why it failed if it did, and
 * when the next try is due if one is.
 */
public record WebhookDeliveryAttempt(
        UUID eventId,
        String eventType,
        int attempt,
        Instant at,
        @Nullable Integer httpStatus,
        @Nullable String error,
        @Nullable Instant nextRetryAt) {

    public boolean delivered() {
        return error == null;
    }
}
