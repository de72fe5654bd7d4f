package dev.tollgate.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A key's row is reloaded ahead of its expiry, behind a read that still gets the row it had, so a busy key's callers
 * never wait for the reload together; and no row is ever used longer than the freshness bound. Time is a ticker the
 * test moves, the rows are real.
 */
@IntegrationTest
class ApiKeyRefreshTests {

    @Autowired
    ApiKeyService keys;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    private final AtomicLong nanos = new AtomicLong();
    private final Ticker ticker = nanos::get;

    @Test
    void aRowReadPastTheRefreshIsReloadedBehindTheReadThatStillGetsTheRowItHad() throws Exception {
        ApiKeyStore store = new ApiKeyStore(jdbc, ticker);
        IssuedApiKey issued = issue("refreshed ahead");
        String hash = new PlaintextKey(issued.plaintext()).hash();
        assertThat(store.byHash(hash).orElseThrow().rpm()).isNull();
        advance(ApiKeyStore.REFRESH.plusMillis(100));

        Integer answered;
        try (Connection changing = dataSource.getConnection()) {
            changing.setAutoCommit(false);
            try (Statement statement = changing.createStatement()) {
                statement.executeUpdate("update api_key set rpm = 7 where id = '"
                        + issued.key().id().value() + "'");
                // every read of the table, the reload's too, now waits for this transaction
                statement.execute("lock table api_key in access exclusive mode");
            }
            try (ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor()) {
                answered = reader.submit(() -> store.byHash(hash).orElseThrow().rpm())
                        .get(2, TimeUnit.SECONDS);
            }
            changing.commit();
        }

        assertThat(answered)
                .as("the read that starts the reload is answered from the cache, not after the reload")
                .isNull();
        assertThat(awaitRpm(store, hash, 7, Duration.ofSeconds(2)))
                .as("the reload lands before the row would expire, time standing still")
                .isTrue();
    }

    @Test
    void aRowNobodyReadUntilPastItsFreshnessIsLoadedAgainBeforeItIsUsed() {
        ApiKeyStore store = new ApiKeyStore(jdbc, ticker);
        IssuedApiKey issued = issue("expired in the cache");
        String hash = new PlaintextKey(issued.plaintext()).hash();
        store.byHash(hash);

        changeRpmUnannounced(issued, 9);
        advance(ApiKeyStore.FRESHNESS.plusMillis(1));

        assertThat(store.byHash(hash).orElseThrow().rpm())
                .as("never a row older than the freshness bound")
                .isEqualTo(9);
    }

    @Test
    void beforeTheRefreshTheCachedRowIsUsedWithoutAQuery() {
        ApiKeyStore store = new ApiKeyStore(jdbc, ticker);
        IssuedApiKey issued = issue("fresh in the cache");
        String hash = new PlaintextKey(issued.plaintext()).hash();
        store.byHash(hash);

        changeRpmUnannounced(issued, 11);
        advance(ApiKeyStore.REFRESH.minusMillis(100));

        assertThat(store.byHash(hash).orElseThrow().rpm()).isNull();
        assertThat(awaitRpm(store, hash, 11, Duration.ofMillis(300)))
                .as("no reload before the refresh interval")
                .isFalse();
    }

    private IssuedApiKey issue(String name) {
        TeamSummary team = testTeams.create("Refresh");
        return actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named(name)));
    }

    /** A change no notification announces, as when that word is lost: only the cache's own timing can bring it. */
    private void changeRpmUnannounced(IssuedApiKey issued, int rpm) {
        assertThat(jdbc.sql("update api_key set rpm = ? where id = ?")
                        .params(rpm, issued.key().id().value())
                        .update())
                .isEqualTo(1);
    }

    private void advance(Duration by) {
        nanos.addAndGet(by.toNanos());
    }

    /** Whether the store answers with {@code rpm} within {@code within} of real time, the ticker left where it is. */
    private static boolean awaitRpm(ApiKeyStore store, String hash, int rpm, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            Integer now = store.byHash(hash).orElseThrow().rpm();
            if (now != null && now == rpm) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }
}
