package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The statements of credit leases (decision 0057): granting a lease or more of one, giving back what a lease does not
 * use, and taking settled charges off lease rows. A lease row is a {@code credit_hold} row marked {@code lease}, so the
 * team's {@code held} and a budgeted key's {@code reserved} count it like any hold, and renewals, the sweeper and the
 * start-up release treat it like one. Rows are locked as every other change locks them: the hold, then the key, then
 * the team.
 */
@Repository
class LeaseRows {

    private static final String LOCK_KEY_ROOM = """
            select budget - spent - reserved from key_budget
            where api_key_id = ? and budget is not null for update""";

    private final JdbcClient jdbc;
    private final TransactionTemplate ownTransaction;

    LeaseRows(JdbcClient jdbc, JdbcTransactionManager jdbcTransactions) {
        this.jdbc = jdbc;
        this.ownTransaction = new TransactionTemplate(jdbcTransactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** What asking for credit got: the lease row and how much it grew, or why nothing was granted. */
    record Grant(Credits granted, boolean holdsKeyBudget, Refused refused) {

        enum Refused {
            /** Granted. */
            NO,
            /** The team's available credit does not cover what was needed. */
            TEAM_SHORT,
            /** The key's budget does not cover what was needed. */
            KEY_SHORT,
            /** The lease is no longer held (the sweeper released it), or its key's budget was set or removed since. */
            LEASE_GONE
        }

        static Grant refused(Refused why) {
            return new Grant(Credits.ZERO, false, why);
        }
    }

    /** What is being asked for: at least {@code needed}, ideally {@code wanted}, or whatever is left when partial. */
    record Ask(TeamId team, @Nullable ApiKeyId key, Credits needed, Credits wanted, boolean partial) {}

    /**
     * Grants the lease {@code id}, or more of it when its row {@code exists}, in a transaction of its own whose commit
     * does not wait for the disk (a grant lost in a crash took nothing: its row and its held credit go together). At
     * least {@code needed}, and at most {@code wanted} or half of what the team (and a budgeted key) has left,
     * whichever is less, so one lease never takes all of a team's credit that another instance or key could use; a
     * partial ask takes what is left, up to what it needs.
     */
    Grant grant(UUID id, boolean exists, Ask ask, Instant now) {
        return Objects.requireNonNull(ownTransaction.execute(status -> grantLocked(id, exists, ask, now)));
    }

    private Grant grantLocked(UUID id, boolean exists, Ask ask, Instant now) {
        jdbc.sql("select set_config('synchronous_commit', 'off', true)").query().singleValue();
        Optional<Boolean> leaseHoldsKeyBudget = !exists
                ? Optional.empty()
                : jdbc.sql("select holds_key_budget from credit_hold where id = ? and status = 'HELD' for update")
                        .param(id)
                        .query(Boolean.class)
                        .optional();
        if (exists && leaseHoldsKeyBudget.isEmpty()) {
            return Grant.refused(Grant.Refused.LEASE_GONE);
        }
        Optional<BigDecimal> keyRoom = ask.key() == null ? Optional.empty() : lockKeyRoom(ask.key());
        if (exists && leaseHoldsKeyBudget.get() != keyRoom.isPresent()) {
            return Grant.refused(Grant.Refused.LEASE_GONE);
        }
        BigDecimal teamRoom = jdbc.sql("select balance - held from credit_account where team_id = ? for update")
                .param(ask.team().value())
                .query(BigDecimal.class)
                .optional()
                .orElse(BigDecimal.ZERO);
        BigDecimal needed = ask.needed().amount();
        if (!ask.partial() && keyRoom.isPresent() && keyRoom.get().compareTo(needed) < 0) {
            return Grant.refused(Grant.Refused.KEY_SHORT);
        }
        if (!ask.partial() && teamRoom.compareTo(needed) < 0) {
            return Grant.refused(Grant.Refused.TEAM_SHORT);
        }
        BigDecimal room = keyRoom.map(teamRoom::min).orElse(teamRoom);
        BigDecimal granted = ask.partial()
                ? needed.min(room)
                : needed.max(ask.wanted().amount().min(room.divide(BigDecimal.TWO, Credits.SCALE, RoundingMode.DOWN)));
        if (granted.signum() <= 0) {
            // only a partial ask gets here: nothing is left
            return Grant.refused(Grant.Refused.TEAM_SHORT);
        }
        if (keyRoom.isPresent()) {
            jdbc.sql("update key_budget set reserved = reserved + ? where api_key_id = ?")
                    .params(granted, ask.key().value())
                    .update();
        }
        jdbc.sql("update credit_account set held = held + ?, updated_at = ? where team_id = ?")
                .params(granted, Timestamp.from(now), ask.team().value())
                .update();
        if (!exists) {
            jdbc.sql("""
                            insert into credit_hold (id, team_id, api_key_id, request_id, amount, status, created_at,
                                                     renewed_at, holds_key_budget, lease)
                            values (?, ?, ?, ?, ?, 'HELD', ?, ?, ?, true)""")
                    .params(
                            id,
                            ask.team().value(),
                            ask.key() == null ? null : ask.key().value(),
                            "lease-" + id,
                            granted,
                            Timestamp.from(now),
                            Timestamp.from(now),
                            keyRoom.isPresent())
                    .update();
        } else {
            jdbc.sql("update credit_hold set amount = amount + ?, renewed_at = ? where id = ?")
                    .params(granted, Timestamp.from(now), id)
                    .update();
        }
        return new Grant(new Credits(granted), keyRoom.isPresent(), Grant.Refused.NO);
    }

    /** What a budgeted key has left to reserve, its row locked; empty for a key without a budget. */
    private Optional<BigDecimal> lockKeyRoom(ApiKeyId key) {
        return jdbc.sql(LOCK_KEY_ROOM)
                .param(key.value())
                .query(BigDecimal.class)
                .optional();
    }

    /**
     * Gives back {@code unused} of the lease, or all that is left of its row when {@code end}, in a transaction of its
     * own; what went back, or empty when the lease was no longer held (the sweeper gave it back).
     */
    Optional<Credits> giveBack(CreditLease lease, Credits unused, boolean end, Instant now) {
        return ownTransaction.execute(status -> {
            Optional<BigDecimal> returned = end
                    ? jdbc.sql("""
                                    update credit_hold set status = 'SETTLED', settled_at = :now, released_at = :now
                                    where id = :id and status = 'HELD'
                                    returning amount""")
                            .param("id", lease.id())
                            .param("now", Timestamp.from(now))
                            .query(BigDecimal.class)
                            .optional()
                    : jdbc.sql("""
                                    update credit_hold set amount = amount - :unused
                                    where id = :id and status = 'HELD' and amount >= :unused
                                    returning :unused""")
                            .param("id", lease.id())
                            .param("unused", unused.amount())
                            .query(BigDecimal.class)
                            .optional();
            returned.filter(amount -> amount.signum() > 0).ifPresent(amount -> {
                if (lease.holdsKeyBudget() && lease.key() != null) {
                    jdbc.sql("update key_budget set reserved = greatest(reserved - ?, 0) where api_key_id = ?")
                            .params(amount, lease.key().value())
                            .update();
                }
                jdbc.sql("update credit_account set held = held - ?, updated_at = ? where team_id = ?")
                        .params(amount, Timestamp.from(now), lease.team().value())
                        .update();
            });
            return returned.map(Credits::new);
        });
    }

    /**
     * Releases every lease of the key, whichever instance holds it, in the caller's transaction: its budget is
     * changing, and what the leases hold was granted under the old one. Locks the lease rows, then the key, then the team, as
     * every other change does. Calls running on a released lease are charged from the balance, as when the sweeper
     * releases one; each instance ends its lease when a call with the key's new settings finds it released.
     */
    void releaseOfKey(ApiKeyId key, Instant now) {
        record Released(UUID team, BigDecimal amount, boolean holdsKeyBudget) {}
        List<Released> released = jdbc.sql("""
                        update credit_hold set status = 'SETTLED', settled_at = :now, released_at = :now
                        where id in (select id from credit_hold
                                     where api_key_id = :key and lease and status = 'HELD'
                                     order by id for update)
                        returning team_id, amount, holds_key_budget""")
                .param("key", key.value())
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new Released(
                        rs.getObject("team_id", UUID.class),
                        rs.getBigDecimal("amount"),
                        rs.getBoolean("holds_key_budget")))
                .list();
        if (released.isEmpty()) {
            return;
        }
        BigDecimal keyReserved = released.stream()
                .filter(Released::holdsKeyBudget)
                .map(Released::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        if (keyReserved.signum() > 0) {
            jdbc.sql("update key_budget set reserved = greatest(reserved - ?, 0) where api_key_id = ?")
                    .params(keyReserved, key.value())
                    .update();
        }
        // a key belongs to one team
        jdbc.sql("update credit_account set held = held - ?, updated_at = ? where team_id = ?")
                .params(
                        released.stream().map(Released::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                        Timestamp.from(now),
                        released.getFirst().team())
                .update();
    }

    /**
     * Takes settled charges off their lease rows, in the caller's transaction and before its keys and teams are
     * locked; false when a lease is no longer held or does not cover its charges, and nothing is then taken.
     */
    boolean takeCharges(Map<UUID, Credits> byLease) {
        if (byLease.isEmpty()) {
            return true;
        }
        int taken = jdbc.sql("""
                        update credit_hold h set amount = h.amount - v.charged
                        from unnest(cast(:leases as uuid[]), cast(:charged as numeric[])) as v(id, charged)
                        where h.id = v.id and h.status = 'HELD' and h.amount >= v.charged""")
                .param("leases", byLease.keySet().stream().map(UUID::toString).toArray(String[]::new))
                .param(
                        "charged",
                        byLease.values().stream().map(Credits::toPlainString).toArray(String[]::new))
                .update();
        return taken == byLease.size();
    }

    /** Which of the leases are no longer held. */
    Set<UUID> notHeld(Collection<UUID> leases) {
        return new HashSet<>(
                jdbc.sql("select id from credit_hold where id = any(cast(:leases as uuid[])) and status <> 'HELD'")
                        .param("leases", leases.stream().map(UUID::toString).toArray(String[]::new))
                        .query(UUID.class)
                        .list());
    }

    /** Which of the leases are still held, locked for the settle that charges them. */
    Set<UUID> lockHeld(Collection<UUID> leases) {
        return new HashSet<>(jdbc.sql("""
                        select id from credit_hold where id = any(cast(:leases as uuid[])) and status = 'HELD'
                        order by id for update""")
                .param("leases", leases.stream().map(UUID::toString).toArray(String[]::new))
                .query(UUID.class)
                .list());
    }
}
