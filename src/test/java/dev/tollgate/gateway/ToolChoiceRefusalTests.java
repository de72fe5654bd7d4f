package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code tool_choice} no model could honour is the caller's mistake: a 400 {@code invalid_request_error} in either
 * dialect, which SDKs do not retry, and nothing held or charged. It used to reach the simulator and come back as a 502
 * (OpenAI) or {@code overloaded_error} (Anthropic), which SDKs retry.
 */
@IntegrationTest
class ToolChoiceRefusalTests {

    private static final String MODEL = "aws/claude-haiku-4-5";
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    FundedTeam team;

    @BeforeEach
    void fundedTeam() {
        team = FundedTeam.create(port, "Tool choice", "1.00");
    }

    @Test
    void openAiToolChoiceNamingAnUndefinedToolIsA400() throws Exception {
        HttpResponse<String> reply = post("/v1/chat/completions", """
                {"model":"%s","max_tokens":20,"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"type":"function","function":{"name":"lookup","parameters":{"type":"object"}}}],
                 "tool_choice":{"type":"function","function":{"name":"missing"}}}""".formatted(MODEL), false);

        assertThat(reply.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(reply.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asString()).isEqualTo("tool_choice");
        assertThat(error.get("message").asString()).contains("'missing'").contains("lookup");
        assertNothingHeldOrCharged();
    }

    @Test
    void openAiRequiredToolChoiceWithoutToolsIsA400() throws Exception {
        HttpResponse<String> reply = post("/v1/chat/completions", """
                {"model":"%s","max_tokens":20,"messages":[{"role":"user","content":"hi"}],
                 "tool_choice":"required"}""".formatted(MODEL), false);

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reply.body()).get("error").get("message").asString())
                .contains("defines no tools");
        assertNothingHeldOrCharged();
    }

    @Test
    void anthropicToolChoiceNamingAnUndefinedToolIsAnInvalidRequestError() throws Exception {
        HttpResponse<String> reply = post("/v1/messages", """
                {"model":"%s","max_tokens":20,"messages":[{"role":"user","content":"hi"}],
                 "tools":[{"name":"lookup","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"tool","name":"missing"}}""".formatted(MODEL), true);

        assertThat(reply.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.get("type").asString()).isEqualTo("error");
        assertThat(body.get("error").get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(body.get("error").get("message").asString()).startsWith("tool_choice: ");
        assertNothingHeldOrCharged();
    }

    @Test
    void anthropicAnyToolChoiceWithoutToolsIsAnInvalidRequestError() throws Exception {
        HttpResponse<String> reply = post("/v1/messages", """
                {"model":"%s","max_tokens":20,"messages":[{"role":"user","content":"hi"}],
                 "tool_choice":{"type":"any"}}""".formatted(MODEL), true);

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reply.body()).get("error").get("type").asString())
                .isEqualTo("invalid_request_error");
    }

    private HttpResponse<String> post(String path, String body, boolean anthropic) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (anthropic) {
            request.header("x-api-key", team.key()).header("anthropic-version", "2023-06-01");
        } else {
            request.header("Authorization", "Bearer " + team.key());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private void assertNothingHeldOrCharged() {
        assertThat(team.balance(jdbc)).isEqualByComparingTo(new BigDecimal("1.00"));
        assertThat(jdbc.sql("select count(*) from credit_hold where team_id = ?::uuid")
                        .param(team.id())
                        .query(Long.class)
                        .single())
                .as("refused before any credit was held")
                .isZero();
    }
}
