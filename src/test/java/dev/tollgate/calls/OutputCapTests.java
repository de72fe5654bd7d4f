package dev.tollgate.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.support.Books;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.util.function.Supplier;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An output cap the caller leaves to the gateway: the default when the balance covers it, lowered to what the balance
 * covers when not, and the balance read only in that second case. A prompt is held at its upper bound when the balance
 * covers that, and at its count when only the count fits.
 */
@IntegrationTest
class OutputCapTests {

    private static final String MODEL = "aws/claude-haiku-4-5";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void aCapLeftToTheGatewayCostsNoMoreTripsToTheDatabaseThanANamedOne() {
        FundedTeam team = FundedTeam.create(port, "Cap left", "50.00");
        ask(team, named());
        ask(team, leftToTheGateway());

        long named = fewestConnections(() -> ask(team, named()));
        long leftToTheGateway = fewestConnections(() -> ask(team, leftToTheGateway()));

        assertThat(leftToTheGateway)
                .as("a team whose credit covers the default cap is held without a read of its balance first")
                .isLessThanOrEqualTo(named);
    }

    @Test
    void aCapLeftToTheGatewayIsLoweredToWhatTheBalanceCovers() {
        FundedTeam team = FundedTeam.create(port, "Cap lowered", "0.01");

        ChatCompletion reply = ask(team, leftToTheGateway());

        assertThat(reply.choices()).as("the call was served").isNotEmpty();
        BigDecimal held = jdbc.sql("select amount from credit_hold where team_id = ?::uuid")
                .param(team.id())
                .query(BigDecimal.class)
                .single();
        assertThat(held)
                .as("the hold fits the balance rather than the default 4,096 output tokens (0.02 Cr$)")
                .isLessThanOrEqualTo(new BigDecimal("0.01"))
                .isGreaterThan(new BigDecimal("0.009"));
        new Books(jdbc).assertBooksBalance(team.teamId());
    }

    @Test
    void aPromptWhoseUpperBoundTheBalanceDoesNotCoverIsHeldAtItsCount() {
        // 24,000 bytes hold at least 0.024 Cr$ of input at their upper bound; counted, about 4,000 tokens hold 0.004
        String prompt = " hello".repeat(4_000);
        FundedTeam team = FundedTeam.create(port, "Counted", "0.015");

        ChatCompletion reply = ask(
                team,
                ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage(prompt)
                        .maxCompletionTokens(16)
                        .build());

        assertThat(reply.choices()).as("the call was served").isNotEmpty();
        assertThat(reply.usage().orElseThrow().promptTokens())
                .as("the prompt counts far fewer tokens than its bytes")
                .isLessThan(prompt.length() / 5);
        new Books(jdbc).assertBooksBalance(team.teamId());
    }

    private ChatCompletion ask(FundedTeam team, ChatCompletionCreateParams params) {
        return team.client().chat().completions().create(params);
    }

    private static ChatCompletionCreateParams leftToTheGateway() {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Say hello")
                .build();
    }

    private static ChatCompletionCreateParams named() {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Say hello")
                .maxCompletionTokens(4_096)
                .build();
    }

    /**
     * Connections the call took from the pool, the fewest of several calls: work in the background (renewals, job
     * polls) only ever adds to a call's count.
     */
    private long fewestConnections(Runnable call) {
        Supplier<Long> taken = () -> {
            Timer acquire = meters.find("hikaricp.connections.acquire").timer();
            assertThat(acquire).as("the pool's acquire timer").isNotNull();
            return acquire.count();
        };
        return LongStream.range(0, 8)
                .map(i -> {
                    long before = taken.get();
                    call.run();
                    return taken.get() - before;
                })
                .min()
                .orElseThrow();
    }
}
