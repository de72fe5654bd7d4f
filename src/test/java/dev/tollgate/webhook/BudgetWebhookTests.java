package dev.tollgate.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.billing.BudgetAlert;
import dev.tollgate.billing.BudgetAlertService;
import dev.tollgate.billing.BudgetThreshold;
import dev.tollgate.billing.KeyBudgets;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.KeySpender;
import dev.tollgate.support.TestTeams;
import dev.tollgate.support.WebhookReceiver.Delivery;
import dev.tollgate.support.WithWebhookReceiver;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetails;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Budget crossings end to end through the services, with the team's webhook on a loopback receiver: one signed event
 * per crossing, retried when the receiver fails, and alerts only owners and admins see.
 */
@IntegrationTest
class BudgetWebhookTests extends WithWebhookReceiver {

    private static final Duration WAIT = Duration.ofSeconds(10);
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
    BudgetAlertService alerts;

    @Autowired
    KeyBudgets budgets;

    @Autowired
    KeySpender spender;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Autowired
    TeamWebhookStore store;

    @Autowired
    dev.tollgate.secret.SecretBox secretBox;

    private TeamSummary team;
    private UserDetails owner;
    private URI hook;
    private String secret;

    @BeforeEach
    void teamWithWebhook() {
        team = testTeams.createWithBalance("Alerts", "5.00");
        owner = testTeams.addPerson(team, TeamRole.OWNER);
        hook = receiver.newHook();
        secret = actors.as(owner, () -> webhooks.save(team.id(), hook.toString()))
                .orElseThrow()
                .secret();
    }

    @Test
    void theSigningSecretIsStoredSealedNeverInTheClear() {
        Map<String, Object> row = jdbc.sql(
                        "select signing_secret, signing_secret_sealed from team_webhook where team_id = ?")
                .param(team.id().value())
                .query()
                .singleRow();

        assertThat(row.get("signing_secret")).isNull();
        byte[] sealed = (byte[]) row.get("signing_secret_sealed");
        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
        assertThat(store.find(team.id()).orElseThrow().secret().value()).isEqualTo(secret);
    }

    @Test
    void aSecretStoredInTheClearByAnEarlierVersionIsSealedAndStillSigns() {
        String legacy = "whsec_legacyPlainSecretFromBeforeSealing0123456789";
        jdbc.sql("update team_webhook set signing_secret = ?, signing_secret_sealed = null where team_id = ?")
                .params(legacy, team.id().value())
                .update();
        assertThat(store.find(team.id()).orElseThrow().secret().value()).isEqualTo(legacy);

        assertThat(store.sealPlainSecrets()).isGreaterThanOrEqualTo(1);

        assertThat(jdbc.sql("select signing_secret is null and signing_secret_sealed is not null from team_webhook "
                                + "where team_id = ?")
                        .param(team.id().value())
                        .query(Boolean.class)
                        .single())
                .isTrue();
        assertThat(store.find(team.id()).orElseThrow().secret().value()).isEqualTo(legacy);
    }

    @Test
    void aSecretThatNoLongerOpensIsShownAsSuchAndARotationRepairsIt() throws Exception {
        // sealed for another team: it does not open here, as after a change of TOLLGATE_SECRET_KEY
        jdbc.sql("update team_webhook set signing_secret_sealed = ? where team_id = ?")
                .params(
                        secretBox.seal(secret, "team-webhook:" + java.util.UUID.randomUUID()),
                        team.id().value())
                .update();

        assertThat(actors.as(owner, () -> webhooks.get(team.id())).orElseThrow().maskedSecret())
                .isEqualTo("unreadable after a key change: rotate it");
        WebhookTestResult test = actors.as(owner, () -> webhooks.sendTest(team.id()));
        assertThat(test.delivered()).isFalse();
        assertThat(test.message()).contains("rotate it");
        assertThat(receiver.deliveries(hook)).isEmpty();

        String rotated =
                actors.as(owner, () -> webhooks.rotateSecret(team.id())).secret();
        assertThat(actors.as(owner, () -> webhooks.sendTest(team.id())).delivered())
                .isTrue();
        assertThat(receiver.await(hook, 1, WAIT)).hasSize(1);
        assertThat(rotated).isNotEqualTo(secret);
    }

