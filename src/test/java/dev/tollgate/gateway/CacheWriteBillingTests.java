package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Usage;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.Books;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Cache writes are billed by how long their entries last: a five-minute write at 1.25× the input price, a one-hour
 * write at 2×, each as its own line in the ledger's charge and the usage row, whole or streamed; the hold before the
 * call covers a prompt written whole to the hour-long cache.
 */
@IntegrationTest
// a call's own hold row shows what was held for it; with credit leases the hold is in memory
@TestPropertySource(properties = "tollgate.billing.leases=false")
class CacheWriteBillingTests {

    /** Claude Opus 4.5: input 5.00, output 25.00 per 1M tokens; cache writes 6.25 (five minutes) and 10.00 (an hour). */
    private static final String MODEL = "aws/claude-opus-4-5";

    /** Claude Sonnet 4.5: input 3.00 per 1M tokens, served by the simulator. */
    private static final String SIMULATED_MODEL = "aws/claude-sonnet-4-5";

    private static final String QUESTION = "Summarise the agreement";

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    TestChannels channels;
    UpstreamStandIn anthropic;

    @BeforeEach
    void anthropicUpstream() {
        channels = new TestChannels(channelService, actors);
        anthropic = new UpstreamStandIn();
        channels.add(
                "cache-ttl-anthropic",
                ChannelKind.ANTHROPIC,
                anthropic.baseUrl("/v1"),
                "sk-a",
                Map.of(MODEL, "up-opus"),
                0);
    }

    @AfterEach
    void removeChannel() {
        channels.removeAll();
        anthropic.close();
    }

    @Test
    void oneHourCacheWritesAreBilledAtTwiceTheInputPrice() {
        FundedTeam team = FundedTeam.create(port, "Hour writes", "5.00");
        upstreamReports(writes(0, 3000), "{\"output_tokens\":20}");

        Message reply = client(team).messages().create(params());

        // 100 × 5.00 + 20 × 25.00 + 3000 × 10.00, per 1M
        assertCharged(team, "0.031");
        assertUsageRow(team, 0, 3000, "0", "0.03");
        Usage usage = reply.usage();
        assertThat(usage.cacheCreationInputTokens()).as("the writes in all").contains(3000L);
        assertThat(usage.cacheCreation().orElseThrow().ephemeral1hInputTokens())
                .as("the caller sees the one-hour writes in Anthropic's shape")
                .isEqualTo(3000);
        assertThat(usage.cacheCreation().orElseThrow().ephemeral5mInputTokens()).isZero();
    }

    @Test
    void fiveMinuteCacheWritesStayAtOneAndAQuarterTimesTheInputPrice() {
        FundedTeam team = FundedTeam.create(port, "Five-minute writes", "5.00");
        upstreamReports(writes(3000, 0), "{\"output_tokens\":20}");

        Message reply = client(team).messages().create(params());

        // 100 × 5.00 + 20 × 25.00 + 3000 × 6.25, per 1M
        assertCharged(team, "0.01975");
        assertUsageRow(team, 3000, 0, "0.01875", "0");
        assertThat(reply.usage().cacheCreation().orElseThrow().ephemeral5mInputTokens())
                .isEqualTo(3000);
    }

    @Test
    void mixedCacheWritesAreBilledEachAtItsOwnRate() {
        FundedTeam team = FundedTeam.create(port, "Mixed writes", "5.00");
        upstreamReports(writes(1000, 2000), "{\"output_tokens\":20}");

        client(team).messages().create(params());

        // 100 × 5.00 + 20 × 25.00 + 1000 × 6.25 + 2000 × 10.00, per 1M
        assertCharged(team, "0.02725");
        assertUsageRow(team, 1000, 2000, "0.00625", "0.02");
    }

    @Test
    void aStreamedReplyBillsOneHourWritesTheSameWhenTheDeltaRestatesOnlyTheTotal() {
        FundedTeam team = FundedTeam.create(port, "Streamed hour writes", "5.00");
        // message_delta restates the counts as Anthropic does, with the writes' total but not their split
        upstreamReports(
                writes(1000, 2000),
                "{\"input_tokens\":100,\"cache_creation_input_tokens\":3000,\"cache_read_input_tokens\":0,"
                        + "\"output_tokens\":20}");

        List<RawMessageStreamEvent> events;
        try (StreamResponse<RawMessageStreamEvent> stream =
                client(team).messages().createStreaming(params())) {
            events = stream.stream().toList();
        }

        assertCharged(team, "0.02725");
        assertUsageRow(team, 1000, 2000, "0.00625", "0.02");
        Usage started = events.getFirst().asMessageStart().message().usage();
        assertThat(started.cacheCreation().orElseThrow().ephemeral1hInputTokens())
                .as("message_start carries the split")
                .isEqualTo(2000);
        assertThat(started.cacheCreationInputTokens()).contains(3000L);
    }

