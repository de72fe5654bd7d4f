package dev.tollgate.apikey;

import dev.tollgate.account.TeamId;
import dev.tollgate.money.Credits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The key_budget_alert table in plain SQL, so recording crossings fits in the settle transaction. */
@Component
class BudgetAlertStore {

    private static final int MOST_UNREAD_SHOWN = 50;

    private final JdbcClient jdbc;

    BudgetAlertStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records every threshold the keys' spending has reached and not yet recorded for their current budget, in one
     * statement. Run after their spending changed, in the same transaction: the keys' rows are locked by then, and the
     * unique constraint makes a crossing that another transaction recorded first a no-op here.
     */
    List<KeyBudgetCrossed> recordCrossings(Collection<UUID> keys, Instant now) {
        return jdbc.sql("""
                        with crossed as (
                            insert into key_budget_alert (id, api_key_id, team_id, threshold, budget, spent, created_at)
                            select gen_random_uuid(), k.id, k.team_id, t.percent, k.budget, k.spent, :now
                            from api_key k cross join (values (80), (100)) as t(percent)
                            where k.id = any(cast(:ids as uuid[]))
                                and k.budget is not null
                                and k.spent >= k.budget * t.percent / 100
                            on conflict (api_key_id, threshold, budget) do nothing
                            returning id, api_key_id, team_id, threshold, budget, spent, created_at)
                        select c.*, k.name, k.last_four
                        from crossed c join api_key k on k.id = c.api_key_id
                        order by c.api_key_id, c.threshold""")
                .param("ids", keys.stream().map(UUID::toString).toArray(String[]::new))
                .param("now", Timestamp.from(now))
                .query((rs, row) -> crossing(rs))
                .list();
    }

    List<BudgetAlert> unread(TeamId team) {
        return jdbc.sql("""
                        select a.id, a.api_key_id, k.name, a.threshold, a.budget, a.spent, a.created_at
                        from key_budget_alert a join api_key k on k.id = a.api_key_id
                        where a.team_id = ? and a.read_at is null
                        order by a.created_at desc, a.threshold desc
                        limit ?""")
                .params(team.value(), MOST_UNREAD_SHOWN)
                .query((rs, row) -> new BudgetAlert(
                        rs.getObject("id", UUID.class),
                        new ApiKeyId(rs.getObject("api_key_id", UUID.class)),
                        rs.getString("name"),
                        BudgetThreshold.ofPercent(rs.getInt("threshold")),
                        new Credits(rs.getBigDecimal("budget")),
                        new Credits(rs.getBigDecimal("spent")),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    int markAllRead(TeamId team, Instant now) {
        return jdbc.sql("update key_budget_alert set read_at = ? where team_id = ? and read_at is null")
                .params(Timestamp.from(now), team.value())
                .update();
    }

    private static KeyBudgetCrossed crossing(ResultSet rs) throws SQLException {
        return new KeyBudgetCrossed(
                rs.getObject("id", UUID.class),
                new ApiKeyId(rs.getObject("api_key_id", UUID.class)),
                new TeamId(rs.getObject("team_id", UUID.class)),
                rs.getString("name"),
                PlaintextKey.PREFIX + "…" + rs.getString("last_four"),
                BudgetThreshold.ofPercent(rs.getInt("threshold")),
                new Credits(rs.getBigDecimal("budget")),
                new Credits(rs.getBigDecimal("spent")),
                rs.getTimestamp("created_at").toInstant());
    }
}