    @Test
    void eachThresholdFiresOneSignedEventAndFurtherSpendingFiresNothing() throws Exception {
        ApiKeyId key = keyWithBudget("ci-runner", "0.010");

        spender.prepaid(team.id(), key, Credits.of("0.005"));
        spender.prepaid(team.id(), key, Credits.of("0.0031"));
        List<Delivery> first = receiver.await(hook, 1, WAIT);
        spender.prepaid(team.id(), key, Credits.of("0.0005"));
        spender.chat(team.id(), key, Credits.of("0.0014"));
        List<Delivery> both = receiver.await(hook, 2, WAIT);
        Thread.sleep(QUIET);

        assertThat(first).as("events after crossing 80%").hasSize(1);
        assertThat(receiver.deliveries(hook)).as("events after crossing 100%").hasSize(2);
        both.forEach(this::assertSignedWithTheSecret);
        JsonNode eighty = json.readTree(both.get(0).body());
        assertThat(eighty.get("type").asString()).isEqualTo("key.budget.threshold");
        assertThat(eighty.get("threshold").asInt()).isEqualTo(80);
        assertThat(eighty.get("team").get("id").asString())
                .isEqualTo(team.id().value().toString());
        assertThat(eighty.get("team").get("name").asString()).isEqualTo(team.name());
        assertThat(eighty.get("key").get("name").asString()).isEqualTo("ci-runner");
        assertThat(eighty.get("key").get("maskedKey").asString()).startsWith("vai-…");
        assertThat(eighty.get("budget").asString()).isEqualTo("0.01");
        assertThat(eighty.get("spent").asString()).isEqualTo("0.0081");
        assertThat(eighty.get("crossedAt").asString()).isNotBlank();
        JsonNode hundred = json.readTree(both.get(1).body());
        assertThat(hundred.get("threshold").asInt()).isEqualTo(100);
        assertThat(hundred.get("spent").asString()).isEqualTo("0.01");
        assertThat(both.get(0).header("X-Tollgate-Event-Id"))
                .as("each crossing has its own event id")
                .isNotEqualTo(both.get(1).header("X-Tollgate-Event-Id"));
    }

    @Test
    void raisingTheBudgetArmsTheThresholdsAgain() throws Exception {
        ApiKeyId key = keyWithBudget("batch", "0.010");
        spender.prepaid(team.id(), key, Credits.of("0.009"));
        receiver.await(hook, 1, WAIT);

        actors.as(owner, () -> keys.change(key, new NewApiKey("batch", null, Credits.of("0.020"), Set.of(), null)));
        spender.prepaid(team.id(), key, Credits.of("0.002"));
        Thread.sleep(QUIET);
        assertThat(receiver.deliveries(hook))
                .as("50% of the new budget crosses nothing")
                .hasSize(1);
        spender.prepaid(team.id(), key, Credits.of("0.006"));
        List<Delivery> deliveries = receiver.await(hook, 2, WAIT);

        assertThat(deliveries).hasSize(2);
        JsonNode rearmed = json.readTree(deliveries.get(1).body());
        assertThat(rearmed.get("threshold").asInt()).isEqualTo(80);
        assertThat(rearmed.get("budget").asString()).isEqualTo("0.02");
        assertThat(rearmed.get("spent").asString()).isEqualTo("0.017");
    }

    @Test
    void spendingThatCrossesFromManyRequestsAtOnceFiresOnce() throws Exception {
        ApiKeyId key = keyWithBudget("parallel", "0.010");
        spender.prepaid(team.id(), key, Credits.of("0.0070"));
        List<Callable<Void>> requests = IntStream.range(0, 16)
                .<Callable<Void>>mapToObj(i -> () -> {
                    if (i % 2 == 0) {
                        spender.prepaid(team.id(), key, Credits.of("0.0001"));
                    } else {
                        spender.chat(team.id(), key, Credits.of("0.0001"));
                    }
                    return null;
                })
                .toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (Future<Void> done : pool.invokeAll(requests)) {
                done.get();
            }
        }
        receiver.await(hook, 1, WAIT);
        Thread.sleep(QUIET);

