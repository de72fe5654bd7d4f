package dev.tollgate.usage;

import static org.assertj.core.api.Assertions.assertThat;

import de.siegmar.fastcsv.reader.CsvReader;
import de.siegmar.fastcsv.reader.NamedCsvRecord;
import dev.tollgate.caller.AgentSession;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The session Claude Code names in {@code x-claude-code-session-id} is kept with each usage row, so a team can see what
 * one agent session cost: the history and its CSV export filter by it, and a malformed one is refused by name before
 * anything is charged.
 */
@IntegrationTest
class AgentSessionUsageTests {

    private static final String MODEL = "aws/minimax-m2.5";
    private static final String HEADER = "x-claude-code-session-id";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    UsageHistory history;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Actors actors;

    final HttpClient http = HttpClient.newHttpClient();
    FundedTeam team;

    @BeforeEach
    void fundedTeam() {
        team = FundedTeam.create(port, "Sessions", "10.00");
    }

    @Test
    void eachRequestIsRecordedWithTheSessionItsCallerNamed() throws Exception {
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        assertThat(messages(first).statusCode()).isEqualTo(200);
        assertThat(messages(first).statusCode()).isEqualTo(200);
        assertThat(messages(second).statusCode()).isEqualTo(200);
        assertThat(messages(null).statusCode()).isEqualTo(200);
        assertThat(chatCompletion(first).statusCode())
                .as("the OpenAI dialect reads the same header")
                .isEqualTo(200);

        UsageTotals firstSession = totals(UsageFilter.ALL.withSession(new AgentSession(first)));
        UsageTotals all = totals(UsageFilter.ALL);

        assertThat(firstSession.requests()).as("the first session's requests").isEqualTo(3);
        assertThat(firstSession.totalCost().amount())
                .as("the session's cost is the sum of its rows")
                .isEqualByComparingTo(costOf(first));
        assertThat(all.requests()).as("every request of the team").isEqualTo(5);
        assertThat(actors.asPlatformAdmin(() ->
                        history.page(team.teamId(), UsageFilter.ALL.withSession(new AgentSession(second)), null, 10)))
                .singleElement()
                .satisfies(entry -> assertThat(entry.session()).isEqualTo(second));
        assertThat(new BigDecimal("10.00").subtract(team.balance(jdbc)))
                .as("the team paid exactly what its rows say")
                .isEqualByComparingTo(all.totalCost().amount());
    }

    @Test
    void theCsvExportKeepsOneSessionsRowsWithTheirSessionId() throws Exception {
        String session = UUID.randomUUID().toString();
        messages(session);
        messages(session);
        messages(UUID.randomUUID().toString());

        HttpResponse<String> csv = adminCsv("?session=" + session);

        assertThat(csv.statusCode()).as(csv.body()).isEqualTo(200);
        List<NamedCsvRecord> rows =
                CsvReader.builder().ofNamedCsvRecord(csv.body()).stream().toList();
        assertThat(rows).as("only the session's rows").hasSize(2);
        assertThat(rows)
                .allSatisfy(row -> assertThat(row.getField("session_id")).isEqualTo(session));
    }

    @Test
    void aSessionIdThatNoUsageRowCouldHoldIsRefusedByNameBeforeAnyCharge() throws Exception {
        for (String malformed : List.of("x".repeat(AgentSession.MAX_LENGTH + 1), "two words")) {
            HttpResponse<String> response = messages(malformed);

            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(JSON.readTree(response.body()).at("/error/message").asString())
                    .as("the error names the header")
                    .startsWith(HEADER);
        }
        assertThat(totals(UsageFilter.ALL).requests())
                .as("nothing was recorded")
                .isZero();
        assertThat(team.balance(jdbc)).isEqualByComparingTo("10.00");
        assertThat(adminCsv("?session=two%20words").statusCode())
                .as("the export refuses a session no row could hold")
                .isEqualTo(400);
    }

    private UsageTotals totals(UsageFilter filter) {
        return actors.asPlatformAdmin(() -> history.totals(team.teamId(), filter));
    }

    private BigDecimal costOf(String session) {
        return jdbc.sql("select coalesce(sum(total_cost), 0) from usage_record where team_id = ? and session_id = ?")
                .params(Books.team(team.id()).value(), session)
                .query(BigDecimal.class)
                .single();
    }

    private HttpResponse<String> messages(@Nullable String session) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/v1/messages?beta=true"))
                .header("x-api-key", team.key())
                .header("anthropic-version", "2023-06-01")
                .header("Content-Type", "application/json");
        if (session != null) {
            request.header(HEADER, session);
        }
        String body = """
                {"model":"%s","max_tokens":40,"messages":[{"role":"user","content":"Tell me about tide pools"}]}
                """.formatted(MODEL);
        return http.send(
                request.POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> chatCompletion(String session) throws IOException, InterruptedException {
        String body = """
                {"model":"%s","max_tokens":40,"messages":[{"role":"user","content":"Tell me about tide pools"}]}
                """.formatted(MODEL);
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
                        .header("Authorization", "Bearer " + team.key())
                        .header(HEADER, session)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> adminCsv(String query) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(
                                "http://localhost:" + port + "/admin/v1/teams/" + team.id() + "/usage.csv" + query))
                        .header("Authorization", "Bearer " + IntegrationTest.MASTER_KEY)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
