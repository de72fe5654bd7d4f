package dev.tollgate.calls;

import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A chat call has ended, served or refused, published on the thread that ran it once it has settled. It carries no
 * team, key, prompt or reply: only what metrics and traces may show.
 *
 * @param model the catalog model that served the call; null when the call was refused before its model was known
 * @param requested the model id the caller named
 * @param channel the upstream channel that answered, if one did
 * @param dialect the API dialect the caller spoke; null for the portal's playground
 * @param timeToFirstToken until the first output reached the caller, when any did
 * @param charged what the team was charged
 */
public record ChatCallFinished(
        @Nullable ModelId model,
        ModelId requested,
        @Nullable String channel,
        @Nullable Dialect dialect,
        CallOutcome outcome,
        Instant started,
        Duration latency,
        @Nullable Duration timeToFirstToken,
        TokenCounts tokens,
        Credits charged) {

    public ChatCallFinished {
        Objects.requireNonNull(requested);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(started);
        Objects.requireNonNull(latency);
        Objects.requireNonNull(tokens);
        Objects.requireNonNull(charged);
    }
}
