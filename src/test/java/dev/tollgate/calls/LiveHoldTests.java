package dev.tollgate.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.http.StreamResponse;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.Hold;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.OpenAiClients;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
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
            "tollgate.billing.hold-renewal-interval=400ms",
            // the hold rows of calls; CreditLeaseTests cover a lease released under its running calls
            "tollgate.billing.leases=false"
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
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    HeldCalls calls;
    Books books;

    @BeforeEach
    void heldCalls() {
        calls = new HeldCalls(port, holds, actors);
        books = new Books(jdbc);
    }

    @Test
    void aStreamLongerThanTheHoldTimeoutKeepsItsHoldAndIsChargedWhatItUsed() {
        HeldCalls.Funded funded = calls.fund("Long stream", "1.00", "5.00");
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
        HeldCalls.Funded funded = calls.fund("Released hold", "1.00", "5.00");
        Hold released = calls.reserve(funded, "0.30");
        // another call of the key, still running, reserved 0.10 of its budget
        jdbc.sql("update key_budget set reserved = reserved + 0.10 where api_key_id = ?")
                .param(funded.key().value())
                .update();
        awaitReleased(released);

        Credits charged = settlements.settle(calls.settlement(funded, released, Credits.of("0.05")));

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
        HeldCalls.Funded funded = calls.fund("Overrun after release", "0.10", "5.00");
        Hold released = calls.reserve(funded, "0.05");
        awaitReleased(released);

        Credits charged = settlements.settle(calls.settlement(funded, released, Credits.of("0.25")));

        assertThat(charged).as("all that was left").isEqualTo(Credits.of("0.10"));
        assertThat(balance(funded.team())).as("never below zero").isEqualByComparingTo("0");
        assertMoneyAddsUp(funded);
        assertThat(spent(funded.key())).as("the key spent what the team paid").isEqualByComparingTo("0.10");
        assertThat(reserved(funded.key())).isEqualByComparingTo("0");
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

    private void assertMoneyAddsUp(HeldCalls.Funded funded) {
        books.assertBooksBalance(funded.team());
    }

    private BigDecimal charges(TeamId team) {
        return books.charges(team);
    }

    private BigDecimal balance(TeamId team) {
        return books.balance(team);
    }

    private BigDecimal spent(ApiKeyId key) {
        return books.keySpent(key);
    }

    private BigDecimal reserved(ApiKeyId key) {
        return books.keyReserved(key);
    }
}
