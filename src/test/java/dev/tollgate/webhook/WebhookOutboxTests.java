package dev.tollgate.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.KeySpender;
import dev.tollgate.support.TestTeams;
import dev.tollgate.support.WebhookReceiver.Delivery;
import dev.tollgate.support.WithWebhookReceiver;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The webhook outbox with the real database and a real receiver: events written with the spending that caused them,
 * claimed by workers that stand in for replicas on one database, a claim left by a dead instance taken over after its
 * lease, retries that outlive the worker that scheduled them, and the prune.
 */
@IntegrationTest
class WebhookOutboxTests extends WithWebhookReceiver {

    private static final Duration WAIT = Duration.ofSeconds(15);
    /** How long a test waits to be sure that nothing more arrives. */
    private static final Duration QUIET = Duration.ofMillis(600);

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    ApiKeyService keys;

    @Autowired
    TeamWebhookService webhooks;

    @Autowired
    KeySpender spender;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DeliveryWorkers applicationWorkers;

    @Autowired
    WebhookOutbox outbox;

    @Autowired
    OutboxPrune prune;

    @Autowired
    WebhookBacklog backlog;

    @Autowired
    @Qualifier("jdbcTransactionManager")
    PlatformTransactionManager transactions;

    private final List<DeliveryWorker> replicas = new ArrayList<>();
    private TeamSummary team;
    private UserDetails owner;
    private URI hook;

    @BeforeEach
    void teamWithWebhook() {
        team = testTeams.createWithBalance("Outbox", "5.00");
        owner = testTeams.addPerson(team, TeamRole.OWNER);
        hook = receiver.newHook();
        actors.as(owner, () -> webhooks.save(team.id(), hook.toString()));
    }

    @AfterEach
    void applicationWorkerRunsAgain() {
        replicas.forEach(replica -> replica.stop(Duration.ofSeconds(5)));
        applicationWorkers.start();
    }

    @Test
    void anEventHeldByAnInstanceThatDiedIsDeliveredOnceByAnotherAfterTheLease() throws Exception {
        applicationWorkers.stop();
        UUID event = crossEightyPercent();
        ShiftedClock clock = new ShiftedClock();
        // what a killed instance leaves: a claim that nobody renews, on an event it may or may not have posted
        jdbc.sql("update webhook_outbox set claimed_by = 'killed-replica', claimed_until = ? where event_id = ?")
                .params(Timestamp.from(clock.instant().plusSeconds(30)), event)
                .update();
        DeliveryWorker survivor = replica("surviving-replica", fastRetries(), clock);

        Thread.sleep(QUIET);
        assertThat(receiver.deliveries(hook))
                .as("posts while the dead instance's claim lasts")
                .isEmpty();
        long waiting = backlog.undelivered();
        assertThat(waiting).as("the backlog counts the held event").isPositive();
        clock.shift(Duration.ofSeconds(31));
        receiver.await(hook, 1, WAIT);
        Thread.sleep(QUIET);

        assertThat(receiver.deliveries(hook))
                .as("posts after the lease ran out")
                .hasSize(1);
        assertThat(receiver.deliveries(hook).getFirst().header("X-Tollgate-Event-Id"))
                .isEqualTo(event.toString());
        assertThat(row(event))
                .containsEntry("state", "delivered")
                .containsEntry("attempts", 1)
                .containsEntry("claimed_by", survivor.name());
        assertThat(loggedStatuses(event)).as("the delivery log").containsExactly(200);
        assertThat(backlog.undelivered()).as("the backlog without it").isEqualTo(waiting - 1);
    }

    @Test
    void twoWorkersOnOneOutboxNeverPostTheSameEvent() throws Exception {
        applicationWorkers.stop();
        receiver.answerAfter(hook, Duration.ofMillis(30));
        List<UUID> events =
                IntStream.range(0, 60).mapToObj(i -> UUID.randomUUID()).toList();
        Instant now = Instant.now();
        events.forEach(id -> outbox.add(
                new WebhookEvent(id, team.id(), WebhookPayloads.TEST, "{\"n\":1}".getBytes(StandardCharsets.UTF_8)),
                now));

        DeliveryWorker first = replica("replica-a", fastRetries(), Clock.systemUTC());
        DeliveryWorker second = replica("replica-b", fastRetries(), Clock.systemUTC());
        receiver.await(hook, events.size(), WAIT);
        Thread.sleep(QUIET);

        Map<String, Long> postsPerEvent = receiver.deliveries(hook).stream()
                .collect(Collectors.groupingBy(
                        delivery -> delivery.header("X-Tollgate-Event-Id"), Collectors.counting()));
        assertThat(postsPerEvent)
                .as("posts per event id")
                .hasSize(events.size())
                .allSatisfy(
                        (id, posts) -> assertThat(posts).as("posts of " + id).isEqualTo(1));
        List<Map<String, Object>> rows = jdbc.sql("select state, claimed_by from webhook_outbox where team_id = ?")
                .param(team.id().value())
                .query()
                .listOfRows();
        assertThat(rows).extracting(row -> row.get("state")).containsOnly("delivered");
        assertThat(rows)
                .extracting(row -> row.get("claimed_by"))
                .as("both workers delivered some")
                .containsOnly(first.name(), second.name())
                .contains(first.name(), second.name());
    }

