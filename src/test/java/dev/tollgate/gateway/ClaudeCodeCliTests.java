package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.ClaudeCodeCli;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real Claude Code CLI, configured with nothing but the gateway's URL and a team key, works with its defaults
 * against the simulator: it gets the simulator's answer, each request it makes is a usage row with its session id, and
 * the team pays exactly what those rows say.
 */
@IntegrationTest
class ClaudeCodeCliTests {

    private static final String BALANCE = "20.00";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path workspace;

    ClaudeCodeCli cli;
    FundedTeam team;

    @BeforeEach
    void installedCliAndAFundedTeam() {
        cli = ClaudeCodeCli.installed();
        team = FundedTeam.create(port, "Claude Code", BALANCE);
    }

    record Row(String model, String session, BigDecimal cost) {}

    @Test
    void printModeAnswersWithTheSimulatorsWordsAndTheSessionIsBilledByItsRows() {
        ClaudeCodeCli.Run run =
                cli.print(workspace, "http://localhost:" + port, team.key(), "Say exactly: \"Tollgate answered\"");

        assertThat(run.exitCode())
                .as("claude -p exits cleanly: %s %s", run.stdout(), run.stderr())
                .isZero();
        assertThat(run.result()).as("the simulator's dictated answer").isEqualTo("Tollgate answered");
        List<Row> rows = rows();
        assertThat(rows).as("one usage row per request the CLI made").isNotEmpty();
        assertThat(rows)
                .as("every row carries the CLI's session id")
                .allSatisfy(row -> assertThat(row.session()).isEqualTo(run.sessionId()));
        assertServedByTheFamilyAskedFor(run, rows);
        assertChargedExactlyTheRows(rows);
    }

    @Test
    void aToolRoundTripIsTwoRequestsOfOneSessionWithTheKeyAsABearerToken() {
        ClaudeCodeCli.Run run = cli.withAuthToken()
                .print(
                        workspace,
                        "http://localhost:" + port,
                        team.key(),
                        "Use the Read tool to look at notes.txt",
                        "--allowedTools",
                        "Read");

        assertThat(run.exitCode())
                .as("claude -p exits cleanly: %s %s", run.stdout(), run.stderr())
                .isZero();
        assertThat(run.json().path("num_turns").asInt())
                .as("a tool call and the answer to its result: %s", run.stdout())
                .isGreaterThanOrEqualTo(2);
        assertThat(run.result()).as("the answer after the tool result").isNotBlank();
        List<Row> rows = rows();
        assertThat(rows).as("the call for the tool and the answer after it").hasSizeGreaterThanOrEqualTo(2);
        assertThat(rows).allSatisfy(row -> assertThat(row.session()).isEqualTo(run.sessionId()));
        assertChargedExactlyTheRows(rows);
    }

    /** The CLI asks for native ids (claude-opus-…); each row names the catalog model of that family that served it. */
    private static void assertServedByTheFamilyAskedFor(ClaudeCodeCli.Run run, List<Row> rows) {
        List<String> families = run.requestedModels().stream()
                .map(id -> List.of("opus", "sonnet", "haiku").stream()
                        .filter(id.toLowerCase(Locale.ROOT)::contains)
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("not a Claude id: " + id)))
                .toList();
        assertThat(rows)
                .as("rows for %s", run.requestedModels())
                .allSatisfy(row -> assertThat(families)
                        .anySatisfy(family -> assertThat(row.model()).contains("claude-" + family)));
    }

    private void assertChargedExactlyTheRows(List<Row> rows) {
        BigDecimal recorded = rows.stream().map(Row::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(recorded).as("the requests cost something").isPositive();
        assertThat(new BigDecimal(BALANCE).subtract(team.balance(jdbc)))
                .as("the team paid exactly what its usage rows say")
                .isEqualByComparingTo(recorded);
    }

    private List<Row> rows() {
        return jdbc.sql("select model, session_id, total_cost from usage_record where team_id = ? order by id")
                .param(team.teamId().value())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBigDecimal(3)))
                .list();
    }
}
