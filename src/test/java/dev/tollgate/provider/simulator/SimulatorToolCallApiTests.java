package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Tool calls whose schema asks for more than the reply may hold, sent over HTTP as a client would. */
@IntegrationTest
class SimulatorToolCallApiTests {

    /** A forced tool whose one parameter is 300 × 300 × 300 integers, with room for 5 tokens: 415 bytes. */
    private static final String GRID_REQUEST = """
            {"model":"aws/claude-sonnet-4-6","max_tokens":5,\
            "messages":[{"role":"user","content":"Fill the grid with small digits"}],\
            "tools":[{"type":"function","function":{"name":"fill","parameters":{"type":"object","properties":\
            {"grid":{"type":"array","minItems":300,"items":{"type":"array","minItems":300,"items":\
            {"type":"array","minItems":300,"items":{"type":"integer"}}}}},"required":["grid"]}}}],\
            "tool_choice":"required"}""";

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    FundedTeam team;

    @BeforeEach
    void fundedTeam() {
        team = FundedTeam.create(port, "Grid", "10.00");
    }

    /** Regression: this request filled a 2 GB heap for 24 s and left the health check unanswered. */
    @Test
    void regressionAToolCallTooBigForMaxTokensIsCutThere() throws Exception {
        assertThat(GRID_REQUEST.getBytes(StandardCharsets.UTF_8)).hasSize(415);

        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/chat/completions"))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + team.key())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(GRID_REQUEST))
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode choice =
                JsonMapper.shared().readTree(response.body()).path("choices").path(0);
        assertThat(choice.path("finish_reason").asString())
                .as("the arguments ran out of tokens")
                .isEqualTo("length");
        assertThat(choice.path("message")
                        .path("tool_calls")
                        .path(0)
                        .path("function")
                        .path("arguments")
                        .asString())
                .as("the arguments as far as 5 tokens go")
                .startsWith("{\"grid\":[[[")
                .hasSizeLessThan(100);
        assertThat(JsonMapper.shared()
                        .readTree(response.body())
                        .path("usage")
                        .path("completion_tokens")
                        .asInt())
                .isLessThanOrEqualTo(5);
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }
}
