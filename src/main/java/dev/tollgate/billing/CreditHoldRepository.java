package dev.tollgate.billing;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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

    /**
     * Holds the amount out of the team's available credit and records the hold, in one statement (so atomically, with
     * no transaction around it); false when the available credit is short.
     *
     * <p>The only commit on the hot path that does not wait for its flush to disk: a hold moves no money, and one lost
     * in a crash belonged to a request that died with it. The settle that ends a live request does wait, and its flush
     * carries every earlier write, this hold included.
     */
    boolean reserve(Hold hold, Instant now) {
        return jdbc.sql("""
                        with relaxed as (select set_config('synchronous_commit', 'off', true)),
                        reserved as (
                            update credit_account set held = held + :amount, updated_at = :now
                            where team_id = :team and balance - held >= :amount
                            returning team_id)
                        insert into credit_hold (id, team_id, api_key_id, request_id, amount, status, created_at)
                        select cast(:id as uuid), team_id, cast(:key as uuid), :request, :amount, 'HELD', :now
                        from reserved cross join relaxed""")
                        .param("amount", hold.amount().amount())
                        .param("now", Timestamp.from(now))
                        .param("team", hold.team().value())
                        .param("id", hold.id().toString())
                        .param(
                                "key",
                                hold.apiKeyId() == null ? null : hold.apiKeyId().toString())
                        .param("request", hold.requestId())
                        .update()
                == 1;
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

    /** What one settle statement did: whether it settled the hold, and the balance after the charge if it fitted. */
    record SettleResult(boolean settled, @Nullable BigDecimal balance) {}

    /**
     * Settles the hold, takes the charge from the balance, releases the hold and appends the ledger row, in one
     * statement. {@code settled} is false when the hold was settled before; {@code balance} is null when the charge did
     * not fit the hold and the remaining credit (the hold is then marked settled but the balance left untouched, for
     * the caller to finish in the same transaction).
     */
    SettleResult settle(Hold hold, BigDecimal charge, String note, @Nullable String actor, Instant now) {
        return jdbc.sql("""
                        with settled as (
                            update credit_hold set status = 'SETTLED', charged = :charge, settled_at = :now
                            where id = :hold and status = 'HELD'
                            returning team_id, amount),
                        account as (
                            update credit_account c
                            set balance = c.balance - :charge, held = c.held - s.amount, updated_at = :now
                            from settled s
                            where c.team_id = s.team_id and c.balance - :charge >= c.held - s.amount
                            returning c.team_id, c.balance),
                        entry as (
                            insert into ledger_entry
                                (team_id, kind, amount, balance_after, note, reference, created_by, created_at)
                            select team_id, 'CHARGE', -cast(:charge as numeric), balance, :note, :request, :actor, :now
                            from account where cast(:charge as numeric) > 0)
                        select (select count(*) from settled) as settled, (select balance from account) as balance""")
                .param("charge", charge)
                .param("now", Timestamp.from(now))
                .param("hold", hold.id())
                .param("note", note)
                .param("request", hold.requestId())
                .param("actor", actor)
                .query((rs, row) -> new SettleResult(rs.getLong("settled") == 1, rs.getBigDecimal("balance")))
                .single();
    }

    /** Marks the hold settled with its charge; false when it was no longer held (already settled). */
    boolean markSettled(UUID holdId, BigDecimal charged, Instant now) {
        return jdbc.sql("""
                        update credit_hold set status = 'SETTLED', charged = ?, settled_at = ?
                        where id = ? and status = 'HELD'""").params(charged, Timestamp.from(now), holdId).update() == 1;
    }

    /** Marks the holds settled, each with its own charge, in one statement; the ids of those that were still held. */
    Set<UUID> markSettled(List<HoldCharge> charges, Instant now) {
        return new HashSet<>(jdbc.sql("""
                        update credit_hold h set status = 'SETTLED', charged = v.charge, settled_at = :now
                        from unnest(cast(:ids as uuid[]), cast(:charges as numeric[])) as v(id, charge)
                        where h.id = v.id and h.status = 'HELD'
                        returning h.id""")
                .param(
                        "ids",
                        charges.stream().map(c -> c.hold().id().toString()).toArray(String[]::new))
                .param(
                        "charges",
                        charges.stream().map(c -> c.charge().toPlainString()).toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .list());
    }

    Map<UUID, BigDecimal> chargedFor(List<UUID> holdIds) {
        Map<UUID, BigDecimal> charged = new HashMap<>();
        jdbc.sql("select id, charged from credit_hold where id = any(cast(:ids as uuid[])) and charged is not null")
                .param("ids", holdIds.stream().map(UUID::toString).toArray(String[]::new))
                .query((rs, row) -> charged.put(rs.getObject("id", UUID.class), rs.getBigDecimal("charged")))
                .list();
        return charged;
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