    @Test
    void theHoldCoversAPromptWrittenWholeToTheHourCache() {
        FundedTeam team = FundedTeam.create(port, "Hour hold", "5.00");
        String document = longDocument();
        long documentTokens = new JtokkitTokenCounter().countText(document);
        upstreamReports(
                "{\"input_tokens\":0,\"output_tokens\":1,\"cache_read_input_tokens\":0,"
                        + "\"cache_creation_input_tokens\":" + documentTokens + ",\"cache_creation\":"
                        + "{\"ephemeral_5m_input_tokens\":0,\"ephemeral_1h_input_tokens\":" + documentTokens + "}}",
                "{\"output_tokens\":10}");

        client(team).messages().create(hourCachedParams(document, 10));

        assertThat(anthropic.last().bodyText())
                .as("the breakpoint's lifetime reaches the upstream")
                .contains("\"cache_control\":{\"type\":\"ephemeral\",\"ttl\":\"1h\"}");
        var hold = jdbc.sql("select amount, charged from credit_hold where team_id = ?::uuid")
                .param(team.id())
                .query((rs, n) -> List.of(rs.getBigDecimal(1), rs.getBigDecimal(2)))
                .single();
        assertThat(hold.get(1))
                .as("the charge for the prompt written whole to the hour cache")
                .isEqualByComparingTo(perMillion(documentTokens, "10.00").add(perMillion(10, "25.00")));
        assertThat(hold.get(1))
                .as("the hold (%s) covered the charge", hold.get(0))
                .isLessThanOrEqualTo(hold.get(0));
        new Books(jdbc).assertBooksBalance(team.teamId());
    }

    @Test
    void aBalanceThatCoversOnlyFiveMinuteWritesOfThePromptIsRefusedBeforeTheUpstream() {
        String document = longDocument();
        long documentTokens = new JtokkitTokenCounter().countText(document);
        // between the prompt written whole at 1.25× and at 2× the input price, with room for overheads either side
        BigDecimal between = perMillion(documentTokens, "8.00");
        FundedTeam team = FundedTeam.create(port, "Tight hour hold", between.toPlainString());
        upstreamReports(writes(0, 3000), "{\"output_tokens\":10}");

        AnthropicServiceException refused = catchThrowableOfType(
                AnthropicServiceException.class, () -> client(team).messages().create(hourCachedParams(document, 10)));

        assertThat(refused).as("the request is refused for credit").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(402);
        assertThat(anthropic.received()).as("the upstream is never called").isEmpty();
        assertThat(team.balance(jdbc)).isEqualByComparingTo(between);
    }

    @Test
    void theSimulatorWritesAnHourEntryForACacheControlWithTtlAndReadsItOnTheNextCall() {
        FundedTeam team = FundedTeam.create(port, "Simulated hour cache", "5.00");
        // served by the simulator: no channel here serves this model
        MessageCreateParams params = hourCachedParams(longDocument(), 10).toBuilder()
                .model(SIMULATED_MODEL)
                .build();

        Usage written = client(team).messages().create(params).usage();
        Usage read = client(team).messages().create(params).usage();

        long hourWrites = written.cacheCreation().orElseThrow().ephemeral1hInputTokens();
        assertThat(hourWrites)
                .as("the first call writes the document for an hour")
                .isGreaterThan(19_000);
        assertThat(written.cacheCreation().orElseThrow().ephemeral5mInputTokens())
                .isZero();
        assertThat(read.cacheReadInputTokens()).as("the second reads it").contains(hourWrites);
        assertThat(jdbc.sql("select cache_write_1h_cost from usage_record where team_id = ?::uuid order by id limit 1")
                        .param(team.id())
                        .query(BigDecimal.class)
                        .single())
                .as("Claude Sonnet 4.5 writes an hour's entry at 2 × 3.00 per 1M")
                .isEqualByComparingTo(perMillion(hourWrites, "6.00"));
    }

