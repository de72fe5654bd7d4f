package dev.tollgate.usage;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.caller.CallSource;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.ArgumentPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Repository;

/** Reads raw {@code usage_record} rows: pages of the history, single requests, totals of odd ranges, exports. */
@Repository
class UsageRows {

    /** Rows fetched per round trip when streaming; PostgreSQL only uses a cursor inside a transaction. */
    private static final int STREAM_FETCH_SIZE = 2_000;

    static final String SELECT = """
            select u.id, u.created_at, u.request_id, u.api_key_id, k.name as api_key_name, u.user_id,
                   p.email as user_email, u.source, u.model, u.kind, u.dialect, u.channel, u.status,
                   u.input_tokens, u.output_tokens, u.cache_read_tokens, u.cache_write_tokens, u.cache_write_1h_tokens,
                   u.input_cost, u.output_cost, u.cache_read_cost, u.cache_write_cost, u.cache_write_1h_cost,
                   u.request_cost, u.total_cost,
                   u.latency_ms, u.first_token_ms, u.finish_reason, u.error, u.requested_model,
                   u.session_id, u.reasoning_tokens
            from usage_record u
            left join api_key k on k.id = u.api_key_id
            left join app_user p on p.id = u.user_id
            """;
    private static final String NEWEST_FIRST = " order by u.created_at desc, u.id desc";

    private final JdbcTemplate jdbc;

    UsageRows(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<UsageEntry> page(TeamId team, UsageFilter filter, @Nullable UsageCursor after, int limit) {
        UsageConditions where = UsageConditions.onRows(team, filter);
        if (after == null) {
            return jdbc.query(
                    SELECT + "where " + where.sql() + NEWEST_FIRST + " limit ?",
                    UsageRows::entry,
                    where.argsWith(limit));
        }
        // a row comparison, so the (team_id, created_at desc, id desc) index seeks straight to the cursor
        return jdbc.query(
                SELECT + "where " + where.sql() + " and (u.created_at, u.id) < (?, ?)" + NEWEST_FIRST + " limit ?",
                UsageRows::entry,
                where.argsWith(Timestamp.from(after.createdAt()), after.id(), limit));
    }

    Optional<UsageEntry> find(TeamId team, String requestId) {
        return jdbc
                .query(SELECT + "where u.team_id = ? and u.request_id = ?", UsageRows::entry, team.value(), requestId)
                .stream()
                .findFirst();
    }

    UsageTotals totals(TeamId team, UsageFilter filter) {
        UsageConditions where = UsageConditions.onRows(team, filter);
        return jdbc.queryForObject(
                """
                select count(*), coalesce(sum(input_tokens), 0), coalesce(sum(output_tokens), 0),
                       coalesce(sum(cache_read_tokens), 0), coalesce(sum(cache_write_tokens), 0),
                       coalesce(sum(cache_write_1h_tokens), 0), coalesce(sum(total_cost), 0),
                       coalesce(sum(reasoning_tokens), 0)
                from usage_record u where\s""" + where.sql(), (rs, n) -> totals(rs), where.args().toArray());
    }

    /** Hands each matching row, newest first, to {@code rows}; run it in a transaction so rows come a batch at a time. */
    void stream(TeamId team, UsageFilter filter, RowCallbackHandler rows) {
        UsageConditions where = UsageConditions.onRows(team, filter);
        String sql = SELECT + "where " + where.sql() + NEWEST_FIRST;
        jdbc.query(
                connection -> {
                    PreparedStatement statement = connection.prepareStatement(sql);
                    statement.setFetchSize(STREAM_FETCH_SIZE);
                    new ArgumentPreparedStatementSetter(where.args().toArray()).setValues(statement);
                    return statement;
                },
                rows);
    }

    static UsageTotals totals(ResultSet rs) throws SQLException {
        return new UsageTotals(
                rs.getLong(1),
                new TokenCounts(rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)),
                rs.getLong(8),
                new Credits(rs.getBigDecimal(7)));
    }

    private static UsageEntry entry(ResultSet rs, int row) throws SQLException {
        UUID key = rs.getObject("api_key_id", UUID.class);
        UUID user = rs.getObject("user_id", UUID.class);
        int firstToken = rs.getInt("first_token_ms");
        boolean hasFirstToken = !rs.wasNull();
        return new UsageEntry(
                rs.getLong("id"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getString("request_id"),
                key == null ? null : new ApiKeyId(key),
                rs.getString("api_key_name"),
                user == null ? null : new UserId(user),
                rs.getString("user_email"),
                CallSource.valueOf(rs.getString("source")),
                new ModelId(rs.getString("model")),
                UsageKind.valueOf(rs.getString("kind")),
                rs.getString("dialect"),
                rs.getString("channel"),
                UsageStatus.valueOf(rs.getString("status")),
                new TokenCounts(
                        rs.getLong("input_tokens"),
                        rs.getLong("output_tokens"),
                        rs.getLong("cache_read_tokens"),
                        rs.getLong("cache_write_tokens"),
                        rs.getLong("cache_write_1h_tokens")),
                new ChatCost(
                        credits(rs, "input_cost"),
                        credits(rs, "output_cost"),
                        credits(rs, "cache_read_cost"),
                        credits(rs, "cache_write_cost"),
                        credits(rs, "cache_write_1h_cost")),
                credits(rs, "request_cost"),
                credits(rs, "total_cost"),
                Duration.ofMillis(rs.getInt("latency_ms")),
                hasFirstToken ? Duration.ofMillis(firstToken) : null,
                rs.getString("finish_reason"),
                rs.getString("error"),
                rs.getString("requested_model") == null ? null : new ModelId(rs.getString("requested_model")),
                rs.getString("session_id"),
                rs.getLong("reasoning_tokens"));
    }

    private static Credits credits(ResultSet rs, String column) throws SQLException {
        return new Credits(rs.getBigDecimal(column));
    }
}
