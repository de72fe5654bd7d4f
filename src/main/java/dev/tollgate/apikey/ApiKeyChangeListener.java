package dev.tollgate.apikey;

import com.zaxxer.hikari.HikariConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Hears the key changes any replica commits ({@code LISTEN}/{@code NOTIFY} on the shared PostgreSQL) and drops those
 * keys from this replica's cache, so a revoked, expired or edited key is seen as such within milliseconds everywhere.
 * Listens on a connection of its own, outside the pool, on a thread of its own. Whenever it (re)connects it drops the
 * whole cache, since changes made while it was away went unheard; while it is away, cached rows still last no longer
 * than {@link ApiKeyStore#FRESHNESS}. It never holds up the start: a database out of reach is tried again and again.
 */
@Component
class ApiKeyChangeListener implements SmartLifecycle {

    /** The notification channel; the payload is the changed key's hash. */
    static final String CHANNEL = "tollgate_api_key_changed";

    /** How the connection shows in {@code pg_stat_activity}. */
    static final String APPLICATION_NAME = "tollgate-key-changes";

    private static final Logger log = LoggerFactory.getLogger(ApiKeyChangeListener.class);
    private static final int WAIT_MILLIS = 500;
    private static final Duration FIRST_RETRY = Duration.ofMillis(100);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(5);
    /** A connection silent this long is checked, so one the network dropped without a word is noticed. */
    private static final Duration QUIET_CHECK = Duration.ofSeconds(30);

    private final DataSource dataSource;
    private final ApiKeyStore store;
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean running;
    private volatile @Nullable Connection connection;
    private @Nullable Thread thread;

    ApiKeyChangeListener(DataSource dataSource, ApiKeyStore store) {
        this.dataSource = dataSource;
        this.store = store;
    }

    @Override
    public synchronized void start() {
        running = true;
        thread = Thread.ofPlatform().daemon().name("api-key-changes").start(this::listen);
    }

    @Override
    public synchronized void stop() {
        running = false;
        closeQuietly(connection);
        Thread listening = thread;
        if (listening != null) {
            listening.interrupt();
            try {
                listening.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** How often the listener has connected and started listening, for tests and diagnostics. */
    long connections() {
        return connections.get();
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        boolean warned = false;
        while (running) {
            try (Connection listening = open()) {
                connection = listening;
                try (Statement statement = listening.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                store.forgetAll();
                connections.incrementAndGet();
                if (warned) {
                    log.info("Listening for key changes again");
                }
                warned = false;
                retry = FIRST_RETRY;
                receive(listening);
            } catch (SQLException | RuntimeException e) {
                if (!running) {
                    break;
                }
                if (!warned) {
                    log.warn(
                            "Not listening for key changes ({}); other replicas' changes reach this one within {}"
                                    + " until it can again",
                            e.getMessage(),
                            ApiKeyStore.FRESHNESS);
                    warned = true;
                }
                pause(retry);
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
            } finally {
                connection = null;
            }
        }
    }

    private void receive(Connection listening) throws SQLException {
        PGConnection notices = listening.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (running) {
            PGNotification[] heard = notices.getNotifications(WAIT_MILLIS);
            if (heard != null && heard.length > 0) {
                for (PGNotification notification : heard) {
                    store.forget(notification.getParameter());
                }
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince > QUIET_CHECK.toNanos()) {
                if (!listening.isValid(5)) {
                    throw new SQLException("the connection stopped answering");
                }
                quietSince = System.nanoTime();
            }
        }
    }

    /** A connection like the pool's, but its own: held for as long as the application runs. */
    private Connection open() throws SQLException {
        if (dataSource instanceof HikariConfig pool && pool.getJdbcUrl() != null) {
            Properties properties = new Properties();
            properties.putAll(pool.getDataSourceProperties());
            if (pool.getUsername() != null) {
                properties.setProperty("user", pool.getUsername());
            }
            if (pool.getPassword() != null) {
                properties.setProperty("password", pool.getPassword());
            }
            properties.setProperty("ApplicationName", APPLICATION_NAME);
            properties.setProperty("connectTimeout", "5");
            properties.setProperty("tcpKeepAlive", "true");
            return DriverManager.getConnection(pool.getJdbcUrl(), properties);
        }
        return dataSource.getConnection();
    }

    private void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static void closeQuietly(@Nullable Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                log.debug("Closing the key-change connection: {}", e.getMessage());
            }
        }
    }
}
