package dev.tollgate.video;

import java.sql.Timestamp;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** How the shared video queue stands, across all teams and instances, for monitoring. */
@Component
public class VideoQueue {

    /** Jobs waiting for a worker, and when the longest-waiting of them was accepted (null with none waiting). */
    public record Depth(long queued, @Nullable Instant oldestQueuedAt) {}

    private final JdbcClient jdbc;

    VideoQueue(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Depth depth() {
        return jdbc.sql("select count(*), min(created_at) from video_job where status = 'QUEUED'")
                .query((row, number) -> {
                    Timestamp oldest = row.getTimestamp(2);
                    return new Depth(row.getLong(1), oldest == null ? null : oldest.toInstant());
                })
                .single();
    }
}
