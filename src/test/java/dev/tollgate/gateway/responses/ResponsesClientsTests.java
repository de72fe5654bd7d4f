package dev.tollgate.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.NodeProject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JavaScript clients that speak OpenAI's Responses API by default work unchanged against the gateway, given only a
 * base URL and a key: the Vercel AI SDK's {@code openai(model)} provider ({@code generateText}, {@code streamText}, a
 * tool call and its result in a second step, {@code generateObject}) and LangChain's {@code ChatOpenAI} with {@code
 * useResponsesApi} ({@code invoke}, {@code withStructuredOutput}), on the simulator channel; each request is billed
 * with dialect {@code responses}.
 */
@IntegrationTest
class ResponsesClientsTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String MODEL = "aws/claude-haiku-4-5";
    private static final String ROUND_TRIP = "ai-sdk responses tool round trip";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    NodeProject clients;
    FundedTeam team;

    @BeforeEach
    void clientsAndTeam() {
        clients = NodeProject.installed("structured-output");
        team = FundedTeam.create(port, "Responses clients", "10.00");
    }

    @Test
    void theAiSdksDefaultProviderAndLangChainsResponsesModeWorkUnchanged() {
        Map<String, JsonNode> answers = run(
                "ai-sdk responses generateText",
                "ai-sdk responses streamText",
                ROUND_TRIP + " without store",
                "ai-sdk responses generateObject",
                "langchain responses invoke",
                "langchain responses withStructuredOutput");

        JsonNode generated = answers.get("ai-sdk responses generateText").path("result");
        assertThat(generated.path("text").asString()).as("%s", generated).isNotBlank();
        assertThat(generated.path("finishReason").asString()).isEqualTo("stop");
        assertThat(generated.at("/usage/output").asLong()).isPositive();

        JsonNode streamed = answers.get("ai-sdk responses streamText").path("result");
        assertThat(streamed.path("deltas").asInt())
                .as("the text arrives in many deltas: %s", streamed)
                .isGreaterThan(3);
        assertThat(streamed.path("joined").asString())
                .as("the deltas make up the whole text")
                .isEqualTo(streamed.path("text").asString())
                .isNotBlank();
        assertThat(streamed.at("/usage/output").asLong()).isPositive();

        assertToolRoundTrip(answers.get(ROUND_TRIP + " without store").path("result"));

        for (String structured :
                List.of("ai-sdk responses generateObject", "langchain responses withStructuredOutput")) {
            JsonNode city = answers.get(structured).at("/result/object");
            assertThat(city.path("city").isString())
                    .as("%s: %s", structured, city)
                    .isTrue();
            assertThat(city.path("population").isIntegralNumber())
                    .as("%s", city)
                    .isTrue();
            assertThat(city.path("coastal").isBoolean()).as("%s", city).isTrue();
            assertThat(city.path("landmarks").isArray()).as("%s", city).isTrue();
        }

        JsonNode invoked = answers.get("langchain responses invoke").path("result");
        assertThat(invoked.path("text").asString()).as("%s", invoked).isNotBlank();
        assertThat(invoked.at("/usage/output_tokens").asLong()).isPositive();

        assertEveryRequestBilledAsResponses(answers);
    }

    /**
     * With its default {@code store}, the AI SDK sends the tool call of the first step back as an {@code item_reference}
     * to the stored reply's {@code function_call} item, not as the item itself; the gateway finds it among the
     * team's stored responses.
     */
    @Test
    void aToolRoundTripThatRefersToTheStoredToolCallWorks() {
        Map<String, JsonNode> answers = run(ROUND_TRIP);

        assertToolRoundTrip(answers.get(ROUND_TRIP).path("result"));
        assertEveryRequestBilledAsResponses(answers);
    }

    /** Runs the named clients; each must have answered without an error, through {@code /v1/responses} only. */
    private Map<String, JsonNode> run(String... names) {
        NodeProject.Run run = clients.node(
                "responses-clients.mjs",
                Map.of(
                        "TOLLGATE_URL",
                        "http://localhost:" + port,
                        "TOLLGATE_KEY",
                        team.key(),
                        "TOLLGATE_MODEL",
                        MODEL,
                        "TOLLGATE_CLIENTS",
                        String.join(",", names)),
                Duration.ofMinutes(2));

        assertThat(run.exitCode())
                .as("the script ran to its end; it printed %s and %s", run.stdout(), run.stderr())
                .isZero();
        Map<String, JsonNode> answers = run.lines().stream()
                .map(JSON::readTree)
                .collect(Collectors.toMap(
                        answer -> answer.path("client").asString(), answer -> answer, (a, b) -> a, LinkedHashMap::new));
        assertThat(answers.keySet()).as("one answer per client").containsExactly(names);
        assertThat(answers.values().stream()
                        .filter(answer -> answer.has("error"))
                        .map(answer -> answer.path("client").asString() + " failed: " + answer.path("error")
                                + "; it sent " + answer.path("sent")))
                .as("clients that failed")
                .isEmpty();
        answers.forEach((client, answer) -> assertThat(strings(answer.path("paths")))
                .as("%s calls the Responses API", client)
                .isNotEmpty()
                .allSatisfy(path -> assertThat(path).isEqualTo("/v1/responses")));
        return answers;
    }

    private static void assertToolRoundTrip(JsonNode roundTrip) {
        assertThat(roundTrip.path("steps"))
                .as("a tool call, then the answer: %s", roundTrip)
                .hasSize(2);
        JsonNode call = roundTrip.at("/steps/0");
        assertThat(call.path("finishReason").asString()).isEqualTo("tool-calls");
        assertThat(call.at("/toolCalls/0/name").asString()).isEqualTo("get_weather");
        assertThat(strings(roundTrip.path("executed")))
                .as("the SDK ran the tool with the arguments the model gave")
                .containsExactly(call.at("/toolCalls/0/input/city").asString());
        assertThat(roundTrip.at("/steps/1/finishReason").asString()).isEqualTo("stop");
        assertThat(roundTrip.path("text").asString())
                .as("the answer after the tool result")
                .isNotBlank();
    }

    private void assertEveryRequestBilledAsResponses(Map<String, JsonNode> answers) {
        long requests = answers.values().stream()
                .mapToLong(answer -> answer.path("paths").size())
                .sum();
        List<String> dialects = jdbc.sql("select dialect from usage_record where team_id = ?::uuid")
                .param(team.id())
                .query(String.class)
                .list();
        assertThat(dialects)
                .as("every request the clients sent has a usage row of the Responses dialect")
                .hasSize((int) requests)
                .containsOnly("responses");
        assertThat(team.balance(jdbc)).as("every call was charged").isLessThan(new BigDecimal("10.00"));
    }

    private static List<String> strings(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asString)
                .toList();
    }
}
