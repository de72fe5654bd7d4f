package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.CodexCli;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real Codex CLI, configured with the gateway as a custom provider that speaks the Responses API and a team key,
 * runs {@code codex exec} against the simulator to the end of a tool round trip: the simulated model runs the command
 * the prompt quotes with Codex's shell tool, Codex runs it on this machine and sends back its output, and the answer
 * quotes that output. Each of the two model calls is a usage row of the Responses dialect, and the team pays exactly
 * what those rows say.
 */
@IntegrationTest
class CodexCliTests {

    private static final String BALANCE = "20.00";
    private static final String MODEL = "aws/qwen3-codex";

    /** Written into the working folder, so only running the command can bring it into the answer. */
    private static final String FILE_CONTENT = "tollgate-codex-" + Long.toHexString(System.nanoTime());

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path workspace;

    CodexCli cli;
    FundedTeam team;
    Path project;

    @BeforeEach
    void installedCliAFundedTeamAndAFileToRead() throws IOException {
        cli = CodexCli.installed();
        team = FundedTeam.create(port, "Codex", BALANCE);
        project = Files.createDirectories(workspace.resolve("project"));
        Files.writeString(project.resolve("hello.txt"), FILE_CONTENT + "\n");
    }

    record Row(String model, String dialect, BigDecimal cost, String session) {}

    @Test
    void execRunsTheCommandTheModelCallsForAndAnswersWithItsOutputBilledByItsRows() {
        CodexCli.Run run = cli.exec(
                workspace,
                project,
                "http://localhost:" + port,
                MODEL,
                team.key(),
                "Run `cat hello.txt` and tell me what it says.");

        assertThat(run.exitCode())
                .as("codex exec exits cleanly: %s %s", run.stdout(), run.stderr())
                .isZero();
        assertThat(run.lastMessage())
                .as("the answer quotes the file, which only the command's output can have brought: %s", run.stderr())
                .contains(FILE_CONTENT);
        List<Row> rows = rows();
        assertThat(rows)
                .as("the call for the command and the answer to its output, no retries")
                .hasSize(2)
                .allSatisfy(row -> {
                    assertThat(row.model()).isEqualTo(MODEL);
                    assertThat(row.dialect()).isEqualTo("responses");
                });
        assertThat(rows.stream().map(Row::session).distinct().toList())
                .as("both calls belong to the run's session, from Codex's session-id header")
                .singleElement()
                .isNotNull();
        BigDecimal recorded = rows.stream().map(Row::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(recorded).as("the requests cost something").isPositive();
        assertThat(new BigDecimal(BALANCE).subtract(team.balance(jdbc)))
                .as("the team paid exactly what its usage rows say")
                .isEqualByComparingTo(recorded);
    }

    private List<Row> rows() {
        return jdbc.sql("select model, dialect, total_cost, session_id from usage_record where team_id = ? order by id")
                .param(team.teamId().value())
                .query((rs, n) -> new Row(rs.getString(1), rs.getString(2), rs.getBigDecimal(3), rs.getString(4)))
                .list();
    }
}
