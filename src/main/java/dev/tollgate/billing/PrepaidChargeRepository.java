package dev.tollgate.billing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Prepaid charges change state only by compare-and-set, so each is refunded at most once. */
@Repository
class PrepaidChargeRepository {

    private final JdbcClient jdbc;

    PrepaidChargeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(PrepaidCharge charge, String note, Instant now) {
        jdbc.sql("""
                        insert into prepaid_charge (id, team_id, api_key_id, request_id, amount, status, note, created_at)
                        values (?, ?, ?, ?, ?, 'CHARGED', ?, ?)""")
                .params(
                        charge.id(),
                        charge.team().value(),
                        charge.apiKeyId(),
                        charge.requestId(),
                        charge.amount().amount(),
                        note,
                        Timestamp.from(now))
                .update();
    }

    /** Marks the charge refunded; false when it was refunded before. */
    boolean markRefunded(UUID charge, String reason, Instant now) {
        return jdbc.sql("""
                        update prepaid_charge set status = 'REFUNDED', refunded_at = ?, refund_reason = ?
                        where id = ? and status = 'CHARGED'""").params(Timestamp.from(now), reason, charge).update() == 1;
    }

    Optional<String> status(UUID charge) {
        return jdbc.sql("select status from prepaid_charge where id = ?")
                .param(charge)
                .query(String.class)
                .optional();
    }
}
