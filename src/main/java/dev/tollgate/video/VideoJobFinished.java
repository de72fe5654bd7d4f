package dev.tollgate.video;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A video job has ended, once and on the instance that ended it: completed, or failed and refunded. It carries only
 * what metrics and traces may show: no team, key or prompt.
 *
 * @param channel the upstream channel that took the job, if one did
 * @param completed whether the job completed; otherwise it failed (the upstream failed, or it took too long)
 * @param accepted when the job was accepted (queued and charged)
 * @param took from the job's acceptance to its end
 * @param charged what the team was charged in the end: the job's price when it completed, none when it was refunded
 * @param traceContext the {@code traceparent} of the request that queued the job, if it had one
 */
public record VideoJobFinished(
        ModelId model,
        @Nullable String channel,
        boolean completed,
        Instant accepted,
        Duration took,
        Credits charged,
        @Nullable String traceContext) {

    public VideoJobFinished {
        Objects.requireNonNull(model);
        Objects.requireNonNull(accepted);
        Objects.requireNonNull(took);
        Objects.requireNonNull(charged);
    }
}
