package dev.tollgate.billing;

import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.database.BoundStatement;
import dev.tollgate.money.Credits;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterUtils;
import org.springframework.jdbc.core.namedparam.ParsedSql;
import org.springframework.stereotype.Repository;

/**
 * Settles a batch of finished calls whose holds are all still held, in one statement: claims the holds, frees the
 * keys' reservations and adds their spending, takes each team's charges from its balance and releases its holds, and
 * appends a ledger row per charge. The rows are locked in the order every other change takes them (holds, then keys,
 * then teams, keys and teams each sorted as {@link Reservations} sorts them). What {@link CreditHolds#claim} and {@link
 * CreditHolds#chargeAll} do in five statements for any batch, this does in one for the common one. A batch it does not
 * fit makes the statement fail (the database function {@code settle_batch_fits}), so that nothing of it is kept when it
 * runs on its own, and a transaction around it must roll back.
 *
 * <p>A batch of one call, what every call is when calls do not overlap, is settled by a statement of its own that does
 * the same with single values: no arrays to unnest, group, sort and join, which cost PostgreSQL more than the rows it
 * writes (decision 0064).
 */
@Repository
class HeldSettles {

    /** What {@code settle_batch_fits} raises when the batch is not all held and fitting (migration V37). */
    private static final String NOT_ALL_HELD = "TG409";

    private static final Comparator<ApiKeyId> KEY_ORDER = Comparator.comparing(ApiKeyId::value);

    private static final ParsedSql SETTLE = NamedParameterUtils.parseSqlStatement("""
            with owed as (
                select v.id, v.lease, v.charge, v.team_id, v.note, v.reference, v.actor, v.position
                from unnest(cast(:holds as uuid[]), cast(:leases as uuid[]), cast(:charges as numeric[]),
                            cast(:callTeams as uuid[]), cast(:notes as text[]), cast(:references as text[]),
                            cast(:actors as text[]))
                    with ordinality as v(id, lease, charge, team_id, note, reference, actor, position)),
            claimed as (
                update credit_hold h set status = 'SETTLED', charged = o.charge, settled_at = :now
                from owed o
                where h.id = o.id and o.lease is null and h.status = 'HELD'
                returning h.id),
            leases_charged as (
                update credit_hold h set amount = h.amount - l.charged
                from (select lease, sum(charge) as charged from owed
                      where lease is not null group by lease) l
                where h.id = l.lease and h.status = 'HELD' and h.amount >= l.charged
                returning h.id),
            keys_locked as materialized (
                select k.api_key_id, v.reserved, v.charged
                from unnest(cast(:keys as uuid[]), cast(:keyReserved as numeric[]),
                            cast(:keyCharged as numeric[]))
                    with ordinality as v(id, reserved, charged, position)
                join key_budget k on k.api_key_id = v.id
                where (select count(*) from claimed) = :calls
                    and (select count(*) from leases_charged) = :leaseCount
                order by v.position
                for update of k),
            keys_settled as (
                update key_budget k
                set reserved = greatest(k.reserved - l.reserved, 0), spent = k.spent + l.charged
                from keys_locked l
                where k.api_key_id = l.api_key_id
                returning k.api_key_id, k.budget, l.charged),
            teams_locked as materialized (
                select c.team_id, v.charged, v.held, v.position
                from unnest(cast(:teams as uuid[]), cast(:teamCharged as numeric[]),
                            cast(:teamHeld as numeric[]))
                    with ordinality as v(id, charged, held, position)
                join credit_account c on c.team_id = v.id
                where (select count(*) from claimed) = :calls
                    and (select count(*) from leases_charged) = :leaseCount
                    and (select count(*) from keys_locked) >= 0
                order by v.position
                for update of c),
            accounts as (
                update credit_account c
                set balance = c.balance - t.charged, held = c.held - t.held, updated_at = :now
                from teams_locked t
                where c.team_id = t.team_id and c.balance - t.charged >= c.held - t.held
                returning c.team_id, c.balance, t.charged, t.position),
            entries as (
                insert into ledger_entry
                    (team_id, kind, amount, balance_after, note, reference, created_by, created_at)
                select o.team_id, 'CHARGE', -o.charge,
                       a.balance + a.charged
                           - sum(o.charge) over (partition by o.team_id order by o.position),
                       o.note, o.reference, o.actor, :now
                from owed o
                join accounts a on a.team_id = o.team_id
                where o.charge > 0
                order by a.position, o.position)
            select settle_batch_fits((select count(*) from claimed) = :calls
                                         and (select count(*) from leases_charged) = :leaseCount
                                         and (select count(*) from accounts) = :teamCount) as fits,
                   (select count(*) from keys_settled where budget is not null and charged > 0) as budgeted""");

