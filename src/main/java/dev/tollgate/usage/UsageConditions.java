package dev.tollgate.usage;

import dev.tollgate.account.TeamId;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A team and a {@link UsageFilter} as a SQL {@code where} clause with its arguments. Raw rows and daily roll-ups share
 * the dimension columns; they differ in how time is bounded.
 */
record UsageConditions(String sql, List<Object> args) {

    /** Conditions on {@code usage_record} under the alias {@code u}. */
    static UsageConditions onRows(TeamId team, UsageFilter filter) {
        Builder where = new Builder("u.", team, filter);
        where.add("u.created_at >= ?", filter.from() == null ? null : Timestamp.from(filter.from()));
        where.add("u.created_at < ?", filter.until() == null ? null : Timestamp.from(filter.until()));
        where.add(
                "u.session_id = ?",
                filter.session() == null ? null : filter.session().value());
        return where.build();
    }

    /** Conditions on {@code usage_daily_live}; the filter's bounds must be whole days. */
    static UsageConditions onDays(TeamId team, UsageFilter filter) {
        if (!filter.coversWholeDays()) {
            throw new IllegalArgumentException("Daily roll-ups answer only whole-day ranges");
        }
        Builder where = new Builder("", team, filter);
        where.add("day >= ?", filter.from() == null ? null : UsageFilter.dayOf(filter.from()));
        where.add("day < ?", filter.until() == null ? null : UsageFilter.dayOf(filter.until()));
        return where.build();
    }

    /** These arguments followed by more, for the parameters after the {@code where} clause. */
    Object[] argsWith(Object... more) {
        List<Object> all = new ArrayList<>(args);
        all.addAll(List.of(more));
        return all.toArray();
    }

    private static final class Builder {

        private final StringBuilder sql = new StringBuilder();
        private final List<Object> args = new ArrayList<>();

        Builder(String alias, TeamId team, UsageFilter filter) {
            sql.append(alias).append("team_id = ?");
            args.add(team.value());
            add(
                    alias + "api_key_id = ?",
                    filter.apiKey() == null ? null : filter.apiKey().value());
            add(
                    alias + "model = ?",
                    filter.model() == null ? null : filter.model().value());
            add(alias + "kind = ?", filter.kind() == null ? null : filter.kind().name());
            add(
                    alias + "status = ?",
                    filter.status() == null ? null : filter.status().name());
            add(
                    alias + "source = ?",
                    filter.source() == null ? null : filter.source().name());
        }

        void add(String condition, @Nullable Object value) {
            if (value != null) {
                sql.append(" and ").append(condition);
                args.add(value);
            }
        }

        UsageConditions build() {
            return new UsageConditions(sql.toString(), List.copyOf(args));
        }
    }
}
