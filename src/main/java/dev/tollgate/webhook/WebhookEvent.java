package dev.tollgate.webhook;

import dev.tollgate.account.TeamId;
import java.util.Objects;
import java.util.UUID;

/**
 * An event for a team's webhook as the outbox keeps it: its id (the {@code X-Tollgate-Event-Id} of every attempt), its
 * type, and the JSON body posted on every attempt.
 */
record WebhookEvent(UUID id, TeamId team, String type, byte[] payload) {

    WebhookEvent {
        Objects.requireNonNull(id);
        Objects.requireNonNull(team);
        Objects.requireNonNull(type);
        Objects.requireNonNull(payload);
    }
}
