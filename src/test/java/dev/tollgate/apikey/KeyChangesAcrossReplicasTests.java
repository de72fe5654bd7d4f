package dev.tollgate.apikey;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.account.TeamSummary;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A key changed by another replica (here: a transaction on a connection of the test's own, committing the change and
 * its notification as {@link ApiKeyService} does) is seen by this instance within milliseconds, long before its cached
 * row would run out ({@link ApiKeyStore#FRESHNESS}), also after the listener's connection was cut.
 */
@IntegrationTest
class KeyChangesAcrossReplicasTests {

    /** Far below the cache's five seconds: only a notification can explain a change seen this fast. */
    private static final Duration AT_ONCE = Duration.ofSeconds(1);

    @Autowired
    ApiKeyService keys;

    @Autowired
    ApiKeyChangeListener listener;

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Test
    void aKeyRevokedOnAnotherReplicaIsRefusedHereAtOnce() throws SQLException {
        IssuedApiKey issued = issue("revoked elsewhere");
        awaitListening();
        assertThat(keys.authenticate(issued.plaintext()).id())
                .isEqualTo(issued.key().id());

        asAnotherReplica(issued, "update api_key set revoked_at = now() where id = ?");
        Duration seen = timeUntil(issued, key -> false);

        assertThat(seen).as("revocation seen after %s", seen).isLessThan(AT_ONCE);
    }

    @Test
    void aKeyEditedOnAnotherReplicaTakesEffectHereAtOnce() throws SQLException {
        IssuedApiKey issued = issue("edited elsewhere");
        awaitListening();
        assertThat(keys.authenticate(issued.plaintext()).requestsPerMinute()).isNull();

        asAnotherReplica(
                issued, "update api_key set rpm = 7, allowed_models = array['gpt-4o-mini']::varchar[] where id = ?");
        Duration seen = timeUntil(issued, key -> Objects.equals(key.requestsPerMinute(), 7));

        assertThat(seen).as("edit seen after %s", seen).isLessThan(AT_ONCE);
        AuthenticatedKey edited = keys.authenticate(issued.plaintext());
        assertThat(edited.allowedModels()).containsExactly(new ModelId("gpt-4o-mini"));
    }

    @Test
    void aKeyExpiredOnAnotherReplicaIsRefusedHereAtOnce() throws SQLException {
        IssuedApiKey issued = issue("expired elsewhere");
        awaitListening();
        keys.authenticate(issued.plaintext());

        asAnotherReplica(issued, "update api_key set expires_at = now() - interval '1 second' where id = ?");
        Duration seen = timeUntil(issued, key -> false);

        assertThat(seen).as("expiry seen after %s", seen).isLessThan(AT_ONCE);
    }

    @Test
    void afterItsConnectionIsKilledTheListenerReconnectsAndStillHearsRevocations() throws SQLException {
        long before = awaitListening();
        Integer killed = jdbc.sql("select pid from pg_stat_activity where application_name = ?")
                .param(ApiKeyChangeListener.APPLICATION_NAME)
                .query(Integer.class)
                .single();
        IssuedApiKey issued = issue("revoked after a reconnect");
        keys.authenticate(issued.plaintext());

        jdbc.sql("select pg_terminate_backend(?)").param(killed).query().singleValue();
        long after = awaitConnections(before + 1);
        keys.authenticate(issued.plaintext());
        asAnotherReplica(issued, "update api_key set revoked_at = now() where id = ?");
        Duration seen = timeUntil(issued, key -> false);

        assertThat(after).as("connected once more").isEqualTo(before + 1);
        assertThat(jdbc.sql("select pid from pg_stat_activity where application_name = ?")
                        .param(ApiKeyChangeListener.APPLICATION_NAME)
                        .query(Integer.class)
                        .list())
                .as("a new connection replaced the killed one")
                .hasSize(1)
                .doesNotContain(killed);
        assertThat(seen).as("revocation seen after %s", seen).isLessThan(AT_ONCE);
    }

    @Test
    void revokingTellsOtherReplicasOnlyOnceItHasCommitted() throws SQLException {
        IssuedApiKey issued = issue("revoked here");
        try (Connection otherReplica = dataSource.getConnection()) {
            try (Statement listen = otherReplica.createStatement()) {
                listen.execute("LISTEN " + ApiKeyChangeListener.CHANNEL);
            }

            actors.asPlatformAdmin(() -> keys.revoke(issued.key().id()));

            PGNotification[] heard = otherReplica.unwrap(PGConnection.class).getNotifications(2_000);
            assertThat(heard).as("one notification").isNotNull();
            assertThat(Arrays.stream(heard).map(PGNotification::getParameter).toList())
                    .as("naming the key by its hash")
                    .containsExactly(new PlaintextKey(issued.plaintext()).hash());
            try (Statement unlisten = otherReplica.createStatement()) {
                unlisten.execute("UNLISTEN *");
            }
        }
    }

    private IssuedApiKey issue(String name) {
        TeamSummary team = testTeams.create("Replicas");
        return actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named(name)));
    }

    /** What another replica's {@link ApiKeyService} does: the change and its notification, in one transaction. */
    private void asAnotherReplica(IssuedApiKey issued, String change) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement(change);
                    PreparedStatement notify = connection.prepareStatement("select pg_notify(?, ?)")) {
                update.setObject(1, issued.key().id().value());
                assertThat(update.executeUpdate()).isEqualTo(1);
                notify.setString(1, ApiKeyChangeListener.CHANNEL);
                notify.setString(2, new PlaintextKey(issued.plaintext()).hash());
                notify.executeQuery().close();
                connection.commit();
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /** How long after now authentication answers as {@code seen} wants (refused, for {@code key -> false}). */
    private Duration timeUntil(IssuedApiKey issued, Predicate<AuthenticatedKey> seen) {
        long started = System.nanoTime();
        while (System.nanoTime() - started < ApiKeyStore.FRESHNESS.toNanos() * 2) {
            try {
                if (seen.test(keys.authenticate(issued.plaintext()))) {
                    return Duration.ofNanos(System.nanoTime() - started);
                }
            } catch (KeyRejectedException refused) {
                return Duration.ofNanos(System.nanoTime() - started);
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("the change was not seen within " + ApiKeyStore.FRESHNESS.multipliedBy(2));
    }

    private long awaitListening() {
        return awaitConnections(1);
    }

    private long awaitConnections(long atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (listener.connections() < atLeast) {
            assertThat(System.nanoTime()).as("the listener connects").isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        return listener.connections();
    }
}
