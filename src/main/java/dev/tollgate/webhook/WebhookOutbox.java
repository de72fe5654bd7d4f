package dev.tollgate.webhook;

import dev.tollgate.account.TeamId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The webhook_outbox table: events waiting to be posted, claimed by the workers of every instance with a lease. Each
 * statement stands alone (no transaction spans a post), so a claim is visible to the other instances at once.
 */
@Component
class WebhookOutbox {

    /** The column's width; a longer failure message is cut. */
    private static final int LONGEST_ERROR = 500;

    private final JdbcClient jdbc;

    WebhookOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the event, due at once, in the caller's transaction. */
    void add(WebhookEvent event, Instant now) {
        jdbc.sql("""
                        insert into webhook_outbox (event_id, team_id, event_type, payload, next_attempt_at, created_at)
                        values (:id, :team, :type, :payload, :now, :now)""")
                .param("id", event.id())
                .param("team", event.team().value())
                .param("type", event.type())
                .param("payload", event.payload())
                .param("now", Timestamp.from(now))
                .update();
    }

    /**
     * Claims up to {@code limit} due events for {@code worker} until {@code now + lease}, oldest due first: pending ones
     * nobody holds, or whose holder's lease ran out. Rows another worker is claiming at this moment are skipped.
     */
    List<ClaimedEvent> claim(String worker, Instant now, Duration lease, int limit) {
        return jdbc.sql("""
                        update webhook_outbox set claimed_by = :worker, claimed_until = :until
                        where event_id in (
                            select event_id from webhook_outbox
                            where state = 'pending' and next_attempt_at <= :now
                                and (claimed_until is null or claimed_until <= :now)
                            order by next_attempt_at
                            limit :limit
                            for update skip locked)
                        returning event_id, team_id, event_type, payload, attempts""")
                .param("worker", worker)
                .param("until", Timestamp.from(now.plus(lease)))
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query((rs, row) -> claimed(rs))
                .list();
    }

    /** Extends the worker's claims on these events, in one statement; how many it still held. */
    int renew(String worker, Collection<UUID> events, Instant now, Duration lease) {
        return jdbc.sql("""
                        update webhook_outbox set claimed_until = :until
                        where event_id = any(cast(:ids as uuid[])) and claimed_by = :worker and state = 'pending'
                            and claimed_until is not null""")
                .param("until", Timestamp.from(now.plus(lease)))
                .param("ids", events.stream().map(UUID::toString).toArray(String[]::new))
                .param("worker", worker)
                .update();
    }

    /**
     * Marks the event delivered, whoever holds it now: after a 2xx nothing may post it again. The one statement between
     * the receiver's answer and the end of the event.
     */
    boolean delivered(UUID event, String worker, int attempt, Instant at) {
        return jdbc.sql("""
                                update webhook_outbox
                                set state = 'delivered', attempts = greatest(attempts, :attempt), delivered_at = :at,
                                    claimed_by = :worker, claimed_until = null, last_error = null
                                where event_id = :id and state <> 'delivered'""")
                        .param("attempt", attempt)
                        .param("at", Timestamp.from(at))
                        .param("worker", worker)
                        .param("id", event)
                        .update()
                == 1;
    }

    /** Counts the failed attempt and frees the event for its next one; false when the worker no longer held it. */
    boolean retryAt(UUID event, String worker, int attempt, Instant next, String error) {
        return jdbc.sql("""
                                update webhook_outbox
                                set attempts = :attempt, next_attempt_at = :next, claimed_until = null,
                                    last_error = :error
                                where event_id = :id and state = 'pending' and claimed_by = :worker""")
                        .param("attempt", attempt)
                        .param("next", Timestamp.from(next))
                        .param("error", cut(error))
                        .param("id", event)
                        .param("worker", worker)
                        .update()
                == 1;
    }

    /**
     * Gives the event up after its last attempt, or one not worth repeating; false when the worker no longer held it.
     */
    boolean failed(UUID event, String worker, int attempts, String error) {
        return jdbc.sql("""
                                update webhook_outbox
                                set state = 'failed', attempts = :attempts, claimed_until = null, last_error = :error
                                where event_id = :id and state = 'pending' and claimed_by = :worker""")
                        .param("attempts", attempts)
                        .param("error", cut(error))
                        .param("id", event)
                        .param("worker", worker)
                        .update()
                == 1;
    }

    /** Deletes up to {@code batch} delivered or failed events created before {@code before}; how many went. */
    int pruneFinished(Instant before, int batch) {
        return jdbc.sql("""
                        delete from webhook_outbox where event_id in (
                            select event_id from webhook_outbox
                            where state <> 'pending' and created_at < :before limit :batch)""")
                .param("before", Timestamp.from(before))
                .param("batch", batch)
                .update();
    }

    private static ClaimedEvent claimed(ResultSet rs) throws SQLException {
        return new ClaimedEvent(
                new WebhookEvent(
                        rs.getObject("event_id", UUID.class),
                        new TeamId(rs.getObject("team_id", UUID.class)),
                        rs.getString("event_type"),
                        rs.getBytes("payload")),
                rs.getInt("attempts") + 1);
    }

    private static String cut(String error) {
        return error.substring(0, Math.min(error.length(), LONGEST_ERROR));
    }
}
