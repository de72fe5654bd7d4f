package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
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

    /** What the reserve statement did: whether it held the credit, and why not when it did not. */
    record Reserved(boolean held, boolean holdsKeyBudget, boolean keyBudgetShort) {}

    /**
     * Holds the amount out of the team's available credit and, when the key has a budget, out of that budget too, and
     * records the hold, in one statement (so atomically, with no transaction around it). Nothing changes when either
     * is short. The key's row is locked first and its budget checked on the latest spending, then the team's row, the
     * order every settle takes them in too.
     *
     * <p>The only commit on the hot path that does not wait for its flush to disk: a hold moves no money, and one lost
     * in a crash belonged to a request that died with it. The settle that ends a live request does wait, and its flush
     * carries every earlier write, this hold included.
     */
    Reserved reserve(UUID id, TeamId team, @Nullable ApiKeyId key, String requestId, Credits amount, Instant now) {
        return jdbc.sql("""
                        with relaxed as (select set_config('synchronous_commit', 'off', true)),
                        budgeted as (
                            select spent + reserved + :amount <= budget as fits
                            from key_budget
                            where api_key_id = cast(:key as uuid) and budget is not null
                            for update),
                        reserved as (
                            update credit_account set held = held + :amount, updated_at = :now
                            where team_id = :team and balance - held >= :amount
                                and not exists (select 1 from budgeted where not fits)
                            returning team_id),
                        key_reserved as (
                            update key_budget set reserved = reserved + :amount
                            where api_key_id = cast(:key as uuid)
                                and exists (select 1 from budgeted) and exists (select 1 from reserved)
                            returning api_key_id),
                        inserted as (
                            insert into credit_hold
                                (id, team_id, api_key_id, request_id, amount, status, created_at, holds_key_budget)
                            select cast(:id as uuid), team_id, cast(:key as uuid), :request, :amount, 'HELD', :now,
                                   exists (select 1 from key_reserved)
                            from reserved cross join relaxed
                            returning holds_key_budget)
                        select exists (select 1 from inserted) as held,
                               coalesce((select holds_key_budget from inserted), false) as holds_key_budget,
                               exists (select 1 from budgeted where not fits) as key_budget_short""")
                .param("amount", amount.amount())
                .param("now", Timestamp.from(now))
                .param("team", team.value())
                .param("id", id.toString())
                .param("key", key == null ? null : key.toString())
                .param("request", requestId)
                .query((rs, row) -> new Reserved(
                        rs.getBoolean("held"), rs.getBoolean("holds_key_budget"), rs.getBoolean("key_budget_short")))
                .single();
    }

    /**
     * Locks the rows a batch of reservations reserves from and reads what they leave to reserve, in one statement: the
     * budgeted keys' rows first, then the teams' rows, each in the order given (sorted by the caller, as every batch of
     * settles sorts them), so a batch of reservations and a batch of settles never wait for each other in a circle.
     */
    Headroom lockHeadroom(List<ApiKeyId> keys, List<TeamId> teams) {
        Map<TeamId, BigDecimal> teamRoom = new HashMap<>();
        Map<ApiKeyId, BigDecimal> keyRoom = new HashMap<>();
        jdbc.sql("""
                        with keys as materialized (
                            select k.api_key_id as id, k.budget - k.spent - k.reserved as room
                            from unnest(cast(:keys as uuid[])) with ordinality as v(id, position)
                            join key_budget k on k.api_key_id = v.id
                            where k.budget is not null
                            order by v.position
                            for update of k),
                        teams as materialized (
                            select c.team_id as id, c.balance - c.held as room
                            from unnest(cast(:teams as uuid[])) with ordinality as v(id, position)
                            join credit_account c on c.team_id = v.id
                            order by v.position
                            for update of c)
                        select true as is_key, id, room from keys
                        union all
                        select false, id, room from teams""")
                .param("keys", keys.stream().map(ApiKeyId::toString).toArray(String[]::new))
                .param(
                        "teams",
                        teams.stream().map(team -> team.value().toString()).toArray(String[]::new))
                .query((rs, row) -> {
                    UUID id = rs.getObject("id", UUID.class);
                    if (rs.getBoolean("is_key")) {
                        keyRoom.put(new ApiKeyId(id), rs.getBigDecimal("room"));
                    } else {
                        teamRoom.put(new TeamId(id), rs.getBigDecimal("room"));
                    }
                    return id;
                })
                .list();
        return new Headroom(teamRoom, keyRoom);
    }

    /**
     * Records the holds a batch granted and adds them up on their teams and keys, in one statement: one update per
     * team, one per key for the holds that reserve key budget, the hold rows from arrays. The rows were locked and the
     * holds decided by {@link #lockHeadroom} in the same transaction; the counts it returns let the caller check that
     * every row was there. Its commit, like a single reserve's, does not wait for the flush to disk.
     */
    GrantedCounts reserveAll(List<Hold> granted, Instant now) {
        return jdbc.sql("""
                        with relaxed as (select set_config('synchronous_commit', 'off', true)),
                        granted as (
                            select * from unnest(cast(:ids as uuid[]), cast(:teams as uuid[]), cast(:keys as uuid[]),
                                cast(:requests as text[]), cast(:amounts as numeric[]), cast(:key_budgets as boolean[]))
                                as v(id, team_id, api_key_id, request_id, amount, holds_key_budget)),
                        keys_reserved as (
                            update key_budget k set reserved = k.reserved + g.amount
                            from (select api_key_id, sum(amount) as amount from granted where holds_key_budget
                                  group by api_key_id) g
                            where k.api_key_id = g.api_key_id
                            returning 1),
                        teams_held as (
                            update credit_account c set held = c.held + g.amount, updated_at = :now
                            from (select team_id, sum(amount) as amount from granted group by team_id) g
                            where c.team_id = g.team_id
                            returning 1),
                        inserted as (
                            insert into credit_hold
                                (id, team_id, api_key_id, request_id, amount, status, created_at, holds_key_budget)
                            select id, team_id, api_key_id, request_id, amount, 'HELD', :now, holds_key_budget
                            from granted cross join relaxed
                            returning 1)
                        select (select count(*) from keys_reserved) as keys,
                               (select count(*) from teams_held) as teams,
                               (select count(*) from inserted) as holds""")
                .param("ids", granted.stream().map(hold -> hold.id().toString()).toArray(String[]::new))
                .param(
                        "teams",
                        granted.stream()
                                .map(hold -> hold.team().value().toString())
                                .toArray(String[]::new))
                .param(
                        "keys",
                        granted.stream()
                                .map(hold -> hold.apiKeyId() == null
                                        ? null
                                        : hold.apiKeyId().toString())
                                .toArray(String[]::new))
                .param("requests", granted.stream().map(Hold::requestId).toArray(String[]::new))
                .param(
                        "amounts",
                        granted.stream()
                                .map(hold -> hold.amount().toPlainString())
                                .toArray(String[]::new))
                .param(
                        "key_budgets",
                        granted.stream()
                                .map(hold -> Boolean.toString(hold.holdsKeyBudget()))
                                .toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new GrantedCounts(rs.getInt("keys"), rs.getInt("teams"), rs.getInt("holds")))
                .single();
    }

    /** How many key rows, team rows and hold rows a batch of reservations wrote. */
    record GrantedCounts(int keys, int teams, int holds) {}

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

    /** What a settle found of one hold when it claimed it: its state then, and its charge if settled before. */
    record Claim(UUID id, ClaimedHold.Found found, @Nullable BigDecimal earlierCharge) {}

    /**
     * Claims the holds for their calls' settles, each with its charge, in one statement: a hold still held is marked
     * settled, a hold the sweeper released and nobody charged since gets its call's charge; a hold settled before is
     * left as it was and reported with its charge. Balances are not touched.
     */
    List<Claim> claim(List<HoldCharge> charges, Instant now) {
        return jdbc.sql("""
                        with owed as (
                            select v.id, v.charge
                            from unnest(cast(:ids as uuid[]), cast(:charges as numeric[])) as v(id, charge)),
                        claimed as (
                            update credit_hold h set status = 'SETTLED', charged = o.charge, settled_at = :now
                            from owed o
                            where h.id = o.id and (h.status = 'HELD' or (h.released_at is not null and h.charged is null))
                            returning h.id, h.released_at is not null as released)
                        select o.id,
                               case when c.id is null then 'SETTLED' when c.released then 'RELEASED' else 'HELD' end
                                   as found,
                               case when c.id is null then h.charged end as earlier_charge
                        from owed o
                        left join claimed c on c.id = o.id
                        left join credit_hold h on h.id = o.id""")
                .param(
                        "ids",
                        charges.stream().map(c -> c.hold().id().toString()).toArray(String[]::new))
                .param(
                        "charges",
                        charges.stream().map(c -> c.charge().toPlainString()).toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new Claim(
                        rs.getObject("id", UUID.class),
                        ClaimedHold.Found.valueOf(rs.getString("found")),
                        rs.getBigDecimal("earlier_charge")))
                .list();
    }

    /**
     * Renews the holds that are still held, in one statement, so the sweeper leaves them alone; the ids renewed. Rows a
     * settle is busy with are skipped rather than waited for: they need no renewal, and a renewal that never waits can
     * never deadlock with a batch of settles.
     */
    Set<UUID> renew(Collection<UUID> holdIds, Instant now) {
        return new HashSet<>(jdbc.sql("""
                        update credit_hold set renewed_at = :now
                        where id in (
                            select id from credit_hold
                            where id = any(cast(:ids as uuid[])) and status = 'HELD'
                            for update skip locked)
                        returning id""")
                .param("ids", holdIds.stream().map(UUID::toString).toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query(UUID.class)
                .list());
    }

    /**
     * Releases the hold if it is still held and was neither renewed nor made after {@code cutoff}: what it held then
     * (a lease's amount changes with its charges), or empty when it was settled, or its call renewed it since it was
     * found stale. A released hold keeps no charge.
     */
    Optional<BigDecimal> release(UUID holdId, Instant cutoff, Instant now) {
        return jdbc.sql("""
                        update credit_hold set status = 'SETTLED', released_at = :now, settled_at = :now
                        where id = :id and status = 'HELD' and coalesce(renewed_at, created_at) < :cutoff
                        returning amount""")
                .param("now", Timestamp.from(now))
                .param("id", holdId)
                .param("cutoff", Timestamp.from(cutoff))
                .query(BigDecimal.class)
                .optional();
    }

    /** What the hold was charged, if anything: nothing while it is held or after the sweeper released it. */
    Optional<BigDecimal> chargedFor(UUID holdId) {
        return jdbc.sql("select charged from credit_hold where id = ? and charged is not null")
                .param(holdId)
                .query(BigDecimal.class)
                .optional();
    }

    record OpenHold(
            UUID id,
            UUID teamId,
            @Nullable UUID apiKeyId,
            String requestId,
            BigDecimal amount,
            boolean holdsKeyBudget) {}

    /** Held holds that were neither renewed nor made after {@code cutoff}: their calls are no longer running. */
    List<OpenHold> staleSince(Instant cutoff, int limit) {
        return jdbc.sql("""
                        select id, team_id, api_key_id, request_id, amount, holds_key_budget from credit_hold
                        where status = 'HELD' and coalesce(renewed_at, created_at) < ? order by created_at limit ?""")
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
        return jdbc.sql("select count(*) from credit_hold where team_id = ? and status = 'HELD' and not lease")
                .param(teamId)
                .query(Long.class)
                .single();
    }
}