    /**
     * {@link #SETTLE} for one call: the hold (its own, or the lease it was taken from), then its key, then its team, each
     * locked only once the one before it was, as a batch locks them.
     */
    private static final ParsedSql SETTLE_ONE = NamedParameterUtils.parseSqlStatement("""
            with claimed as (
                update credit_hold h set status = 'SETTLED', charged = cast(:charge as numeric), settled_at = :now
                where h.id = cast(:hold as uuid) and cast(:lease as uuid) is null and h.status = 'HELD'
                returning h.id),
            lease_charged as (
                update credit_hold h set amount = h.amount - cast(:charge as numeric)
                where h.id = cast(:lease as uuid) and h.status = 'HELD' and h.amount >= cast(:charge as numeric)
                returning h.id),
            found as materialized (
                select (select count(*) from claimed) + (select count(*) from lease_charged) = 1 as held),
            key_settled as (
                update key_budget k
                set reserved = greatest(k.reserved - cast(:keyReserved as numeric), 0),
                    spent = k.spent + cast(:charge as numeric)
                where k.api_key_id = cast(:key as uuid) and (select held from found)
                returning k.budget),
            account as (
                update credit_account c
                set balance = c.balance - cast(:charge as numeric), held = c.held - cast(:teamHeld as numeric),
                    updated_at = :now
                -- the key's row first: the count waits for its update
                where c.team_id = cast(:team as uuid) and (select held from found)
                    and (select count(*) from key_settled) >= 0
                    and c.balance - cast(:charge as numeric) >= c.held - cast(:teamHeld as numeric)
                returning c.balance),
            entry as (
                insert into ledger_entry
                    (team_id, kind, amount, balance_after, note, reference, created_by, created_at)
                select cast(:team as uuid), 'CHARGE', -cast(:charge as numeric), a.balance, :note, :reference,
                       :actor, :now
                from account a
                where cast(:charge as numeric) > 0)
            select settle_batch_fits((select held from found) and (select count(*) from account) = 1) as fits,
                   (select count(*) from key_settled
                    where budget is not null and cast(:charge as numeric) > 0) as budgeted""");

    private final JdbcTemplate jdbc;

