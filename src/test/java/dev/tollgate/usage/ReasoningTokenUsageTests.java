package dev.tollgate.usage;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseUsage;
import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The output tokens a model spent reasoning are a line of their own on each usage row, whatever the caller's API
 * (Chat Completions, Responses, Messages):
 * the count the caller was told, inside the output tokens and priced with them; summed in the daily roll-ups, the
 * totals, the admin usage report and the last column of the CSV export.
 */
@IntegrationTest
class ReasoningTokenUsageTests {

    /** Served by the simulator, which thinks when asked to. */
    private static final String MODEL = "aws/claude-sonnet-4-6";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    UsageHistory history;

    @Autowired
    UsageRollups rollups;

    @Autowired
    Actors actors;

    FundedTeam team;

    @BeforeEach
    void fundedTeam() {
        team = FundedTeam.create(port, "Reasoning", "10.00");
    }

    @Test
    void aReasoningReplyLeavesAUsageRowWithTheReasoningTokensTheCallerWasTold() {
        ChatCompletion completion = team.client().chat().completions().create(reasoning("How do volcanoes form?"));

        CompletionUsage usage = completion.usage().orElseThrow();
        long told =
                usage.completionTokensDetails().orElseThrow().reasoningTokens().orElseThrow();
        assertThat(told).as("the simulator reasoned at low effort").isPositive();
        Row row = onlyRow();
        assertThat(row.reasoningTokens())
                .as("the usage row's reasoning tokens are those the caller was told")
                .isEqualTo(told);
        assertThat(row.outputTokens())
                .as("reasoning is a part of the output, which counts it once")
                .isEqualTo(usage.completionTokens())
                .isGreaterThan(row.reasoningTokens());
    }

    @Test
    void aStreamedReasoningReplyRecordsTheReasoningTokensOfItsFinalUsageChunk() {
        ChatCompletionCreateParams params = reasoning("Describe the water cycle").toBuilder()
                .streamOptions(
                        ChatCompletionStreamOptions.builder().includeUsage(true).build())
                .build();

        long told;
        try (var stream = team.client().chat().completions().createStreaming(params)) {
            told = stream.stream()
                    .flatMap(chunk -> chunk.usage().stream())
                    .map(usage -> usage.completionTokensDetails()
                            .orElseThrow()
                            .reasoningTokens()
                            .orElseThrow())
                    .reduce((first, last) -> last)
                    .orElseThrow();
        }

        assertThat(told).isPositive();
        assertThat(onlyRow().reasoningTokens()).isEqualTo(told);
    }

    @Test
    void aResponsesCallersReasoningIsRecordedWithTheResponsesDialect() {
        Response response = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .maxOutputTokens(400)
                        .reasoning(
                                Reasoning.builder().effort(ReasoningEffort.LOW).build())
                        .input("How do volcanoes form?")
                        .build());

        ResponseUsage usage = response.usage().orElseThrow();
        long told = usage.outputTokensDetails().reasoningTokens();
        assertThat(told).as("the simulator reasoned at low effort").isPositive();
        Row row = onlyRow();
        assertThat(row.reasoningTokens()).isEqualTo(told);
        assertThat(row.outputTokens()).isEqualTo(usage.outputTokens());
        assertThat(jdbc.sql("select dialect from usage_record where team_id = ?::uuid")
                        .param(team.id())
                        .query(String.class)
                        .single())
                .isEqualTo("responses");
    }

    @Test
    void anAnthropicCallersThinkingIsRecordedAsReasoningTokens() {
        Message message = AnthropicClients.forKey(port, team.key())
                .messages()
                .create(MessageCreateParams.builder()
                        .model(MODEL)
                        .maxTokens(2048)
                        .enabledThinking(1024)
                        .addUserMessage("How do tides work?")
                        .build());

        String thinking = message.content().getFirst().thinking().orElseThrow().thinking();
        Row row = onlyRow();
        assertThat(row.reasoningTokens())
                .as("Messages has no field for them, but the usage row counts the thinking's tokens")
                .isEqualTo(new JtokkitTokenCounter().countText(thinking))
                .isLessThan(row.outputTokens());
        assertThat(row.outputTokens()).isEqualTo(message.usage().outputTokens());
    }

    @Test
    void aReplyWithoutReasoningRecordsNone() {
        team.client()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .maxCompletionTokens(100)
                        .addUserMessage("Say hello")
                        .build());

        Row row = onlyRow();
        assertThat(row.outputTokens()).isPositive();
        assertThat(row.reasoningTokens()).isZero();
    }

    @Test
    void totalsRollUpsAdminReportAndCsvExportCarryTheReasoningTokens() throws Exception {
        team.client().chat().completions().create(reasoning("How do volcanoes form?"));
        team.client().chat().completions().create(reasoning("Why is the sky blue?"));
        long recorded = jdbc.sql("select sum(reasoning_tokens) from usage_record where team_id = ?::uuid")
                .param(team.id())
                .query(Long.class)
                .single();
        assertThat(recorded).isPositive();
        String today = LocalDate.now(ZoneOffset.UTC).toString();

        rollups.rollUpAll();
        long rolledUp = jdbc.sql("select sum(reasoning_tokens) from usage_daily where team_id = ?::uuid")
                .param(team.id())
                .query(Long.class)
                .single();
        UsageTotals totals = actors.asPlatformAdmin(() -> history.totals(team.teamId(), UsageFilter.ALL));
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        JsonNode report = admin.get(
                        "/admin/v1/teams/" + team.id() + "/usage?from=" + today + "&to=" + today + "&groupBy=model")
                .body();
        String csv = adminCsv();
        List<String> header = CsvReader.builder().ofCsvRecord(csv).stream()
                .findFirst()
                .orElseThrow()
                .getFields();
        List<NamedCsvRecord> rows =
                CsvReader.builder().ofNamedCsvRecord(csv).stream().toList();

        assertThat(rolledUp).as("the daily roll-up sums them").isEqualTo(recorded);
        assertThat(totals.reasoningTokens()).as("the history's totals").isEqualTo(recorded);
        assertThat(report.at("/total/reasoningTokens").asLong())
                .as("the admin report's total: " + report)
                .isEqualTo(recorded);
        assertThat(report.at("/data/0/reasoningTokens").asLong())
                .as("and its one model's group")
                .isEqualTo(recorded);
        assertThat(header.getLast())
                .as("added as the CSV's last column, so scripts reading by position read what they did")
                .isEqualTo("reasoning_tokens");
        assertThat(header.subList(0, header.size() - 1))
                .as("the columns before it are as they were")
                .endsWith("requested_model", "session_id");
        assertThat(rows.stream()
                        .mapToLong(row -> Long.parseLong(row.getField("reasoning_tokens")))
                        .sum())
                .as("the export's rows")
                .isEqualTo(recorded);
    }

    private static ChatCompletionCreateParams reasoning(String question) {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .maxCompletionTokens(400)
                .reasoningEffort(ReasoningEffort.LOW)
                .addUserMessage(question)
                .build();
    }

    private String adminCsv() throws IOException, InterruptedException {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://localhost:" + port + "/admin/v1/teams/" + team.id() + "/usage.csv"))
                            .header("Authorization", "Bearer " + IntegrationTest.MASTER_KEY)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return response.body();
        }
    }

    private record Row(long outputTokens, long reasoningTokens) {}

    private Row onlyRow() {
        return jdbc.sql("select output_tokens, reasoning_tokens from usage_record where team_id = ?::uuid")
                .param(team.id())
                .query((rs, n) -> new Row(rs.getLong(1), rs.getLong(2)))
                .single();
    }
}
