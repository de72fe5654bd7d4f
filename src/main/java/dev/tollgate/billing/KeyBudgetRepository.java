package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The key_budget table: each key's budget, spending and reservations, changed only by single conditional statements
 * (the row lock the update takes serialises concurrent calls of a key, the {@code WHERE} clause is the budget check).
 * Reserving happens in the hold's own statement ({@link CreditHoldRepository#reserve}).
 */
@Repository
class KeyBudgetRepository {

    private final JdbcClient jdbc;

    KeyBudgetRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void open(ApiKeyId key, TeamId team, @Nullable BigDecimal budget) {
        jdbc.sql("insert into key_budget (api_key_id, team_id, budget) values (?, ?, ?)")
                .params(key.value(), team.value(), budget)
                .update();
    }

    Optional<KeyBudget> find(ApiKeyId key) {
        return jdbc.sql("select api_key_id, budget, spent, reserved from key_budget where api_key_id = ?")
                .param(key.value())
                .query((rs, row) -> read(rs))
                .optional();
    }

    List<KeyBudget> ofTeam(TeamId team) {
        return jdbc.sql("select api_key_id, budget, spent, reserved from key_budget where team_id = ?")
                .param(team.value())
                .query((rs, row) -> read(rs))
                .list();
    }

    Optional<TeamId> teamOf(ApiKeyId key) {
        return jdbc.sql("select team_id from key_budget where api_key_id = ?")
                .param(key.value())
                .query(UUID.class)
                .optional()
                .map(TeamId::new);
    }

    /** Locks the key's row until the commit, so a settle takes the key before the team as every other change does. */
    void lock(ApiKeyId key) {
        jdbc.sql("select 1 from key_budget where api_key_id = ? for update")
                .param(key.value())
                .query(Integer.class)
                .optional();
    }

    void changeBudget(ApiKeyId key, @Nullable BigDecimal budget) {
        jdbc.sql("update key_budget set budget = ? where api_key_id = ?")
                .params(budget, key.value())
                .update();
    }

    /**
     * Adds a prepaid charge to the key's spending: empty when its budget cannot cover it, else whether the key has a
     * budget (only such keys are checked for crossings).
     */
    Optional<Boolean> spend(ApiKeyId key, BigDecimal amount) {
        return jdbc.sql("""
                        update key_budget set spent = spent + :amount
                        where api_key_id = :key and (budget is null or spent + reserved + :amount <= budget)
                        returning budget is not null""")
                .param("amount", amount)
                .param("key", key.value())
                .query(Boolean.class)
                .optional();
    }

    /** Takes a refunded charge back off the key's spending. */
    void unspend(ApiKeyId key, BigDecimal amount) {
        jdbc.sql("update key_budget set spent = greatest(spent - ?, 0) where api_key_id = ?")
                .params(amount, key.value())
                .update();
    }

    /** Reservations to free and charges to add on one key. */
    record Spending(BigDecimal reserved, BigDecimal charged) {

        static Spending of(Credits reserved, Credits charged) {
            return new Spending(reserved.amount(), charged.amount());
        }

        Spending plus(Spending other) {
            return new Spending(reserved.add(other.reserved), charged.add(other.charged));
        }
    }

    /**
     * Frees reservations and adds charges for many keys in one statement, per key id the sums of its calls. The rows are
     * locked in the map's order before any is changed (an update joined to the ids would lock them in whatever order
     * its plan reads them), so a batch of settles and a batch of reservations, both sorting keys the same way, never
     * wait for each other in a circle. Returns the keys that have a budget.
     */
    List<ApiKeyId> settle(Map<ApiKeyId, Spending> byKey) {
        return jdbc
                .sql("""
                        with locked as materialized (
                            select k.api_key_id, v.reserved, v.charged
                            from unnest(cast(:ids as uuid[]), cast(:reserved as numeric[]), cast(:charged as numeric[]))
                                with ordinality as v(id, reserved, charged, position)
                            join key_budget k on k.api_key_id = v.id
                            order by v.position
                            for update of k),
                        touched as (
                            update key_budget k
                            set reserved = greatest(k.reserved - l.reserved, 0), spent = k.spent + l.charged
                            from locked l
                            where k.api_key_id = l.api_key_id
                            returning k.api_key_id, k.budget)
                        select api_key_id from touched where budget is not null""")
                .param("ids", byKey.keySet().stream().map(ApiKeyId::toString).toArray(String[]::new))
                .param(
                        "reserved",
                        byKey.values().stream()
                                .map(sums -> sums.reserved().toPlainString())
                                .toArray(String[]::new))
                .param(
                        "charged",
                        byKey.values().stream()
                                .map(sums -> sums.charged().toPlainString())
                                .toArray(String[]::new))
                .query(UUID.class)
                .list()
                .stream()
                .map(ApiKeyId::new)
                .toList();
    }

    private static KeyBudget read(ResultSet rs) throws SQLException {
        BigDecimal budget = rs.getBigDecimal("budget");
        return new KeyBudget(
                new ApiKeyId(rs.getObject("api_key_id", UUID.class)),
                budget == null ? null : new Credits(budget),
                new Credits(rs.getBigDecimal("spent")),
                new Credits(rs.getBigDecimal("reserved")));
    }
}
