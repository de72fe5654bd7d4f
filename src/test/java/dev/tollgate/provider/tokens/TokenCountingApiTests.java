package dev.tollgate.provider.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Prompts no tokenizer can take whole in bounded memory, sent over HTTP as a client would: the answer comes promptly,
 * and the server stays healthy.
 */
@IntegrationTest
class TokenCountingApiTests {

    private static final String MODEL = "aws/claude-sonnet-4-6";
    private static final int WORD_BYTES = 30_000_000;
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    /** The word counts one token per byte; the request and its one message add their fixed overheads. */
    private static final long WORD_PROMPT_TOKENS =
            WORD_BYTES + JtokkitTokenCounter.REQUEST_OVERHEAD + JtokkitTokenCounter.MESSAGE_OVERHEAD;

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    FundedTeam team;

    @BeforeEach
    void fundedTeam() {
        team = FundedTeam.create(port, "Long word", "1000.00");
    }

    /** Regression: one 30 MB word ended in OutOfMemoryError inside the encoder; count_tokens is free to call. */
    @Test
    void regressionAThirtyMegabyteWordIsCountedPromptly() throws Exception {
        String body = "{\"model\":\"" + MODEL + "\",\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(WORD_BYTES) + "\"}]}";

        HttpResponse<String> response = post("/v1/messages/count_tokens", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(json(response).path("input_tokens").asLong())
                .as("a word too long to tokenise counts one token per byte")
                .isEqualTo(WORD_PROMPT_TOKENS);
        assertHealthy();
    }

    /** Regression: chat counts the prompt before the credit hold, so the same word broke chat too. */
    @Test
    void regressionAThirtyMegabyteWordInAChatIsAnsweredPromptly() throws Exception {
        String body = "{\"model\":\"" + MODEL + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\""
                + "a".repeat(WORD_BYTES) + "\"}]}";

        HttpResponse<String> response = post("/v1/chat/completions", body);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode reply = json(response);
        assertThat(reply.path("usage").path("prompt_tokens").asLong()).isEqualTo(WORD_PROMPT_TOKENS);
        assertThat(reply.path("usage").path("completion_tokens").asLong()).isBetween(1L, 16L);
        assertThat(response.body().length())
                .as("the reply does not echo the prompt")
                .isLessThan(4_000);
        assertHealthy();
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .timeout(PATIENCE)
                        .header("Authorization", "Bearer " + team.key())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void assertHealthy() throws Exception {
        HttpResponse<String> health = http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).as("health after the request").isEqualTo(200);
    }

    private static JsonNode json(HttpResponse<String> response) {
        return JsonMapper.shared().readTree(response.body());
    }
}
