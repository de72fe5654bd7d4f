package dev.tollgate.billing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Holds change state only by compare-and-set, so a hold is settled once however often settle is called. */
@Repository
class CreditHoldRepository {

    private final JdbcClient jdbc;

    CreditHoldRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Hold hold, Instant now) {
        jdbc.sql("""
                        insert into credit_hold (id, team_id, api_key_id, request_id, amount, status, created_at)
                        values (?, ?, ?, ?, ?, 'HELD', ?)""")
                .params(
                        hold.id(),
                        hold.team().value(),
                        hold.apiKeyId(),
                        hold.requestId(),
                        hold.amount().amount(),
                        Timestamp.from(now))
                .update();
    }

    /** Marks the hold settled with its charge; false when it was no longer held (already settled). */
    boolean markSettled(UUID holdId, BigDecimal charged, Instant now) {
        return jdbc.sql("""
                        update credit_hold set status = 'SETTLED', charged = ?, settled_at = ?
                        where id = ? and status = 'HELD'""").params(charged, Timestamp.from(now), holdId).update() == 1;
    }

    Optional<BigDecimal> chargedFor(UUID holdId) {
        return jdbc.sql("select charged from credit_hold where id = ?")
                .param(holdId)
                .query(BigDecimal.class)
                .optional();
    }

    record OpenHold(UUID id, UUID teamId, @Nullable UUID apiKeyId, String requestId, BigDecimal amount) {}

    List<OpenHold> heldBefore(Instant cutoff, int limit) {
        return jdbc.sql("""
                        select id, team_id, api_key_id, request_id, amount from credit_hold
                        where status = 'HELD' and created_at < ? order by created_at limit ?""")
                .params(Timestamp.from(cutoff), limit)
                .query(OpenHold.class)
                .list();
    }

    void correctCharge(UUID holdId, BigDecimal charged) {
        jdbc.sql("update credit_hold set charged = ? where id = ?")
                .params(charged, holdId)
                .update();
    }

    long countHeld(UUID teamId) {
        return jdbc.sql("select count(*) from credit_hold where team_id = ? and status = 'HELD'")
                .param(teamId)
                .query(Long.class)
                .single();
    }
}
