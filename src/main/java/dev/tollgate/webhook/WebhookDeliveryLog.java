package dev.tollgate.webhook;

import dev.tollgate.account.TeamId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The webhook_delivery_attempt table: every attempt the delivery code makes, written as it happens by the worker that
 * made it, in no transaction of anyone else's.
 */
@Component
class WebhookDeliveryLog {

    /** The column's width; a longer failure message is cut. */
    private static final int LONGEST_ERROR = 500;

    private final JdbcClient jdbc;

    WebhookDeliveryLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(TeamId team, WebhookDeliveryAttempt attempt) {
        String error = attempt.error() == null
                ? null
                : attempt.error().substring(0, Math.min(attempt.error().length(), LONGEST_ERROR));
        jdbc.sql("""
                        insert into webhook_delivery_attempt
                            (team_id, event_id, event_type, attempt, attempted_at, http_status, error, next_retry_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        team.value(),
                        attempt.eventId(),
                        attempt.eventType(),
                        attempt.attempt(),
                        Timestamp.from(attempt.at()),
                        attempt.httpStatus(),
                        error,
                        attempt.nextRetryAt() == null ? null : Timestamp.from(attempt.nextRetryAt()))
                .update();
    }

    List<WebhookDeliveryAttempt> latest(TeamId team, int limit) {
        return jdbc.sql("""
                        select event_id, event_type, attempt, attempted_at, http_status, error, next_retry_at
                        from webhook_delivery_attempt
                        where team_id = ?
                        order by attempted_at desc, id desc
                        limit ?""")
                .params(team.value(), limit)
                .query((rs, row) -> attempt(rs))
                .list();
    }

    /** Deletes up to {@code batch} attempts made before {@code before}; how many went. */
    int prune(Instant before, int batch) {
        return jdbc.sql("""
                        delete from webhook_delivery_attempt where id in (
                            select id from webhook_delivery_attempt where attempted_at < :before limit :batch)""")
                .param("before", Timestamp.from(before))
                .param("batch", batch)
                .update();
    }

    private static WebhookDeliveryAttempt attempt(ResultSet rs) throws SQLException {
        return new WebhookDeliveryAttempt(
                rs.getObject("event_id", UUID.class),
                rs.getString("event_type"),
                rs.getInt("attempt"),
                rs.getTimestamp("attempted_at").toInstant(),
                rs.getObject("http_status", Integer.class),
                rs.getString("error"),
                instant(rs.getTimestamp("next_retry_at")));
    }

    private static @Nullable Instant instant(@Nullable Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