        assertThat(receiver.deliveries(hook))
                .as("events for one crossing of 80%")
                .hasSize(1);
        assertThat(jdbc.sql("select count(*) from key_budget_alert where api_key_id = ?")
                        .param(key.value())
                        .query(Integer.class)
                        .single())
                .as("alert rows")
                .isEqualTo(1);
    }

    @Test
    void aReceiverThatFailsFirstGetsTheEventOnARetry() throws Exception {
        ApiKeyId key = keyWithBudget("flaky", "0.010");
        receiver.answerNext(hook, 500, 503);

        spender.prepaid(team.id(), key, Credits.of("0.0085"));
        List<Delivery> deliveries = receiver.await(hook, 3, WAIT);
        Thread.sleep(QUIET);

        assertThat(receiver.deliveries(hook))
                .as("two failed attempts and the delivered one")
                .hasSize(3);
        assertThat(deliveries)
                .extracting(delivery -> delivery.header("X-Tollgate-Event-Id"))
                .as("the same event each time")
                .containsOnly(deliveries.getFirst().header("X-Tollgate-Event-Id"));
        deliveries.forEach(this::assertSignedWithTheSecret);
    }

    @Test
    void aLoopbackUrlThatIsNotAllowedIsRefusedWhenSavedAndNeverCalled() throws Exception {
        TeamSummary other = testTeams.createWithBalance("Loopback", "1.00");
        UserDetails otherOwner = testTeams.addPerson(other, TeamRole.OWNER);
        AtomicInteger connections = new AtomicInteger();
        try (ServerSocket trap = new ServerSocket(0, 50, InetAddress.ofLiteral("127.0.0.1"))) {
            Thread.ofVirtual().start(() -> {
                while (!trap.isClosed()) {
                    try (Socket accepted = trap.accept()) {
                        connections.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            String url = "http://127.0.0.1:" + trap.getLocalPort() + "/hook";

            assertThatThrownBy(() -> actors.as(otherOwner, () -> webhooks.save(other.id(), url)))
                    .isInstanceOf(InvalidWebhookException.class)
                    .hasMessage("The URL's host resolves to a loopback address, which is not allowed");
            assertThatThrownBy(() -> actors.as(otherOwner, () -> webhooks.save(other.id(), "ftp://example.com/")))
                    .isInstanceOf(InvalidWebhookException.class)
                    .hasMessage("The URL must be an http or https URL");
            assertThat(actors.as(otherOwner, () -> webhooks.get(other.id()))).isEmpty();
            ApiKeyId key = actors.as(
                            otherOwner,
                            () -> keys.issue(
                                    other.id(), new NewApiKey("trap", null, Credits.of("0.010"), Set.of(), null)))
                    .key()
                    .id();
            spender.prepaid(other.id(), key, Credits.of("0.0100"));
            Thread.sleep(QUIET);

            assertThat(connections)
                    .as("connections that reached the refused URL")
                    .hasValue(0);
        }
    }

    @Test
    void ownersAndAdminsSeeTheAlertMembersAndOtherTeamsDoNot() {
        ApiKeyId key = keyWithBudget("watched", "0.010");
        UserDetails admin = testTeams.addPerson(team, TeamRole.ADMIN);
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        TeamSummary otherTeam = testTeams.create("Other");
        UserDetails otherOwner = testTeams.addPerson(otherTeam, TeamRole.OWNER);

        spender.prepaid(team.id(), key, Credits.of("0.0080"));

        List<BudgetAlert> seen = actors.as(owner, () -> alerts.unread(team.id()));
        assertThat(seen).singleElement().satisfies(alert -> {
            assertThat(alert.keyName()).isEqualTo("watched");
            assertThat(alert.threshold()).isEqualTo(BudgetThreshold.EIGHTY_PERCENT);
            assertThat(alert.budget()).isEqualTo(Credits.of("0.010"));
        });
        assertThat(actors.as(admin, () -> alerts.unread(team.id())))
                .as("an admin's alerts")
                .hasSize(1);
        assertThat(actors.as(member, () -> alerts.unread(team.id())))
                .as("a member's alerts")
                .isEmpty();
        assertThat(actors.as(otherOwner, () -> alerts.unread(team.id())))
                .as("another team's owner's alerts")
                .isEmpty();
        assertThatThrownBy(() -> actors.as(member, () -> alerts.markAllRead(team.id())))
                .isInstanceOf(AccessDeniedException.class);

        actors.as(admin, () -> alerts.markAllRead(team.id()));

        assertThat(actors.as(owner, () -> alerts.unread(team.id())))
                .as("alerts after an admin marked them read")
                .isEmpty();
    }

    @Test
    void membersCannotSeeOrChangeTheWebhook() {
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);

        assertThatThrownBy(() -> actors.as(member, () -> webhooks.get(team.id())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> actors.as(
                        member,
                        () -> webhooks.save(team.id(), receiver.newHook().toString())))
                .isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(() -> actors.as(member, () -> webhooks.rotateSecret(team.id())))
                .isInstanceOf(AccessDeniedException.class);
    }

    @Test
    void aRotatedSecretSignsTheTestEventAndTheOldOneNoLongerMatches() throws Exception {
        String old = secret;
        IssuedWebhookSecret rotated = actors.as(owner, () -> webhooks.rotateSecret(team.id()));
        secret = rotated.secret();

        WebhookTestResult result = actors.as(owner, () -> webhooks.sendTest(team.id()));

        assertThat(result.delivered()).as(result.message()).isTrue();
        assertThat(secret).isNotEqualTo(old).startsWith("whsec_").hasSizeGreaterThanOrEqualTo(6 + 43);
        assertThat(rotated.webhook().maskedSecret()).isEqualTo("whsec_…" + secret.substring(secret.length() - 4));
        Delivery test = receiver.deliveries(hook).getFirst();
        assertSignedWithTheSecret(test);
        assertThat(signature(old, test)).isNotEqualTo(test.header("X-Tollgate-Signature"));
        assertThat(json.readTree(test.body()).get("type").asString()).isEqualTo("webhook.test");
    }

    private ApiKeyId keyWithBudget(String name, String budget) {
        return actors.as(
                        owner,
                        () -> keys.issue(team.id(), new NewApiKey(name, null, Credits.of(budget), Set.of(), null)))
                .key()
                .id();
    }

    /** Verifies the way the README tells receivers to. */
    private void assertSignedWithTheSecret(Delivery delivery) {
        assertThat(delivery.header("X-Tollgate-Timestamp")).matches("\\d{10}");
        assertThat(delivery.header("X-Tollgate-Signature"))
                .as("signature of " + delivery.body())
                .isEqualTo(signature(secret, delivery));
    }

    private static String signature(String secret, Delivery delivery) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String signed = delivery.header("X-Tollgate-Timestamp") + "." + delivery.body();
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
