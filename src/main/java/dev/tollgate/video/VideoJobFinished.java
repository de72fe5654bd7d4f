package dev.tollgate.video;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A video job has ended, once and on the instance that ended it: completed, or failed and refunded. It carries only
 * what metrics may show: no team, key or prompt.
 *
 * @param channel the upstream channel that took the job, if one did
 * @param completed whether the job completed; otherwise it failed (the upstream failed, or it took too long)
 * @param took from the job's acceptance to its end
 * @param charged what the team was charged in the end: the job's price when it completed, none when it was refunded
 */
public record VideoJobFinished(
        ModelId model, @Nullable String channel, boolean completed, Duration took, Credits charged) {

    public VideoJobFinished {
        Objects.requireNonNull(model);
        Objects.requireNonNull(took);
        Objects.requireNonNull(charged);
    }
}
