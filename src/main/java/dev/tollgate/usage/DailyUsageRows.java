package dev.tollgate.usage;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the daily roll-ups through {@code usage_daily_live}: the stored sums plus the rows not yet rolled up
 * ({@link UsageRollups}), so every report is exact the moment a call has settled. Ranges are {@code [from, until)} in
 * UTC days; every query is bounded by team (except the platform's cross-team one) and days, so it reads at most a few
 * rows per day and group, and the rows waiting for a roll-up.
 */
@Repository
class DailyUsageRows {

    private static final String SUMS = """
            sum(requests), sum(input_tokens), sum(output_tokens), sum(cache_read_tokens), sum(cache_write_tokens),
            sum(cache_write_1h_tokens), sum(total_cost), sum(reasoning_tokens)""";

    private final JdbcTemplate jdbc;

    DailyUsageRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    UsageTotals totals(TeamId team, UsageFilter filter) {
        UsageConditions where = UsageConditions.onDays(team, filter);
        return jdbc.queryForObject(
                """
                select coalesce(sum(requests), 0), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),
                       coalesce(sum(cache_read_tokens), 0), coalesce(sum(cache_write_tokens), 0),
                       coalesce(sum(cache_write_1h_tokens), 0), coalesce(sum(total_cost), 0),
                       coalesce(sum(reasoning_tokens), 0)
                from usage_daily_live where\s""" + where.sql(), (rs, n) -> UsageRows.totals(rs), where.args().toArray());
    }

    /** The spend on {@code today}, the seven days and the thirty days ending with it, in that order. */
    List<Credits> recentSpend(TeamId team, LocalDate today) {
        return jdbc.queryForObject(
                """
                select coalesce(sum(total_cost) filter (where day = ?), 0),
                       coalesce(sum(total_cost) filter (where day > ?), 0),
                       coalesce(sum(total_cost), 0)
                from usage_daily_live where team_id = ? and day > ? and day <= ?""",
                (rs, n) -> List.of(
                        new Credits(rs.getBigDecimal(1)),
                        new Credits(rs.getBigDecimal(2)),
                        new Credits(rs.getBigDecimal(3))),
                today,
                today.minusDays(7),
                team.value(),
                today.minusDays(30),
                today);
    }

    List<DailyModelSpend> perDayByModel(TeamId team, LocalDate from, LocalDate until) {
        return jdbc.query(
                """
                select day, model, sum(requests), sum(total_cost) from usage_daily_live
                where team_id = ? and day >= ? and day < ?
                group by day, model order by day, model""",
                (rs, n) -> new DailyModelSpend(
                        rs.getObject(1, LocalDate.class),
                        new ModelId(rs.getString(2)),
                        rs.getLong(3),
                        new Credits(rs.getBigDecimal(4))),
                team.value(),
                from,
                until);
    }

    /** Keys by spend, highest first, at most {@code limit}; requests without a key count as one group. */
    List<KeySpend> byKey(TeamId team, LocalDate from, LocalDate until, int limit) {
        return jdbc.query(
                """
                select d.api_key_id, k.name, d.requests, d.spend from (
                    select api_key_id, sum(requests) as requests, sum(total_cost) as spend from usage_daily_live
                    where team_id = ? and day >= ? and day < ?
                    group by api_key_id) d
                left join api_key k on k.id = d.api_key_id
                order by d.spend desc, k.name, d.api_key_id limit ?""",
                (rs, n) -> new KeySpend(key(rs, 1), rs.getString(2), rs.getLong(3), new Credits(rs.getBigDecimal(4))),
                team.value(),
                from,
                until,
                limit);
    }

    /** Models by spend, highest first, at most {@code limit}. */
    List<ModelSpend> byModel(TeamId team, LocalDate from, LocalDate until, int limit) {
        return jdbc.query(
                "select model, " + SUMS + """
                         from usage_daily_live
                        where team_id = ? and day >= ? and day < ?
                        group by model order by sum(total_cost) desc, model limit ?""",
                (rs, n) -> new ModelSpend(new ModelId(rs.getString(1)), rs.getLong(2), tokens(rs, 3), spend(rs, 8)),
                team.value(),
                from,
                until,
                limit);
    }

    List<KindTokens> byKind(TeamId team, LocalDate from, LocalDate until) {
        return jdbc.query(
                "select kind, " + SUMS + """
                         from usage_daily_live
                        where team_id = ? and day >= ? and day < ?
                        group by kind order by kind""",
                (rs, n) ->
                        new KindTokens(UsageKind.valueOf(rs.getString(1)), rs.getLong(2), tokens(rs, 3), spend(rs, 8)),
                team.value(),
                from,
                until);
    }

    /** One entry for every day of the range, zero where nothing was made. */
    List<DailyMediaCount> mediaPerDay(TeamId team, LocalDate from, LocalDate until) {
        return jdbc.query(
                """
                select days.day::date,
                       coalesce(sum(d.requests) filter (where d.kind in ('IMAGE', 'EDIT')), 0),
                       coalesce(sum(d.requests) filter (where d.kind = 'VIDEO'), 0)
                from generate_series(?::date, ?::date - 1, interval '1 day') as days(day)
                left join usage_daily_live d on d.team_id = ? and d.day = days.day::date
                                       and d.kind in ('IMAGE', 'EDIT', 'VIDEO')
                group by days.day order by days.day""",
                (rs, n) -> new DailyMediaCount(rs.getObject(1, LocalDate.class), rs.getLong(2), rs.getLong(3)),
                from,
                until,
                team.value());
    }

    List<UsageGroup> grouped(TeamId team, LocalDate from, LocalDate until, UsageGrouping grouping) {
        String sums =
                "select %s, " + SUMS + " from usage_daily_live where team_id = ? and day >= ? and day < ? group by 1";
        String sql = switch (grouping) {
            case DAY -> sums.formatted("day::text") + " order by 1";
            case MODEL -> sums.formatted("model") + " order by 1";
            case KEY ->
                "select g.*, k.name from (" + sums.formatted("api_key_id")
                        + ") g left join api_key k on k.id = g.api_key_id order by k.name, g.api_key_id";
        };
        return jdbc.query(
                sql,
                (rs, n) -> new UsageGroup(
                        rs.getString(1),
                        grouping == UsageGrouping.KEY ? rs.getString(10) : null,
                        new UsageTotals(rs.getLong(2), tokens(rs, 3), rs.getLong(9), spend(rs, 8))),
                team.value(),
                from,
                until);
    }

    List<TeamModelSpend> crossTeam(LocalDate from, LocalDate until) {
        return jdbc.query(
                """
                select d.team_id, t.name, d.model, d.requests, d.spend from (
                    select team_id, model, sum(requests) as requests, sum(total_cost) as spend from usage_daily_live
                    where day >= ? and day < ?
                    group by team_id, model) d
                join team t on t.id = d.team_id
                order by t.name, d.team_id, d.model""",
                (rs, n) -> new TeamModelSpend(
                        new TeamId(rs.getObject(1, UUID.class)),
                        rs.getString(2),
                        new ModelId(rs.getString(3)),
                        rs.getLong(4),
                        new Credits(rs.getBigDecimal(5))),
                from,
                until);
    }

    private static TokenCounts tokens(ResultSet rs, int first) throws SQLException {
        return new TokenCounts(
                rs.getLong(first),
                rs.getLong(first + 1),
                rs.getLong(first + 2),
                rs.getLong(first + 3),
                rs.getLong(first + 4));
    }

    private static Credits spend(ResultSet rs, int column) throws SQLException {
        return new Credits(rs.getBigDecimal(column));
    }

    private static @Nullable ApiKeyId key(ResultSet rs, int column) throws SQLException {
        UUID id = rs.getObject(column, UUID.class);
        return id == null ? null : new ApiKeyId(id);
    }
}
