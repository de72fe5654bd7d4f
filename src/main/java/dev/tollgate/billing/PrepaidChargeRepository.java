package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Prepaid charges change state only by compare-and-set, so each is refunded at most once, and a confirmation and a
 * refund for want of one never both win.
 */
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
                        charge.apiKeyId() == null ? null : charge.apiKeyId().value(),
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

    /**
     * Confirms the charge: what it paid for exists, so it is never refunded for want of a confirmation. True when it
     * stands (confirmed now or before); false when it was refunded first.
     */
    boolean confirm(UUID charge, Instant now) {
        return jdbc.sql("""
                        update prepaid_charge set confirmed_at = coalesce(confirmed_at, ?)
                        where id = ? and status = 'CHARGED'""").params(Timestamp.from(now), charge).update() == 1;
    }

    /**
     * Marks the charge refunded if it is still unconfirmed and was made before {@code cutoff}; false otherwise (it was
     * confirmed or refunded meanwhile).
     */
    boolean markUnconfirmedRefunded(UUID charge, Instant cutoff, String reason, Instant now) {
        return jdbc.sql("""
                        update prepaid_charge set status = 'REFUNDED', refunded_at = ?, refund_reason = ?
                        where id = ? and status = 'CHARGED' and confirmed_at is null and created_at < ?""")
                        .params(Timestamp.from(now), reason, charge, Timestamp.from(cutoff))
                        .update()
                == 1;
    }

    /** Charges made before {@code cutoff} that nobody confirmed, oldest first. */
    List<PrepaidCharge> unconfirmedSince(Instant cutoff, int limit) {
        return jdbc.sql("""
                        select id, team_id, api_key_id, request_id, amount from prepaid_charge
                        where status = 'CHARGED' and confirmed_at is null and created_at < ?
                        order by created_at limit ?""")
                .params(Timestamp.from(cutoff), limit)
                .query((rs, row) -> {
                    UUID key = rs.getObject("api_key_id", UUID.class);
                    return new PrepaidCharge(
                            rs.getObject("id", UUID.class),
                            new TeamId(rs.getObject("team_id", UUID.class)),
                            key == null ? null : new ApiKeyId(key),
                            rs.getString("request_id"),
                            new Credits(rs.getBigDecimal("amount")));
                })
                .list();
    }

    Optional<String> status(UUID charge) {
        return jdbc.sql("select status from prepaid_charge where id = ?")
                .param(charge)
                .query(String.class)
                .optional();
    }
}
