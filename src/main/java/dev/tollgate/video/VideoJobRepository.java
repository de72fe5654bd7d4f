package dev.tollgate.video;

import dev.tollgate.account.TeamId;
import dev.tollgate.caller.CallerColumns;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.media.MediaId;
import dev.tollgate.money.Credits;
import dev.tollgate.text.StorableText;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The queue. Every change of a job's state is one conditional statement: a claim takes a job nobody holds, and a
 * worker's writes only land while it still holds the job, so two workers or a worker and the timeout sweeper can
 * never both move the same job.
 */
@Repository
class VideoJobRepository {

    private static final String JOB_COLUMNS = """
            id, %s, model, prompt, seconds, size, status,
            progress, video_media_id, error, cost, refunded, created_at, started_at, completed_at""".formatted(CallerColumns.NAMES);

    private static final String TICKET_COLUMNS = """
            id, %s, model, prompt, seconds, size,
            reference_image, charge_id, cost, channel, upstream_task_id, attempts, progress, created_at,
            trace_context""".formatted(CallerColumns.NAMES);

    private static final String UNFINISHED = "status in ('QUEUED', 'IN_PROGRESS')";

    private final JdbcClient jdbc;

    VideoJobRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(VideoJob job, byte @Nullable [] referenceImage, UUID chargeId, @Nullable String traceContext) {
        jdbc.sql("""
                        insert into video_job (
                            id, %s, model, prompt, seconds, size,
                            reference_image, status, progress, charge_id, cost, created_at, updated_at, trace_context)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', 0, ?, ?, ?, ?, ?)""".formatted(CallerColumns.NAMES))
                .params(CallerColumns.row(
                        job.id().value(),
                        job.caller(),
                        job.model().value(),
                        job.prompt(),
                        job.seconds(),
                        job.size(),
                        referenceImage,
                        chargeId,
                        job.cost().amount(),
                        Timestamp.from(job.createdAt()),
                        Timestamp.from(job.createdAt()),
                        traceContext))
                .update();
    }

    Optional<VideoJob> findLive(TeamId team, VideoJobId id) {
        return jdbc.sql("select " + JOB_COLUMNS + " from video_job where id = ? and team_id = ? and deleted_at is null")
                .params(id.value(), team.value())
                .query(VideoJobRepository::job)
                .optional();
    }

    /** A page of the team's live jobs in creation order, continuing after {@code after} (keyset paging). */
    List<VideoJob> page(
            TeamId team, @Nullable VideoStatus status, @Nullable VideoJobId after, int limit, boolean newestFirst) {
        Map<String, Object> params = new HashMap<>();
        StringBuilder sql = new StringBuilder("select " + JOB_COLUMNS + " from video_job where ")
                .append(where(team, status, params));
        if (after != null) {
            sql.append(" and (created_at, id) ")
                    .append(newestFirst ? "<" : ">")
                    .append(" (select created_at, id from video_job where id = :after and team_id = :team)");
            params.put("after", after.value());
        }
        String direction = newestFirst ? "desc" : "asc";
        sql.append(" order by created_at ")
                .append(direction)
                .append(", id ")
                .append(direction)
                .append(" limit ")
                .append(Math.max(1, limit));
        return jdbc.sql(sql.toString())
                .params(params)
                .query(VideoJobRepository::job)
                .list();
    }

    long count(TeamId team, @Nullable VideoStatus status) {
        Map<String, Object> params = new HashMap<>();
        return jdbc.sql("select count(*) from video_job where " + where(team, status, params))
                .params(params)
                .query(Long.class)
                .single();
    }

    /** Hides a finished job and drops its reference image; false when it was not live. */
    boolean markDeleted(VideoJobId id, Instant now) {
        return jdbc.sql("""
                        update video_job set deleted_at = ?, reference_image = null, updated_at = ?
                        where id = ? and deleted_at is null and status in ('COMPLETED', 'FAILED')""")
                        .params(Timestamp.from(now), Timestamp.from(now), id.value())
                        .update()
                == 1;
    }

    /**
     * Claims the oldest job that is queued, or in progress under a lapsed lease, and not older than {@code
     * createdAfter}. Jobs another worker is claiming at the same moment are skipped, not waited for.
     */
    Optional<JobTicket> claim(String worker, Duration lease, Instant createdAfter, Instant now) {
        return jdbc.sql("update video_job set status = 'IN_PROGRESS', locked_by = :worker, locked_until = :until,"
                        + " attempts = attempts + 1, started_at = coalesce(started_at, :now), updated_at = :now"
                        + " where id = (select id from video_job"
                        + " where (status = 'QUEUED' or (status = 'IN_PROGRESS' and locked_until < :now))"
                        + " and created_at > :createdAfter"
                        + " order by created_at for update skip locked limit 1)"
                        + " returning " + TICKET_COLUMNS)
                .param("worker", worker)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("createdAfter", Timestamp.from(createdAfter))
                .query(VideoJobRepository::ticket)
                .optional();
    }

    /** Keeps the upstream's task with the job, so whoever holds it next follows that task instead of submitting. */
    boolean recordTask(VideoJobId id, String worker, String channel, String taskId, Instant now) {
        return jdbc.sql("""
                        update video_job set channel = ?, upstream_task_id = ?, updated_at = ?
                        where id = ? and status = 'IN_PROGRESS' and locked_by = ?""")
                        .params(channel, taskId, Timestamp.from(now), id.value(), worker)
                        .update()
                == 1;
    }

