package dev.tollgate.caller;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link Caller} is kept in a table that records calls: six columns of the same names and types wherever it is
 * kept (usage rows, video jobs, stored media), written and read in one place.
 */
public final class CallerColumns {

    /** The columns, in the order of {@link #values}. */
    public static final String NAMES = "request_id, team_id, api_key_id, user_id, source, dialect";

    private CallerColumns() {}

    /** The caller as JDBC parameters, in the order of {@link #NAMES}. */
    public static @Nullable Object[] values(Caller caller) {
        return new @Nullable Object[] {
            caller.requestId(),
            caller.team().value(),
            caller.key() == null ? null : caller.key().value(),
            caller.user() == null ? null : caller.user().value(),
            caller.source().name(),
            caller.dialectName()
        };
    }

    /**
     * A row's parameters in the order an insert lists its columns, where a {@link Caller} among them stands for its
     * columns ({@link #NAMES}).
     */
    public static Object[] row(@Nullable Object... values) {
        List<@Nullable Object> row = new ArrayList<>(values.length + 5);
        for (Object value : values) {
            if (value instanceof Caller caller) {
                row.addAll(Arrays.asList(values(caller)));
            } else {
                row.add(value);
            }
        }
        return row.toArray();
    }

    /** The caller of the current row. */
    public static Caller read(ResultSet row) throws SQLException {
        UUID key = row.getObject("api_key_id", UUID.class);
        UUID user = row.getObject("user_id", UUID.class);
        String dialect = row.getString("dialect");
        return new Caller(
                row.getString("request_id"),
                new TeamId(row.getObject("team_id", UUID.class)),
                key == null ? null : new ApiKeyId(key),
                user == null ? null : new UserId(user),
                CallSource.valueOf(row.getString("source")),
                dialect == null ? null : Dialect.fromStoredName(dialect).orElse(null));
    }
}
