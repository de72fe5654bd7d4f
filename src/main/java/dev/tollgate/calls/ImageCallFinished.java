package dev.tollgate.calls;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * An image call (a generation or an edit) has ended, served or refused, published on the thread that ran it once its
 * charge was confirmed or refunded. Like {@link ChatCallFinished} it carries only what metrics may show.
 *
 * @param model the catalog model that served the call; null when the call was refused before its model was known
 * @param requested the model id the caller named, or {@link #NOT_A_MODEL_ID} when what it named is none
 * @param channel the upstream channel that answered, if one did
 * @param images how many images the caller received
 * @param charged what the team was charged, none when the call failed
 */
public record ImageCallFinished(
        @Nullable ModelId model,
        String requested,
        @Nullable String channel,
        CallOutcome outcome,
        Instant started,
        Duration latency,
        int images,
        Credits charged) {

    public static final String NOT_A_MODEL_ID = "unknown";

    public ImageCallFinished {
        Objects.requireNonNull(requested);
        Objects.requireNonNull(outcome);
        Objects.requireNonNull(started);
        Objects.requireNonNull(latency);
        Objects.requireNonNull(charged);
    }
}