    /** Writes progress (it never goes back) and renews the lease; false when the worker no longer holds the job. */
    boolean progress(VideoJobId id, String worker, int progress, Duration lease, Instant now) {
        return jdbc.sql("""
                        update video_job set progress = greatest(progress, ?), locked_until = ?, updated_at = ?
                        where id = ? and status = 'IN_PROGRESS' and locked_by = ?""")
                        .params(progress, Timestamp.from(now.plus(lease)), Timestamp.from(now), id.value(), worker)
                        .update()
                == 1;
    }

    /** Renews the lease; false when the worker no longer holds the job. */
    boolean renew(VideoJobId id, String worker, Duration lease, Instant now) {
        return jdbc.sql("""
                        update video_job set locked_until = ?
                        where id = ? and status = 'IN_PROGRESS' and locked_by = ?""")
                        .params(Timestamp.from(now.plus(lease)), id.value(), worker)
                        .update()
                == 1;
    }

    /**
     * Lets go of a job so that any worker may claim it from {@code claimableAt}. A job let go at shutdown has not had
     * a fair try, so its claim is not counted ({@code countAttempt} false).
     */
    boolean release(VideoJobId id, String worker, Instant claimableAt, boolean countAttempt, Instant now) {
        return jdbc.sql("update video_job set locked_by = null, locked_until = ?, updated_at = ?"
                                + (countAttempt ? "" : ", attempts = greatest(attempts - 1, 0)")
                                + " where id = ? and status = 'IN_PROGRESS' and locked_by = ?")
                        .params(Timestamp.from(claimableAt), Timestamp.from(now), id.value(), worker)
                        .update()
                == 1;
    }

    /** Completes the job if the worker still holds it. */
    boolean complete(VideoJobId id, String worker, MediaId video, Instant now) {
        return jdbc.sql("""
                        update video_job set status = 'COMPLETED', progress = 100, video_media_id = ?,
                            reference_image = null, locked_by = null, locked_until = null, completed_at = ?,
                            updated_at = ?
                        where id = ? and status = 'IN_PROGRESS' and locked_by = ?""")
                        .params(video.value(), Timestamp.from(now), Timestamp.from(now), id.value(), worker)
                        .update()
                == 1;
    }

    /**
     * Fails the job if it is unfinished and, when {@code worker} is given, that worker holds it; the sweeper passes
     * none. Returns the job to whoever won, who then refunds it and records its usage.
     */
    Optional<JobTicket> fail(VideoJobId id, @Nullable String worker, String error, Instant now) {
        Map<String, Object> params = new HashMap<>();
        params.put("error", StorableText.fit(error, 500));
        params.put("now", Timestamp.from(now));
        params.put("id", id.value());
        if (worker != null) {
            params.put("worker", worker);
        }
        return jdbc.sql("update video_job set status = 'FAILED', error = :error, reference_image = null,"
                        + " locked_by = null, locked_until = null, completed_at = :now, updated_at = :now"
                        + " where id = :id and " + UNFINISHED
                        + (worker == null ? "" : " and locked_by = :worker")
                        + " returning " + TICKET_COLUMNS)
                .params(params)
                .query(VideoJobRepository::ticket)
                .optional();
    }

    void markRefunded(VideoJobId id) {
        jdbc.sql("update video_job set refunded = true where id = ?")
                .param(id.value())
                .update();
    }

    /** Unfinished jobs accepted before {@code cutoff}, oldest first. */
    List<VideoJobId> unfinishedCreatedBefore(Instant cutoff, int limit) {
        return jdbc.sql("select id from video_job where " + UNFINISHED
                        + " and created_at < ? order by created_at limit ?")
                .params(Timestamp.from(cutoff), limit)
                .query((rs, row) -> new VideoJobId(rs.getString(1)))
                .list();
    }

    private static String where(TeamId team, @Nullable VideoStatus status, Map<String, Object> params) {
        params.put("team", team.value());
        if (status == null) {
            return "team_id = :team and deleted_at is null";
        }
        params.put("status", status.name());
        return "team_id = :team and deleted_at is null and status = :status";
    }

    private static VideoJob job(ResultSet rs, int row) throws SQLException {
        String video = rs.getString("video_media_id");
        return new VideoJob(
                new VideoJobId(rs.getString("id")),
                CallerColumns.read(rs),
                new ModelId(rs.getString("model")),
                rs.getString("prompt"),
                rs.getInt("seconds"),
                rs.getString("size"),
                VideoStatus.valueOf(rs.getString("status")),
                rs.getInt("progress"),
                video == null ? null : new MediaId(video),
                rs.getString("error"),
                new Credits(rs.getBigDecimal("cost")),
                rs.getBoolean("refunded"),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("started_at")),
                instant(rs.getTimestamp("completed_at")));
    }

    private static JobTicket ticket(ResultSet rs, int row) throws SQLException {
        return new JobTicket(
                new VideoJobId(rs.getString("id")),
                CallerColumns.read(rs),
                new ModelId(rs.getString("model")),
                rs.getString("prompt"),
                rs.getInt("seconds"),
                rs.getString("size"),
                rs.getBytes("reference_image"),
                rs.getObject("charge_id", UUID.class),
                new Credits(rs.getBigDecimal("cost")),
                rs.getString("channel"),
                rs.getString("upstream_task_id"),
                rs.getInt("attempts"),
                rs.getInt("progress"),
                rs.getTimestamp("created_at").toInstant(),
                rs.getString("trace_context"));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
