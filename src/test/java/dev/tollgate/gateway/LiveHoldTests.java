package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.Hold;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.OpenAiClients;
import dev.tollgate.support.TestTeams;
import dev.tollgate.usage.UsageKind;
import dev.tollgate.usage.UsageRecord;
import dev.tollgate.usage.UsageSource;
import dev.tollgate.usage.UsageStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * Holds of calls that outlive the hold timeout: a running call keeps its hold, and a call whose hold was released
 * anyway is still charged what it used, once. The timeout is two seconds and a simulated stream takes about five.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "tollgate.simulator.first-token-delay=0ms",
            "tollgate.simulator.tokens-per-second=10",
            "tollgate.billing.hold-timeout=2s",
            "tollgate.billing.hold-sweep-interval=200ms",
            "tollgate.billing.hold-renewal-interval=400ms"
        })
@ActiveProfiles("test")
@Import({TestTeams.class, Actors.class})
class LiveHoldTests {

    private static final Duration HOLD_TIMEOUT = Duration.ofSeconds(2);

    @LocalServerPort
    int port;

    @Autowired
    Settlements settlements;

    @Autowired
    CreditHolds holds;

    @Autowired
    ApiKeyService keys;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aStreamLongerThanTheHoldTimeoutKeepsItsHoldAndIsChargedWhatItUsed() {
        Funded funded = fund("Long stream", "1.00", "5.00");
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("aws/claude-haiku-4-5")
                .addUserMessage("Write a long essay about the history of clocks and timekeeping")
                .maxCompletionTokens(50)
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();

        Instant started = Instant.now();
        try (StreamResponse<ChatCompletionChunk> stream = OpenAiClients.forKey(port, funded.plaintext())
                .chat()
                .completions()
                .createStreaming(params)) {
            stream.stream().forEach(chunk -> {});
        }
        Duration streamed = Duration.between(started, Instant.now());

        assertThat(streamed)
                .as("the stream outlived the hold timeout")
                .isGreaterThan(HOLD_TIMEOUT.multipliedBy(3).dividedBy(2));
        BigDecimal usageCost = jdbc.sql("select total_cost from usage_record where team_id = ?")
                .param(funded.team().value())
                .query(BigDecimal.class)
                .single();
        assertThat(usageCost).as("the stream cost something").isPositive();
        assertThat(charges(funded.team()))
                .as("the ledger charged what usage recorded")
                .isEqualByComparingTo(usageCost);
        assertThat(jdbc.sql("select charged from credit_hold where team_id = ?")
                        .param(funded.team().value())
                        .query(BigDecimal.class)
                        .single())
                .as("the call settled its own hold")
                .isEqualByComparingTo(usageCost);
        assertMoneyAddsUp(funded);
        assertThat(spent(funded.key())).as("the key spent what the call cost").isEqualByComparingTo(usageCost);
    }

    @Test
    void aCallWhoseHoldWasReleasedIsStillChargedOnceAndItsKeyBudgetStaysRight() throws Exception {
        Funded funded = fund("Released hold", "1.00", "5.00");
        Hold released = reserve(funded, "0.30");
        keys.reserveBudget(funded.key(), Credits.of("0.10")); // another call of the key, still running
        awaitReleased(released);

        Credits charged = settlements.settle(settlement(funded, released, Credits.of("0.05")));

        assertThat(charged).as("the call is charged what it used").isEqualTo(Credits.of("0.05"));
        assertThat(charges(funded.team())).isEqualByComparingTo("0.05");
        assertMoneyAddsUp(funded);
        assertThat(spent(funded.key())).isEqualByComparingTo("0.05");
        assertThat(reserved(funded.key()))
                .as("the sweeper freed this call's reservation; only the other call's is left")
                .isEqualByComparingTo("0.10");
    }

    @Test
    void aChargeAfterTheHoldWasReleasedTakesAtMostWhatTheBalanceHas() throws Exception {
        Funded funded = fund("Overrun after release", "0.10", "5.00");
        Hold released = reserve(funded, "0.05");
        awaitReleased(released);

        Credits charged = settlements.settle(settlement(funded, released, Credits.of("0.25")));

        assertThat(charged).as("all that was left").isEqualTo(Credits.of("0.10"));
        assertThat(balance(funded.team())).as("never below zero").isEqualByComparingTo("0");
        assertMoneyAddsUp(funded);
        assertThat(spent(funded.key())).as("the key spent what the team paid").isEqualByComparingTo("0.10");
        assertThat(reserved(funded.key())).isEqualByComparingTo("0");
    }

