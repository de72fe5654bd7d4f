package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.Books;
import dev.tollgate.support.IntegrationTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/** A client that leaves mid-stream pays for what was generated up to then, and no more. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"tollgate.simulator.first-token-delay=0ms", "tollgate.simulator.tokens-per-second=25"})
@ActiveProfiles("test")
class StreamDisconnectTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aDisconnectMidStreamIsChargedForTheStreamedTokensOnly() throws Exception {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String team = admin.createFundedTeam("Disconnect", "1.00");
        String key = admin.createKey(team, "{\"name\":\"leaver\"}").get("key").asString();
        String body = """
                {"model":"aws/claude-haiku-4-5","stream":true,"max_tokens":400,
                 "messages":[{"role":"user","content":"Write a long essay about the history of clocks and timekeeping"}]}""";

        int chunksRead = 0;
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && chunksRead < 6) {
                if (line.contains("\"content\"")) {
                    chunksRead++;
                }
            }
        }

        Map<String, Object> usage = awaitUsage(team);
        assertThat(usage.get("status")).isEqualTo("CANCELLED");
        long output = ((Number) usage.get("output_tokens")).longValue();
        assertThat(output).as("charged at least for what reached the client").isGreaterThanOrEqualTo(chunksRead - 1);
        assertThat(output).as("but not for the reply that was never generated").isLessThan(40);
        BigDecimal charged = jdbc.sql(
                        "select -sum(amount) from ledger_entry where team_id = ?::uuid and kind = 'CHARGE'")
                .param(team)
                .query(BigDecimal.class)
                .single();
        assertThat(charged).isEqualByComparingTo((BigDecimal) usage.get("total_cost"));
        BigDecimal expected = new BigDecimal("1.00")
                .movePointLeft(6)
                .multiply(BigDecimal.valueOf(((Number) usage.get("input_tokens")).longValue()))
                .add(new BigDecimal("5.00").movePointLeft(6).multiply(BigDecimal.valueOf(output)));
        assertThat(charged).as("haiku: 1.00 in, 5.00 out per 1M").isEqualByComparingTo(expected);
        assertThat(heldOnceSettled(team)).isZero();
    }

    @Test
    void aResponsesCallerLeavingMidStreamIsChargedForTheStreamedTokensOnly() throws Exception {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String team = admin.createFundedTeam("Responses disconnect", "1.00");
        String key = admin.createKey(team, "{\"name\":\"leaver\"}").get("key").asString();
        String body = """
                {"model":"aws/claude-haiku-4-5","stream":true,"max_output_tokens":400,
                 "input":"Write a long essay about the history of clocks and timekeeping"}""";

        int deltasRead = 0;
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            byte[] payload = body.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /v1/responses HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + key
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + payload.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(payload);
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            while ((line = in.readLine()) != null && deltasRead < 6) {
                if (line.startsWith("data: ") && line.contains("\"response.output_text.delta\"")) {
                    deltasRead++;
                }
            }
        }

        Map<String, Object> usage = awaitUsage(team);
        assertThat(usage.get("status")).isEqualTo("CANCELLED");
        assertThat(usage.get("dialect")).isEqualTo("responses");
        long output = ((Number) usage.get("output_tokens")).longValue();
        assertThat(output).as("charged at least for what reached the client").isGreaterThanOrEqualTo(deltasRead - 1);
        assertThat(output).as("but not for the reply that was never generated").isLessThan(40);
        BigDecimal charged = jdbc.sql(
                        "select -sum(amount) from ledger_entry where team_id = ?::uuid and kind = 'CHARGE'")
                .param(team)
                .query(BigDecimal.class)
                .single();
        assertThat(charged).isEqualByComparingTo((BigDecimal) usage.get("total_cost"));
        assertThat(heldOnceSettled(team)).isZero();
    }

    /**
     * What the team still holds once its call's settle is done: the credit lease the call ran on goes back just after
     * the settle has committed (at once in tests), so it may still be held when the usage row becomes visible.
     */
    private long heldOnceSettled(String team) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        long held;
        do {
            held = new Books(jdbc).openHolds(Books.team(team));
            if (held > 0) {
                Thread.sleep(20);
            }
        } while (held > 0 && Instant.now().isBefore(deadline));
        return held;
    }

    private Map<String, Object> awaitUsage(String team) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (Instant.now().isBefore(deadline)) {
            var rows = jdbc.sql("select * from usage_record where team_id = ?::uuid")
                    .param(team)
                    .query()
                    .listOfRows();
            if (!rows.isEmpty()) {
                return rows.getFirst();
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No usage row was recorded for the cancelled stream");
    }
}
