package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.NodeProject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The structured-output helpers of the JavaScript clients teams use (the Vercel AI SDK's {@code generateObject} and
 * {@code streamObject} on its OpenAI chat, OpenAI-compatible and Anthropic providers; LangChain's {@code
 * withStructuredOutput} in JSON schema mode), pointed at the gateway with only a base URL and a key, each get an
 * object their own schema validation accepts from the simulator channel.
 */
@IntegrationTest
class StructuredOutputClientsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void everyClientGetsAnObjectItsSchemaAccepts() {
        NodeProject clients = NodeProject.installed("structured-output");
        FundedTeam team = FundedTeam.create(port, "Structured", "10.00");

        NodeProject.Run run = clients.node(
                "structured-clients.mjs",
                Map.of(
                        "TOLLGATE_URL",
                        "http://localhost:" + port,
                        "TOLLGATE_KEY",
                        team.key(),
                        "TOLLGATE_MODEL",
                        "aws/claude-haiku-4-5"),
                Duration.ofMinutes(2));

        assertThat(run.exitCode())
                .as("the script ran to its end; it printed %s and %s", run.stdout(), run.stderr())
                .isZero();
        List<JsonNode> answers = run.lines().stream().map(JSON::readTree).toList();
        assertThat(answers)
                .extracting(answer -> answer.path("client").asString())
                .as("one answer per client")
                .containsExactly(
                        "ai-sdk openai chat generateObject",
                        "ai-sdk openai chat streamObject",
                        "ai-sdk openai-compatible generateObject",
                        "ai-sdk anthropic generateObject",
                        "langchain withStructuredOutput jsonSchema");
        for (JsonNode answer : answers) {
            assertThat(answer.has("error"))
                    .as(
                            "%s failed: %s",
                            answer.path("client").asString(),
                            answer.path("error").asString())
                    .isFalse();
            JsonNode city = answer.path("object");
            assertThat(city.path("city").isString()).as("%s", answer).isTrue();
            assertThat(city.path("population").isIntegralNumber())
                    .as("%s", answer)
                    .isTrue();
            assertThat(city.path("coastal").isBoolean()).as("%s", answer).isTrue();
            assertThat(city.path("landmarks").isArray()).as("%s", answer).isTrue();
        }
        assertThat(team.balance(jdbc)).as("every call was charged").isLessThan(new BigDecimal("10.00"));
    }
}
