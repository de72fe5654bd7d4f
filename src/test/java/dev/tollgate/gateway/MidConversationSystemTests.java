package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A {@code role: "system"} turn inside {@code messages}, as Claude Code sends one after the user's words on every turn,
 * is an instruction for the reply: the simulator obeys it and it never hides the tool results it follows. What each
 * channel kind receives for it is in {@code docs/request-fields.md}, checked by {@link RequestFieldsTableTests}.
 */
@IntegrationTest
class MidConversationSystemTests {

    private static final String SIMULATED_MODEL = "aws/minimax-m2.5";
    private static final String CLAUDE_CODE_BETAS = "claude-code-20250219,mid-conversation-system-2026-04-07";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    final HttpClient http = HttpClient.newHttpClient();
    FundedTeam team;

    @BeforeEach
    void fundedTeam() {
        team = FundedTeam.create(port, "Mid-system", "10.00");
    }

    @Test
    void theSimulatorObeysAReplyDictatedByASystemTurnAfterTheQuestion() throws Exception {
        HttpResponse<String> response = messages("""
                {"model":"%s","max_tokens":64,"messages":[
                  {"role":"user","content":"What is the capital of France?"},
                  {"role":"system","content":"Say exactly: \\"Paris, and nothing else\\""}]}
                """.formatted(SIMULATED_MODEL));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).at("/content/0/text").asString())
                .as("the system turn's dictation is the reply")
                .isEqualTo("Paris, and nothing else");
    }

    @Test
    void toolResultsFollowedByASystemTurnAreAnsweredNotCalledForAgain() throws Exception {
        HttpResponse<String> response = messages("""
                {"model":"%s","max_tokens":200,
                 "tools":[{"name":"get_weather","input_schema":{"type":"object","properties":{"city":{"type":"string"}}}}],
                 "messages":[
                  {"role":"user","content":"Use get_weather for Paris"},
                  {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"city":"Paris"}}]},
                  {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"Sunny, 21 degrees"}]},
                  {"role":"system","content":[{"type":"text","text":"Keep answers short."}]}]}
                """.formatted(SIMULATED_MODEL));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode reply = JSON.readTree(response.body());
        assertThat(reply.path("stop_reason").asString())
                .as("the tool result is answered, not asked for again: %s", reply)
                .isEqualTo("end_turn");
        assertThat(reply.at("/content/0/type").asString()).isEqualTo("text");
    }

    @Test
    void aSystemTurnHoldsTextOnly() throws Exception {
        HttpResponse<String> response = messages("""
                {"model":"%s","max_tokens":16,"messages":[
                  {"role":"user","content":"Hi"},
                  {"role":"system","content":[{"type":"image","source":{"type":"url","url":"https://example.com/a.png"}}]}]}
                """.formatted(SIMULATED_MODEL));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body());
        assertThat(error.path("type").asString()).isEqualTo("error");
        assertThat(error.at("/error/type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.at("/error/message").asString())
                .as("the error names the block")
                .startsWith("messages.1.content.0.type");
    }

    @Test
    void anUnknownRoleIsStillRefusedByName() throws Exception {
        HttpResponse<String> response = messages("""
                {"model":"%s","max_tokens":16,"messages":[{"role":"developer","content":"Hi"}]}
                """.formatted(SIMULATED_MODEL));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/error/message").asString())
                .isEqualTo("messages.0.role: must be 'user', 'assistant' or 'system'");
    }

    /** Claude Code's path and headers: {@code ?beta=true}, the beta list, the session header. */
    private HttpResponse<String> messages(String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/messages?beta=true"))
                        .header("x-api-key", team.key())
                        .header("anthropic-version", "2023-06-01")
                        .header("anthropic-beta", CLAUDE_CODE_BETAS)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