    @Test
    void aCacheLifetimeOtherThanFiveMinutesOrAnHourIsRefusedByName() {
        FundedTeam team = FundedTeam.create(port, "Odd cache ttl", "5.00");
        MessageCreateParams params = params().toBuilder()
                .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                        .text("You summarise agreements.")
                        .cacheControl(CacheControlEphemeral.builder()
                                .ttl(CacheControlEphemeral.Ttl.of("2h"))
                                .build())
                        .build()))
                .build();

        AnthropicServiceException refused = catchThrowableOfType(
                AnthropicServiceException.class, () -> client(team).messages().create(params));

        assertThat(refused)
                .as("the request is refused, not served with the lifetime dropped")
                .isNotNull();
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.getMessage()).contains("system.0.cache_control.ttl");
        assertThat(anthropic.received()).isEmpty();
    }

    private void upstreamReports(String startUsage, String deltaUsage) {
        anthropic.on("POST", "/v1/messages", UpstreamReplies.anthropicText("Done.", startUsage, deltaUsage));
    }

    /** message_start usage: 100 uncached input tokens and the given cache writes, split by lifetime. */
    private static String writes(long fiveMinutes, long oneHour) {
        return "{\"input_tokens\":100,\"output_tokens\":1,\"cache_read_input_tokens\":0,"
                + "\"cache_creation_input_tokens\":" + (fiveMinutes + oneHour) + ",\"cache_creation\":"
                + "{\"ephemeral_5m_input_tokens\":" + fiveMinutes + ",\"ephemeral_1h_input_tokens\":" + oneHour
                + "}}";
    }

    private static MessageCreateParams params() {
        return MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(50)
                .addUserMessage(QUESTION)
                .build();
    }

    /** About 20,000 tokens: written whole, at 1.25× it costs about 0.125 Cr$ and at 2× about 0.2 Cr$. */
    private static String longDocument() {
        return "Clause of the agreement, binding on both parties. ".repeat(2000);
    }

    private static MessageCreateParams hourCachedParams(String document, int maxTokens) {
        return MessageCreateParams.builder()
                .model(MODEL)
                .maxTokens(maxTokens)
                .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                        .text(document)
                        .cacheControl(CacheControlEphemeral.builder()
                                .ttl(CacheControlEphemeral.Ttl.TTL_1H)
                                .build())
                        .build()))
                .addUserMessage(QUESTION)
                .build();
    }

    private void assertCharged(FundedTeam team, String expected) {
        Books books = new Books(jdbc);
        assertThat(books.chargesAndRefunds(team.teamId()))
                .as("one charge, to the nano-credit")
                .usingElementComparator(BigDecimal::compareTo)
                .containsExactly(new BigDecimal(expected).negate());
        assertThat(team.balance(jdbc))
                .as("the balance is the top-up less the charge")
                .isEqualByComparingTo(new BigDecimal("5.00").subtract(new BigDecimal(expected)));
        books.assertBooksBalance(team.teamId());
    }

    private void assertUsageRow(
            FundedTeam team, long fiveMinuteTokens, long hourTokens, String fiveMinuteCost, String hourCost) {
        var row = jdbc.sql("""
                        select cache_write_tokens, cache_write_1h_tokens, cache_write_cost, cache_write_1h_cost
                        from usage_record where team_id = ?::uuid""")
                .param(team.id())
                .query((rs, n) ->
                        List.of(rs.getBigDecimal(1), rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4)))
                .single();
        assertThat(row.get(0))
                .as("five-minute write tokens")
                .isEqualByComparingTo(BigDecimal.valueOf(fiveMinuteTokens));
        assertThat(row.get(1)).as("one-hour write tokens").isEqualByComparingTo(BigDecimal.valueOf(hourTokens));
        assertThat(row.get(2)).as("five-minute write line").isEqualByComparingTo(new BigDecimal(fiveMinuteCost));
        assertThat(row.get(3)).as("one-hour write line").isEqualByComparingTo(new BigDecimal(hourCost));
    }

    private static BigDecimal perMillion(long tokens, String price) {
        return new BigDecimal(price).multiply(BigDecimal.valueOf(tokens)).movePointLeft(6);
    }

    private AnthropicClient client(FundedTeam team) {
        return AnthropicClients.forKey(port, team.key());
    }
}