    HeldSettles(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** What a batch takes from one team or key: charges and what its holds reserved. */
    private record Sums(Credits charged, Credits held) {

        Sums plus(Sums other) {
            return new Sums(charged.plus(other.charged), held.plus(other.held));
        }
    }

    /**
     * Settles the batch if every hold in it is still held and every team's charges fit its holds and remaining credit,
     * after running {@code first} (when given) in the same round trip; the keys whose spending grew when one of them has
     * a budget (the crossings to check), none otherwise. Empty when the batch is not such a batch: the statement then
     * failed, {@code first} with it, and a transaction around them must roll back. Outside a transaction, both commit
     * as the statement returns.
     */
    Optional<List<ApiKeyId>> settle(List<HoldCharge> owed, Instant now, @Nullable BoundStatement first) {
        Map<UUID, Sums> byTeam = new TreeMap<>();
        Map<ApiKeyId, Sums> byKey = new TreeMap<>(KEY_ORDER);
        Set<UUID> leases = new HashSet<>();
        int ownHolds = 0;
        for (HoldCharge charge : owed) {
            Hold hold = charge.hold();
            Credits charged = charge.charge();
            byTeam.merge(hold.team().value(), new Sums(charged, hold.heldTaken(charged)), Sums::plus);
            if (hold.apiKeyId() != null) {
                byKey.merge(hold.apiKeyId(), new Sums(charged, hold.keyReservationTaken(charged)), Sums::plus);
            }
            if (hold.lease() == null) {
                ownHolds++;
            } else {
                leases.add(hold.lease());
            }
        }
        BoundStatement settle = owed.size() == 1
                ? settleOne(owed.getFirst(), now)
                : settleAll(owed, now, byTeam, byKey, leases.size(), ownHolds);
        BoundStatement statements = first == null ? settle : first.then(settle);
        try {
            long budgetedSpent = Objects.requireNonNull(jdbc.execute(
                    (ConnectionCallback<Long>) connection -> budgetedKeysThatSpent(connection, statements)));
            return Optional.of(budgetedSpent == 0 ? List.of() : spentMore(byKey));
        } catch (DataAccessException failed) {
            if (failed.getMostSpecificCause() instanceof SQLException cause
                    && NOT_ALL_HELD.equals(cause.getSQLState())) {
                return Optional.empty();
            }
            throw failed;
        }
    }

    /**
     * Runs the statements in one round trip and reads the settle's row: the only rows they return, since what runs
     * before the settle only writes. How many budgeted keys spent more is a count, not the keys: the driver sends a
     * statement whose result row has no bounded size (an array, a text) only after a {@code Sync} of its own once it
     * has prepared it on the server, and that would commit what came before the settle apart from it.
     */
    private static long budgetedKeysThatSpent(Connection connection, BoundStatement statements) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(statements.sql())) {
            new ArgumentPreparedStatementSetter(statements.arguments()).setValues(statement);
            boolean rows = statement.execute();
            while (!rows) {
                if (statement.getUpdateCount() == -1) {
                    throw new IllegalStateException("The settle statement returned no row");
                }
                rows = statement.getMoreResults();
            }
            try (ResultSet settled = statement.getResultSet()) {
                settled.next();
                return settled.getLong("budgeted");
            }
        }
    }

    private static BoundStatement settleAll(
            List<HoldCharge> owed,
            Instant now,
            Map<UUID, Sums> byTeam,
            Map<ApiKeyId, Sums> byKey,
            int leaseCount,
            int ownHolds) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("holds", texts(owed, charge -> charge.hold().id()))
                .addValue("leases", texts(owed, charge -> charge.hold().lease()))
                .addValue("charges", texts(owed, charge -> charge.charge().toPlainString()))
                .addValue(
                        "callTeams", texts(owed, charge -> charge.hold().team().value()))
                .addValue("notes", texts(owed, HoldCharge::note))
                .addValue("references", texts(owed, charge -> charge.hold().requestId()))
                .addValue("actors", texts(owed, HoldCharge::actor))
                .addValue("calls", ownHolds)
                .addValue("leaseCount", leaseCount)
                .addValue("keys", texts(byKey.keySet(), ApiKeyId::value))
                .addValue(
                        "keyReserved", texts(byKey.values(), sums -> sums.held().toPlainString()))
                .addValue(
                        "keyCharged",
                        texts(byKey.values(), sums -> sums.charged().toPlainString()))
                .addValue("teams", texts(byTeam.keySet(), Function.identity()))
                .addValue(
                        "teamCharged",
                        texts(byTeam.values(), sums -> sums.charged().toPlainString()))
                .addValue("teamHeld", texts(byTeam.values(), sums -> sums.held().toPlainString()))
                .addValue("now", Timestamp.from(now))
                .addValue("teamCount", byTeam.size());
        return bound(SETTLE, parameters);
    }

    private static BoundStatement settleOne(HoldCharge owed, Instant now) {
        Hold hold = owed.hold();
        Credits charged = owed.charge();
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("hold", hold.id().toString(), Types.VARCHAR)
                .addValue("lease", text(hold.lease()), Types.VARCHAR)
                .addValue("charge", charged.toPlainString(), Types.VARCHAR)
                .addValue(
                        "key",
                        text(hold.apiKeyId() == null ? null : hold.apiKeyId().value()),
                        Types.VARCHAR)
                .addValue("keyReserved", hold.keyReservationTaken(charged).toPlainString(), Types.VARCHAR)
                .addValue("team", hold.team().value().toString(), Types.VARCHAR)
                .addValue("teamHeld", hold.heldTaken(charged).toPlainString(), Types.VARCHAR)
                .addValue("note", owed.note(), Types.VARCHAR)
                .addValue("reference", hold.requestId(), Types.VARCHAR)
                .addValue("actor", owed.actor(), Types.VARCHAR)
                .addValue("now", Timestamp.from(now));
        return bound(SETTLE_ONE, parameters);
    }

    /** The statement with its parameters; a null's type is given, so the driver never asks the server for it. */
    private static BoundStatement bound(ParsedSql sql, MapSqlParameterSource parameters) {
        return new BoundStatement(
                NamedParameterUtils.substituteNamedParameters(sql, parameters),
                NamedParameterUtils.buildValueArray(sql, parameters, null));
    }

    private static @Nullable String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private static <T> String[] texts(Collection<T> values, Function<T, ?> text) {
        return values.stream().map(text).map(HeldSettles::text).toArray(String[]::new);
    }

    /** The batch's keys that were charged: those whose budget crossings are checked when one of them has a budget. */
    private static List<ApiKeyId> spentMore(Map<ApiKeyId, Sums> byKey) {
        return byKey.entrySet().stream()
                .filter(key -> key.getValue().charged().isPositive())
                .map(Map.Entry::getKey)
                .toList();
    }
}
