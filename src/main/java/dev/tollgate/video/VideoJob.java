package dev.tollgate.video;

import dev.tollgate.account.TeamId;
import dev.tollgate.caller.Caller;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.media.MediaId;
import dev.tollgate.money.Credits;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A video job as the API and the portal show it, with the caller who asked for it.
 *
 * @param video the stored MP4 once completed (and not deleted)
 * @param refunded whether its charge was refunded (failed jobs)
 */
public record VideoJob(
        VideoJobId id,
        Caller caller,
        ModelId model,
        String prompt,
        int seconds,
        String size,
        VideoStatus status,
        int progress,
        @Nullable MediaId video,
        @Nullable String error,
        Credits cost,
        boolean refunded,
        Instant createdAt,
        @Nullable Instant startedAt,
        @Nullable Instant completedAt) {

    public TeamId team() {
        return caller.team();
    }
}