    private record Funded(TeamId team, ApiKeyId key, String plaintext) {}

    private Funded fund(String name, String balance, String keyBudget) {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String team = admin.createFundedTeam(name, balance);
        var key = admin.createKey(team, "{\"name\":\"live\",\"budget\":\"" + keyBudget + "\"}");
        return new Funded(
                new TeamId(UUID.fromString(team)),
                new ApiKeyId(UUID.fromString(key.get("id").asString())),
                key.get("key").asString());
    }

    /** A hold as a call makes it, but with no call running to keep it alive. */
    private Hold reserve(Funded funded, String amount) {
        Hold hold = actors.asPlatformAdmin(() ->
                holds.reserve(funded.team(), funded.key().value(), "req-" + UUID.randomUUID(), Credits.of(amount)));
        keys.reserveBudget(funded.key(), hold.amount());
        return hold;
    }

    private void awaitReleased(Hold hold) throws InterruptedException {
        Instant deadline = Instant.now().plus(HOLD_TIMEOUT.multipliedBy(5));
        while (Instant.now().isBefore(deadline)) {
            String status = jdbc.sql("select status from credit_hold where id = ?")
                    .param(hold.id())
                    .query(String.class)
                    .single();
            if (status.equals("SETTLED")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("The sweeper did not release the hold of a call that is not running");
    }

    private Settlements.Settlement settlement(Funded funded, Hold hold, Credits cost) {
        ChatCost lines = new ChatCost(Credits.ZERO, cost, Credits.ZERO, Credits.ZERO);
        UsageRecord usage = new UsageRecord(
                hold.requestId(),
                funded.team(),
                funded.key(),
                null,
                UsageSource.API,
                UsageKind.CHAT,
                new ModelId("aws/claude-haiku-4-5"),
                "openai",
                "simulator",
                UsageStatus.SUCCEEDED,
                new TokenCounts(10, 20, 0, 0),
                lines,
                Credits.ZERO,
                Duration.ofSeconds(5),
                null,
                "STOP",
                null,
                Instant.now());
        return new Settlements.Settlement(
                holds.charge(hold, lines.total(), "Chat test"), usage, funded.key(), hold.amount());
    }

    private void assertMoneyAddsUp(Funded funded) {
        assertThat(jdbc.sql("select sum(amount) from ledger_entry where team_id = ?")
                        .param(funded.team().value())
                        .query(BigDecimal.class)
                        .single())
                .as("balance = Σ ledger")
                .isEqualByComparingTo(balance(funded.team()));
        assertThat(jdbc.sql("select held from credit_account where team_id = ?")
                        .param(funded.team().value())
                        .query(BigDecimal.class)
                        .single())
                .as("nothing left held")
                .isEqualByComparingTo("0");
        assertThat(jdbc.sql("select count(*) from credit_hold where team_id = ? and status = 'HELD'")
                        .param(funded.team().value())
                        .query(Long.class)
                        .single())
                .as("every hold settled")
                .isZero();
    }

    private BigDecimal charges(TeamId team) {
        return jdbc.sql("select coalesce(-sum(amount), 0) from ledger_entry where team_id = ? and kind = 'CHARGE'")
                .param(team.value())
                .query(BigDecimal.class)
                .single();
    }

    private BigDecimal balance(TeamId team) {
        return jdbc.sql("select balance from credit_account where team_id = ?")
                .param(team.value())
                .query(BigDecimal.class)
                .single();
    }

    private BigDecimal spent(ApiKeyId key) {
        return jdbc.sql("select spent from api_key where id = ?")
                .param(key.value())
                .query(BigDecimal.class)
                .single();
    }

    private BigDecimal reserved(ApiKeyId key) {
        return jdbc.sql("select reserved from api_key where id = ?")
                .param(key.value())
                .query(BigDecimal.class)
                .single();
    }
}
