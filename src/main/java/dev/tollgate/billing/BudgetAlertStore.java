package dev.tollgate.billing;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.KeyLabel;
import dev.tollgate.money.Credits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The key_budget_alert table in plain SQL, so recording crossings fits in the settle transaction. Keys are named by
 * the apikey module, asked only when there is something to name.
 */
@Component
class BudgetAlertStore {

    private static final int MOST_UNREAD_SHOWN = 50;

    /** An alert row before its key is named. */
    private record Row(
            UUID id,
            ApiKeyId key,
            TeamId team,
            BudgetThreshold threshold,
            Credits budget,
            Credits spent,
            Instant at,
            @Nullable Instant readAt) {}

    private final JdbcClient jdbc;
    private final ApiKeyService keys;

    BudgetAlertStore(JdbcClient jdbc, ApiKeyService keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /**
     * Records every threshold the keys' spending has reached and not yet recorded for their current budget, in one
     * statement. Run after their spending changed, in the same transaction: the keys' rows are locked by then, and the
     * unique constraint makes a crossing that another transaction recorded first a no-op here.
     */
    List<KeyBudgetCrossed> recordCrossings(Collection<ApiKeyId> budgetedKeys, Instant now) {
        List<Row> crossed = jdbc.sql("""
                        insert into key_budget_alert (id, api_key_id, team_id, threshold, budget, spent, created_at)
                        select gen_random_uuid(), k.api_key_id, k.team_id, t.percent, k.budget, k.spent, :now
                        from key_budget k cross join (values (80), (100)) as t(percent)
                        where k.api_key_id = any(cast(:ids as uuid[]))
                            and k.budget is not null
                            and k.spent >= k.budget * t.percent / 100
                        on conflict (api_key_id, threshold, budget) do nothing
                        returning id, api_key_id, team_id, threshold, budget, spent, created_at, read_at""")
                .param("ids", budgetedKeys.stream().map(ApiKeyId::toString).toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> row(rs))
                .list();
        if (crossed.isEmpty()) {
            return List.of();
        }
        Map<ApiKeyId, KeyLabel> labels =
                keys.labels(crossed.stream().map(Row::key).distinct().toList());
        return crossed.stream()
                .sorted(Comparator.comparing((Row row) -> row.key().value())
                        .thenComparing(row -> row.threshold().percent()))
                .map(row -> {
                    KeyLabel label = labelOf(labels, row.key());
                    return new KeyBudgetCrossed(
                            row.id(),
                            row.key(),
                            row.team(),
                            label.name(),
                            label.maskedKey(),
                            row.threshold(),
                            row.budget(),
                            row.spent(),
                            row.at());
                })
                .toList();
    }

    List<BudgetAlert> unread(TeamId team) {
        return named(jdbc.sql("""
                        select id, api_key_id, team_id, threshold, budget, spent, created_at, read_at
                        from key_budget_alert
                        where team_id = ? and read_at is null
                        order by created_at desc, threshold desc
                        limit ?""")
                .params(team.value(), MOST_UNREAD_SHOWN)
                .query((rs, row) -> row(rs))
                .list());
    }

    /** The newest alerts, read or not, for the history under the bell. */
    List<BudgetAlert> recent(TeamId team, int limit) {
        return named(jdbc.sql("""
                        select id, api_key_id, team_id, threshold, budget, spent, created_at, read_at
                        from key_budget_alert
                        where team_id = ?
                        order by created_at desc, threshold desc
                        limit ?""")
                .params(team.value(), limit)
                .query((rs, row) -> row(rs))
                .list());
    }

    private List<BudgetAlert> named(List<Row> rows) {
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<ApiKeyId, KeyLabel> labels =
                keys.labels(rows.stream().map(Row::key).distinct().toList());
        return rows.stream()
                .map(row -> new BudgetAlert(
                        row.id(),
                        row.key(),
                        labelOf(labels, row.key()).name(),
                        row.threshold(),
                        row.budget(),
                        row.spent(),
                        row.at(),
                        row.readAt()))
                .toList();
    }

    int markAllRead(TeamId team, Instant now) {
        return jdbc.sql("update key_budget_alert set read_at = ? where team_id = ? and read_at is null")
                .params(Timestamp.from(now), team.value())
                .update();
    }

    /** Every key with a budget has a row in api_key; the fallback only keeps an alert from failing for want of a name. */
    private static KeyLabel labelOf(Map<ApiKeyId, KeyLabel> labels, ApiKeyId key) {
        KeyLabel label = labels.get(key);
        return label == null ? new KeyLabel("key " + key, "vai-…") : label;
    }

    private static Row row(ResultSet rs) throws SQLException {
        return new Row(
                rs.getObject("id", UUID.class),
                new ApiKeyId(rs.getObject("api_key_id", UUID.class)),
                new TeamId(rs.getObject("team_id", UUID.class)),
                BudgetThreshold.ofPercent(rs.getInt("threshold")),
                new Credits(rs.getBigDecimal("budget")),
                new Credits(rs.getBigDecimal("spent")),
                rs.getTimestamp("created_at").toInstant(),
                readAt(rs));
    }

    private static @Nullable Instant readAt(ResultSet rs) throws SQLException {
        Timestamp read = rs.getTimestamp("read_at");
        return read == null ? null : read.toInstant();
    }
}
