package dev.tollgate.video;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.media.MediaId;
import dev.tollgate.money.Credits;
import dev.tollgate.usage.UsageSource;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A video job as the API and the portal show it.
 *
 * @param video the stored MP4 once completed (and not deleted)
 * @param refunded whether its charge was refunded (failed jobs)
 */
public record VideoJob(
        VideoJobId id,
        TeamId team,
        @Nullable UUID apiKeyId,
        @Nullable UserId user,
        String requestId,
        UsageSource source,
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
        @Nullable Instant completedAt) {}