    @Test
    void aPostThatOutlastsTheLeaseIsNotMadeAgainWhileItsWorkerRenewsTheClaim() throws Exception {
        applicationWorkers.stop();
        Duration lease = Duration.ofMillis(1500);
        receiver.answerAfter(hook, lease.multipliedBy(3));
        WebhookProperties shortLease =
                new WebhookProperties(5, Duration.ofMillis(300), Duration.ofMillis(50), lease, Duration.ofDays(30));
        DeliveryWorker first = replica("replica-a", shortLease, Clock.systemUTC());
        DeliveryWorker second = replica("replica-b", shortLease, Clock.systemUTC());

        UUID event = crossEightyPercent();
        receiver.await(hook, 1, WAIT);
        Thread.sleep(lease.multipliedBy(4).toMillis());

        assertThat(receiver.deliveries(hook))
                .as("posts of an event whose first post took three leases")
                .hasSize(1);
        assertThat(row(event)).containsEntry("state", "delivered").containsEntry("attempts", 1);
        assertThat(row(event).get("claimed_by")).isIn(first.name(), second.name());
    }

    @Test
    void retriesWithTheirBackoffOutliveTheWorkerThatScheduledThem() throws Exception {
        applicationWorkers.stop();
        receiver.answerNext(hook, 503, 503);
        WebhookProperties properties = fastRetries();
        DeliveryWorker before = replica("before-restart", properties, Clock.systemUTC());

        UUID event = crossEightyPercent();
        receiver.await(hook, 1, WAIT);
        before.stop(Duration.ofSeconds(5));
        Thread.sleep(properties.firstRetryDelay().plus(QUIET));

        assertThat(receiver.deliveries(hook))
                .as("posts while no worker runs, though the retry is due")
                .hasSize(1);
        assertThat(row(event)).containsEntry("state", "pending").containsEntry("attempts", 1);

        DeliveryWorker after = replica("after-restart", properties, Clock.systemUTC());
        List<Delivery> deliveries = receiver.await(hook, 3, WAIT);
        Thread.sleep(QUIET);

        assertThat(receiver.deliveries(hook))
                .as("two 503s and the delivered post")
                .hasSize(3);
        assertThat(deliveries)
                .extracting(delivery -> delivery.header("X-Tollgate-Event-Id"))
                .containsOnly(event.toString());
        assertThat(row(event))
                .containsEntry("state", "delivered")
                .containsEntry("attempts", 3)
                .containsEntry("claimed_by", after.name());
        List<Map<String, Object>> log = jdbc.sql("""
                        select attempt, http_status, attempted_at, next_retry_at from webhook_delivery_attempt
                        where event_id = ? order by attempt""").param(event).query().listOfRows();
        assertThat(log).extracting(line -> line.get("attempt")).containsExactly(1, 2, 3);
        assertThat(log).extracting(line -> line.get("http_status")).containsExactly(503, 503, 200);
        assertThat(log.get(0).get("next_retry_at"))
                .as("the first retry is announced")
                .isNotNull();
        assertThat(log.get(2).get("next_retry_at"))
                .as("nothing follows the delivery")
                .isNull();
        Duration secondWait =
                Duration.between(instant(log.get(1), "attempted_at"), instant(log.get(2), "attempted_at"));
        assertThat(secondWait)
                .as("the second retry waits four times the first delay")
                .isGreaterThanOrEqualTo(properties.delayBefore(3));
    }

