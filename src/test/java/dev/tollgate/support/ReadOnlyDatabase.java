package dev.tollgate.support;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The application's database refusing every write while this is open, as a database in a fail-over or a full disk
 * does: its default transaction becomes read-only, and the pool's connections are replaced so that each one the
 * application takes from now on is. Reads still work. Closing it makes the database writable again the same way.
 */
public final class ReadOnlyDatabase implements AutoCloseable {

    private final HikariDataSource pool;

    private ReadOnlyDatabase(HikariDataSource pool) {
        this.pool = pool;
        readOnly(true);
    }

    public static ReadOnlyDatabase of(HikariDataSource pool) {
        return new ReadOnlyDatabase(pool);
    }

    @Override
    public void close() {
        readOnly(false);
    }

    private void readOnly(boolean readOnly) {
        try (Connection admin = pool.getConnection();
                Statement statement = admin.createStatement()) {
            // this connection may already be one that refuses writes
            statement.execute("set default_transaction_read_only = off");
            String database = quoted(admin.getCatalog());
            statement.execute(
                    readOnly
                            ? "alter database " + database + " set default_transaction_read_only = on"
                            : "alter database " + database + " reset default_transaction_read_only");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not change the database's default transaction", e);
        }
        // connections in use are replaced when they are given back
        pool.getHikariPoolMXBean().softEvictConnections();
    }

    private static String quoted(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }
}
