package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.errors.UnexpectedStatusCodeException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.Books;
import dev.tollgate.support.IntegrationTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Money under load: holds make parallel requests safe, settles charge exactly what usage records. */
@IntegrationTest
class ChatBillingTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void fiftyParallelRequestsAgainstABalanceForAboutTenNeverOverspend() throws Exception {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String team = admin.createFundedTeam("Parallel chat", "0.0028");
        OpenAIClient client =
                client(admin.createKey(team, "{\"name\":\"burst\"}").get("key").asString());
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("aws/claude-haiku-4-5")
                .addUserMessage("Write a long essay about the history of maritime navigation")
                .maxCompletionTokens(50)
                .build();

        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(() -> {
                try {
                    client.chat().completions().create(params);
                    return 200;
                } catch (UnexpectedStatusCodeException refused) {
                    return refused.statusCode();
                }
            });
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(25)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        }

        long served = statuses.stream().filter(status -> status == 200).count();
        assertThat(statuses).as("every request is served or refused for credit").allMatch(s -> s == 200 || s == 402);
        assertThat(served).as("the balance covers about ten").isBetween(5L, 15L);
        Books books = new Books(jdbc);
        BigDecimal balance = books.balance(Books.team(team));
        BigDecimal usageCost = jdbc.sql("select coalesce(sum(total_cost), 0) from usage_record where team_id = ?::uuid")
                .param(team)
                .query(BigDecimal.class)
                .single();
        BigDecimal ledger = books.ledgerSum(Books.team(team));
        assertThat(balance).isNotNegative();
        assertThat(balance)
                .as("balance = top-up − Σ usage cost, exactly")
                .isEqualByComparingTo(new BigDecimal("0.0028").subtract(usageCost));
        assertThat(ledger).as("balance = Σ ledger").isEqualByComparingTo(balance);
        assertThat(jdbc.sql("select count(*) from usage_record where team_id = ?::uuid and status = 'SUCCEEDED'")
                        .param(team)
                        .query(Long.class)
                        .single())
                .isEqualTo(served);
        assertThat(jdbc.sql("select count(*) from credit_hold where team_id = ?::uuid and status = 'HELD'")
                        .param(team)
                        .query(Long.class)
                        .single())
                .as("every hold is settled")
                .isZero();
        assertThat(new Books(jdbc).held(Books.team(team))).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void eachRequestIsChargedItsUsageByLineAndTheLedgerAgrees() {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String team = admin.createFundedTeam("Exact chat", "5.00");
        OpenAIClient client =
                client(admin.createKey(team, "{\"name\":\"exact\"}").get("key").asString());
        String longPrefix = "Clause of the agreement. ".repeat(400);
        ChatCompletionCreateParams params = ChatCompletionCreateParams.builder()
                .model("aws/claude-opus-4-7")
                .addSystemMessage(longPrefix)
                .addUserMessage("Summarise the agreement")
                .maxCompletionTokens(100)
                .build();

        ChatCompletion first = client.chat().completions().create(params);
        ChatCompletion second = client.chat().completions().create(params);

        var firstUsage = first.usage().orElseThrow();
        var secondUsage = second.usage().orElseThrow();
        long written = firstUsage
                .promptTokensDetails()
                .orElseThrow()
                .cacheWriteTokens()
                .orElseThrow();
        long read =
                secondUsage.promptTokensDetails().orElseThrow().cachedTokens().orElseThrow();
        assertThat(written)
                .as("the first request writes the long prefix to the cache")
                .isGreaterThan(1024);
        assertThat(read).as("the second reads it").isEqualTo(written);

        // opus: input 5.00, output 25.00, cache read 2.65, cache write 6.25 per 1M tokens
        BigDecimal expectedFirst = perMillion(firstUsage.promptTokens() - written, "5.00")
                .add(perMillion(firstUsage.completionTokens(), "25.00"))
                .add(perMillion(written, "6.25"));
        BigDecimal expectedSecond = perMillion(secondUsage.promptTokens() - read, "5.00")
                .add(perMillion(secondUsage.completionTokens(), "25.00"))
                .add(perMillion(read, "2.65"));
        List<BigDecimal> charges = jdbc.sql(
                        "select -amount from ledger_entry where team_id = ?::uuid and kind = 'CHARGE' order by id")
                .param(team)
                .query(BigDecimal.class)
                .list();
        assertThat(charges).hasSize(2);
        assertThat(charges.get(0)).isEqualByComparingTo(expectedFirst);
        assertThat(charges.get(1)).isEqualByComparingTo(expectedSecond);
        assertThat(jdbc.sql("select cache_write_cost from usage_record where team_id = ?::uuid order by id limit 1")
                        .param(team)
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo(perMillion(written, "6.25"));
        assertThat(new Books(jdbc).balance(Books.team(team)))
                .isEqualByComparingTo(
                        new BigDecimal("5.00").subtract(expectedFirst).subtract(expectedSecond));
    }

    private static BigDecimal perMillion(long tokens, String price) {
        return new BigDecimal(price).multiply(BigDecimal.valueOf(tokens)).movePointLeft(6);
    }

    private OpenAIClient client(String key) {
        return OpenAIOkHttpClient.builder()
                .apiKey(key)
                .baseUrl("http://localhost:" + port + "/v1")
                .maxRetries(0)
                .build();
    }
}