    @Test
    void noEventIsKeptWhenTheSpendingRollsBack() throws Exception {
        ApiKeyId key = keyWithBudget("rolled-back", "0.010");

        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            spender.prepaid(team.id(), key, Credits.of("0.0090"));
            status.setRollbackOnly();
        });
        Thread.sleep(QUIET);

        assertThat(eventsOfTheTeam()).as("outbox rows after the rollback").isZero();
        assertThat(receiver.deliveries(hook)).as("posts after the rollback").isEmpty();

        spender.prepaid(team.id(), key, Credits.of("0.0090"));

        assertThat(eventsOfTheTeam())
                .as("outbox rows once the same spending commits")
                .isEqualTo(1);
        assertThat(receiver.await(hook, 1, WAIT)).as("posts once it commits").hasSize(1);
    }

    @Test
    void finishedEventsAndTheLogArePrunedAfterTheRetentionAndPendingOnesStay() {
        Instant old = Instant.now().minus(Duration.ofDays(31));
        UUID oldDelivered = storedEvent("delivered", old);
        UUID oldFailed = storedEvent("failed", old);
        UUID oldPending = storedEvent("pending", old);
        UUID recentDelivered = storedEvent("delivered", Instant.now().minus(Duration.ofDays(29)));
        logLine(oldDelivered, old);
        logLine(recentDelivered, Instant.now().minus(Duration.ofDays(29)));

        prune.prune();

        assertThat(jdbc.sql("select event_id from webhook_outbox where team_id = ?")
                        .param(team.id().value())
                        .query(UUID.class)
                        .list())
                .containsExactlyInAnyOrder(oldPending, recentDelivered)
                .doesNotContain(oldDelivered, oldFailed);
        assertThat(jdbc.sql("select event_id from webhook_delivery_attempt where team_id = ?")
                        .param(team.id().value())
                        .query(UUID.class)
                        .list())
                .containsExactly(recentDelivered);
    }

    /** Spends 90% of a fresh key's budget; the crossing's event id. */
    private UUID crossEightyPercent() {
        ApiKeyId key = keyWithBudget("key-" + UUID.randomUUID(), "0.010");
        spender.prepaid(team.id(), key, Credits.of("0.0090"));
        return jdbc.sql("select id from key_budget_alert where api_key_id = ? and threshold = 80")
                .param(key.value())
                .query(UUID.class)
                .single();
    }

    private ApiKeyId keyWithBudget(String name, String budget) {
        return actors.as(
                        owner,
                        () -> keys.issue(team.id(), new NewApiKey(name, null, Credits.of(budget), Set.of(), null)))
                .key()
                .id();
    }

    private DeliveryWorker replica(String name, WebhookProperties properties, Clock clock) {
        DeliveryWorker worker = applicationWorkers.worker(name, properties, clock);
        replicas.add(worker);
        worker.start();
        return worker;
    }

    private static WebhookProperties fastRetries() {
        return new WebhookProperties(
                5, Duration.ofMillis(300), Duration.ofMillis(50), Duration.ofSeconds(30), Duration.ofDays(30));
    }

    private Map<String, Object> row(UUID event) {
        return jdbc
                .sql("select state, attempts, claimed_by from webhook_outbox where event_id = ?")
                .param(event)
                .query()
                .singleRow()
                .entrySet()
                .stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        entry -> entry.getValue() instanceof Short number ? number.intValue() : entry.getValue()));
    }

    private List<Integer> loggedStatuses(UUID event) {
        return jdbc.sql("select http_status from webhook_delivery_attempt where event_id = ? order by attempt")
                .param(event)
                .query(Integer.class)
                .list();
    }

    private int eventsOfTheTeam() {
        return jdbc.sql("select count(*) from webhook_outbox where team_id = ?")
                .param(team.id().value())
                .query(Integer.class)
                .single();
    }

    private UUID storedEvent(String state, Instant created) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into webhook_outbox
                            (event_id, team_id, event_type, payload, state, next_attempt_at, created_at, delivered_at)
                        values (?, ?, 'webhook.test', '{}'::bytea, ?, ?, ?, ?)""")
                .params(
                        id,
                        team.id().value(),
                        state,
                        Timestamp.from(state.equals("pending") ? created.plus(Duration.ofDays(365)) : created),
                        Timestamp.from(created),
                        state.equals("delivered") ? Timestamp.from(created) : null)
                .update();
        return id;
    }

    private void logLine(UUID event, Instant at) {
        jdbc.sql("""
                        insert into webhook_delivery_attempt (team_id, event_id, event_type, attempt, attempted_at,
                            http_status)
                        values (?, ?, 'webhook.test', 1, ?, 200)""").params(team.id().value(), event, Timestamp.from(at)).update();
    }

    private static Instant instant(Map<String, Object> row, String column) {
        return ((Timestamp) row.get(column)).toInstant();
    }

    /** The real time, moved forward by what the test has shifted it, so a lease can run out at once. */
    private static final class ShiftedClock extends Clock {

        private volatile Duration shift = Duration.ZERO;

        void shift(Duration by) {
            shift = shift.plus(by);
        }

        @Override
        public Instant instant() {
            return Instant.now().plus(shift);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
