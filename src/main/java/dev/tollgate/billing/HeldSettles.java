package dev.tollgate.billing;

import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Settles a batch of finished calls whose holds are all still held, in one statement: claims the holds, frees the
 * keys' reservations and adds their spending, takes each team's charges from its balance and releases its holds, and
 * appends a ledger row per charge. The rows are locked in the order every other change takes them (holds, then keys,
 * then teams, keys and teams each sorted as {@link Reservations} sorts them). What {@link CreditHolds#claim} and {@link
 * CreditHolds#chargeAll} do in five statements for any batch, this does in one for the common one; whether it applied
 * to the whole batch is in the result, and a batch it did not fit must be rolled back.
 */
@Repository
class HeldSettles {

    private static final Comparator<ApiKeyId> KEY_ORDER = Comparator.comparing(ApiKeyId::value);

    private final JdbcClient jdbc;

    HeldSettles(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** How many holds the statement claimed and teams it charged, and the budgeted keys it added spending to. */
    private record Outcome(
            long claimedHolds, long chargedLeases, long chargedTeams, List<ApiKeyId> budgetedKeysSpent) {}

    /** What a batch takes from one team or key: charges and what its holds reserved. */
    private record Sums(Credits charged, Credits held) {

        Sums plus(Sums other) {
            return new Sums(charged.plus(other.charged), held.plus(other.held));
        }
    }

    /**
     * Settles the batch if every hold in it is still held and every team's charges fit its holds and remaining credit;
     * the budgeted keys whose spending grew. Empty when the batch is not such a batch: it has then changed rows it must
     * not keep, and the caller's transaction must roll back.
     */
    Optional<List<ApiKeyId>> settle(List<HoldCharge> owed, Instant now) {
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
        Outcome outcome = jdbc.sql("""
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
                        select (select count(*) from claimed) as claimed,
                               (select count(*) from leases_charged) as leases,
                               (select count(*) from accounts) as charged_teams,
                               array(select api_key_id from keys_settled where budget is not null and charged > 0)
                                   as budgeted""")
                .param("holds", texts(owed, charge -> charge.hold().id()))
                .param("leases", texts(owed, charge -> charge.hold().lease()))
                .param("charges", texts(owed, charge -> charge.charge().toPlainString()))
                .param("callTeams", texts(owed, charge -> charge.hold().team().value()))
                .param("notes", texts(owed, HoldCharge::note))
                .param("references", texts(owed, charge -> charge.hold().requestId()))
                .param("actors", texts(owed, HoldCharge::actor))
                .param("calls", ownHolds)
                .param("leaseCount", leases.size())
                .param("keys", texts(byKey.keySet(), ApiKeyId::value))
                .param("keyReserved", texts(byKey.values(), sums -> sums.held().toPlainString()))
                .param(
                        "keyCharged",
                        texts(byKey.values(), sums -> sums.charged().toPlainString()))
                .param("teams", texts(byTeam.keySet(), Function.identity()))
                .param(
                        "teamCharged",
                        texts(byTeam.values(), sums -> sums.charged().toPlainString()))
                .param("teamHeld", texts(byTeam.values(), sums -> sums.held().toPlainString()))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> new Outcome(
                        rs.getLong("claimed"),
                        rs.getLong("leases"),
                        rs.getLong("charged_teams"),
                        keys(rs.getArray("budgeted"))))
                .single();
        return outcome.claimedHolds() == ownHolds
                        && outcome.chargedLeases() == leases.size()
                        && outcome.chargedTeams() == byTeam.size()
                ? Optional.of(outcome.budgetedKeysSpent())
                : Optional.empty();
    }

    private static <T> String[] texts(Collection<T> values, Function<T, ?> text) {
        return values.stream()
                .map(text)
                .map(value -> value == null ? null : value.toString())
                .toArray(String[]::new);
    }

    private static List<ApiKeyId> keys(Array budgeted) throws SQLException {
        return Arrays.stream((Object[]) budgeted.getArray())
                .map(id -> new ApiKeyId((UUID) id))
                .toList();
    }
}
