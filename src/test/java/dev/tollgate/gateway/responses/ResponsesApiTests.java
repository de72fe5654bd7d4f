package dev.tollgate.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.core.JsonValue;
import com.openai.core.http.StreamResponse;
import com.openai.errors.NotFoundException;
import com.openai.helpers.ResponseAccumulator;
import com.openai.models.Reasoning;
import com.openai.models.ReasoningEffort;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionToolCall;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.StructuredResponse;
import com.openai.models.responses.inputtokens.InputTokenCountParams;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OpenAI's Responses API through the gateway on the simulator, with the official Java SDK's {@code responses()}:
 * whole and streamed replies that say the same, function tools round trips (continued by {@code previous_response_id}
 * and by sending every item back), structured output, reasoning, input token counts, and billing as chat's.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesApiTests {

    static final String MODEL = "aws/claude-haiku-4-5";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The shape a caller asks for; public fields, as the SDK's schema generator reads them. */
    public static class City {
        public String name;
        public long population;
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    FundedTeam team;

    @BeforeAll
    void aFundedTeam() {
        team = FundedTeam.create(port, "Responses", "50.00");
    }

    @Test
    void aWholeResponseCarriesTextUsageAndTheRequestSettings() {
        Response response = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .instructions("Answer briefly.")
                        .input("Name three rivers of Europe")
                        .temperature(0.5)
                        .maxOutputTokens(200L)
                        .build());

        assertThat(response.id()).as("a response id").startsWith("resp_");
        assertThat(response.status()).hasValue(com.openai.models.responses.ResponseStatus.COMPLETED);
        assertThat(response.model().asString()).as("the model as asked").isEqualTo(MODEL);
        assertThat(text(response)).as("the reply's text").isNotBlank();
        assertThat(response.instructions()).as("instructions repeated").isPresent();
        assertThat(response.temperature()).hasValue(0.5);
        assertThat(response.maxOutputTokens()).hasValue(200L);
        var usage = response.usage().orElseThrow();
        assertThat(usage.inputTokens()).as("input tokens").isPositive();
        assertThat(usage.outputTokens()).as("output tokens").isPositive();
        assertThat(usage.totalTokens()).isEqualTo(usage.inputTokens() + usage.outputTokens());
    }

    @Test
    void aStreamedResponseTellsTheFullEventChainInSequence() throws Exception {
        String body = """
                {"model":"%s","input":"Describe a lighthouse","stream":true,"max_output_tokens":80,
                 "reasoning":{"effort":"low","summary":"auto"}}""".formatted(MODEL);

        List<JsonNode> events = rawEvents(body);

        List<String> types = events.stream().map(e -> e.path("type").asString()).toList();
        assertThat(types.subList(0, 2))
                .as("the response is created, then in progress")
                .containsExactly("response.created", "response.in_progress");
        assertThat(types.getLast()).isIn("response.completed", "response.incomplete");
        assertThat(types)
                .as("reasoning then a message, each opened and closed: %s", types)
                .containsSubsequence(
                        "response.output_item.added",
                        "response.reasoning_summary_part.added",
                        "response.reasoning_summary_text.delta",
                        "response.reasoning_summary_text.done",
                        "response.reasoning_summary_part.done",
                        "response.output_item.done",
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_text.delta",
                        "response.output_text.done",
                        "response.content_part.done",
                        "response.output_item.done");
        for (int i = 0; i < events.size(); i++) {
            assertThat(events.get(i).path("sequence_number").asInt(-1))
                    .as("event %d (%s) is numbered in order from 0", i, types.get(i))
                    .isEqualTo(i);
        }
        String deltas = events.stream()
                .filter(e -> e.path("type").asString().equals("response.output_text.delta"))
                .map(e -> e.path("delta").asString())
                .collect(Collectors.joining());
        JsonNode finished = events.getLast().path("response");
        JsonNode message = finished.path("output").get(1);
        assertThat(message.path("content").get(0).path("text").asString())
                .as("the final message holds exactly the streamed deltas")
                .isEqualTo(deltas);
    }

    @Test
    void streamedAndWholeRepliesSayTheSame() {
        ResponseCreateParams params = ResponseCreateParams.builder()
                .model(MODEL)
                .input("Explain the water cycle in two sentences")
                .reasoning(Reasoning.builder().effort(ReasoningEffort.LOW).build())
                .maxOutputTokens(300L)
                .build();

        Response whole = team.client().responses().create(params);
        ResponseAccumulator accumulator = ResponseAccumulator.create();
        try (StreamResponse<ResponseStreamEvent> stream =
                team.client().responses().createStreaming(params)) {
            stream.stream().forEach(accumulator::accumulate);
        }
        Response streamed = accumulator.response();

        assertThat(shape(streamed)).as("the same items in the same order").isEqualTo(shape(whole));
        assertThat(text(streamed)).as("the same text").isEqualTo(text(whole));
        assertThat(reasoning(streamed)).as("the same reasoning summary").isEqualTo(reasoning(whole));
        assertThat(streamed.usage().orElseThrow().outputTokens())
                .isEqualTo(whole.usage().orElseThrow().outputTokens());
    }

    @Test
    void reasoningComesBackAsASummaryAndCountsAsReasoningTokens() {
        Response response = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Is 91 a prime number?")
                        .reasoning(Reasoning.builder()
                                .effort(ReasoningEffort.LOW)
                                .summary(Reasoning.Summary.AUTO)
                                .build())
                        .maxOutputTokens(2000L)
                        .build());

        ResponseOutputItem first = response.output().getFirst();
        assertThat(first.isReasoning())
                .as("reasoning comes first: %s", response.output())
                .isTrue();
        assertThat(reasoning(response)).as("the thinking as the summary").isNotBlank();
        assertThat(response.reasoning().orElseThrow().effort()).hasValue(ReasoningEffort.LOW);
    }

    @Test
    void aFunctionToolRoundTripContinuesAStoredResponse() {
        Response first = team.client().responses().create(weatherQuestion().build());
        ResponseFunctionToolCall call = onlyCall(first);

        Response second = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .previousResponseId(first.id())
                        .addTool(weatherTool())
                        .inputOfResponse(List.of(toolOutput(call)))
                        .build());

        assertThat(text(second)).as("the answer uses the tool's result").contains("18 degrees and sunny");
        assertThat(second.previousResponseId()).hasValue(first.id());
    }

    @Test
    void aFunctionToolRoundTripWithEveryItemSentBackNeedsNoStorage() {
        Response first =
                team.client().responses().create(weatherQuestion().store(false).build());
        ResponseFunctionToolCall call = onlyCall(first);
        List<ResponseInputItem> history = new ArrayList<>();
        history.add(ResponseInputItem.ofEasyInputMessage(com.openai.models.responses.EasyInputMessage.builder()
                .role(com.openai.models.responses.EasyInputMessage.Role.USER)
                .content("What is the weather in Lisbon?")
                .build()));
        for (ResponseOutputItem item : first.output()) {
            if (item.isFunctionCall()) {
                history.add(ResponseInputItem.ofFunctionCall(item.asFunctionCall()));
            } else if (item.isMessage()) {
                history.add(ResponseInputItem.ofResponseOutputMessage(item.asMessage()));
            } else if (item.isReasoning()) {
                history.add(ResponseInputItem.ofReasoning(item.asReasoning()));
            }
        }
        history.add(toolOutput(call));

        Response second = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .store(false)
                        .addTool(weatherTool())
                        .inputOfResponse(history)
                        .build());

        assertThat(text(second)).as("the answer uses the tool's result").contains("18 degrees and sunny");
        assertThatThrownBy(() -> team.client()
                        .responses()
                        .create(ResponseCreateParams.builder()
                                .model(MODEL)
                                .previousResponseId(first.id())
                                .input("And tomorrow?")
                                .build()))
                .as("a response made with store=false cannot be continued")
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void anotherTeamsResponseIsNotFound() {
        Response mine = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Hello")
                        .build());
        FundedTeam other = FundedTeam.create(port, "Responses other", "5.00");
        BigDecimal before = other.balance(jdbc);

        assertThatThrownBy(() -> other.client()
                        .responses()
                        .create(ResponseCreateParams.builder()
                                .model(MODEL)
                                .previousResponseId(mine.id())
                                .input("Go on")
                                .build()))
                .isInstanceOfSatisfying(
                        NotFoundException.class,
                        e -> assertThat(e.body().toString())
                                .as("the error's param names the field")
                                .contains("previous_response_id"));
        assertThat(other.balance(jdbc)).as("nothing held or charged").isEqualByComparingTo(before);
    }

    @Test
    void structuredOutputParsesIntoTheCallersClass() {
        StructuredResponse<City> response = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Name a large city")
                        .text(City.class)
                        .build());

        City city = response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .findFirst()
                .orElseThrow();
        assertThat(city.name).as("the simulator's JSON parses into the class").isNotBlank();
    }

    @Test
    void inputTokensAreCountedFreeAndIncludeAStoredConversation() {
        Response stored = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Tell me about the history of the printing press")
                        .build());
        BigDecimal before = team.balance(jdbc);

        long alone = team.client()
                .responses()
                .inputTokens()
                .count(InputTokenCountParams.builder()
                        .model(MODEL)
                        .input("And of paper?")
                        .build())
                .inputTokens();
        long continued = team.client()
                .responses()
                .inputTokens()
                .count(InputTokenCountParams.builder()
                        .model(MODEL)
                        .input("And of paper?")
                        .previousResponseId(stored.id())
                        .build())
                .inputTokens();

        assertThat(alone).isPositive();
        assertThat(continued)
                .as("the stored conversation counts too")
                .isGreaterThan(alone + stored.usage().orElseThrow().outputTokens() / 2);
        assertThat(team.balance(jdbc)).as("counting is free").isEqualByComparingTo(before);
    }

    @Test
    void aResponseIsChargedExactlyItsUsageRowInTheResponsesDialect() {
        FundedTeam payer = FundedTeam.create(port, "Responses payer", "5.00");

        payer.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Write a haiku about the sea")
                        .build());
        payer
                .client()
                .responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Write a haiku about the mountains")
                        .build())
                .stream()
                .forEach(event -> {});

        List<Map<String, Object>> rows = jdbc.sql(
                        "select dialect, total_cost, status from usage_record where team_id = ?::uuid")
                .param(payer.id())
                .query()
                .listOfRows();
        assertThat(rows).hasSize(2);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.get("dialect")).as("the caller's dialect").isEqualTo("responses");
            assertThat(row.get("status")).isEqualTo("SUCCEEDED");
        });
        BigDecimal cost =
                rows.stream().map(row -> (BigDecimal) row.get("total_cost")).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(cost).isPositive();
        assertThat(payer.balance(jdbc))
                .as("the balance drops by exactly the usage rows' cost")
                .isEqualByComparingTo(new BigDecimal("5.00").subtract(cost));
        new dev.tollgate.support.Books(jdbc).assertBooksBalance(payer.teamId());
    }

    private static ResponseCreateParams.Builder weatherQuestion() {
        return ResponseCreateParams.builder()
                .model(MODEL)
                .input("What is the weather in Lisbon?")
                .addTool(weatherTool())
                .toolChoice(com.openai.models.responses.ToolChoiceFunction.builder()
                        .name("get_weather")
                        .build());
    }

    private static FunctionTool weatherTool() {
        return FunctionTool.builder()
                .name("get_weather")
                .description("The weather in a city now")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("city", Map.of("type", "string"))))
                        .putAdditionalProperty("required", JsonValue.from(List.of("city")))
                        .build())
                .strict(false)
                .build();
    }

    private static ResponseFunctionToolCall onlyCall(Response response) {
        List<ResponseFunctionToolCall> calls = response.output().stream()
                .filter(ResponseOutputItem::isFunctionCall)
                .map(ResponseOutputItem::asFunctionCall)
                .toList();
        assertThat(calls)
                .as("one call of the named tool: %s", response.output())
                .hasSize(1);
        assertThat(calls.getFirst().name()).isEqualTo("get_weather");
        assertThat(JSON.readTree(calls.getFirst().arguments()).path("city").isString())
                .as("arguments to the schema: %s", calls.getFirst().arguments())
                .isTrue();
        return calls.getFirst();
    }

    private static ResponseInputItem toolOutput(ResponseFunctionToolCall call) {
        return ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                .callId(call.callId())
                .output("18 degrees and sunny")
                .build());
    }

    static String text(Response response) {
        return response.output().stream()
                .flatMap(item -> item.message().stream())
                .flatMap(message -> message.content().stream())
                .flatMap(content -> content.outputText().stream())
                .map(text -> text.text())
                .collect(Collectors.joining());
    }

    static String reasoning(Response response) {
        return response.output().stream()
                .flatMap(item -> item.reasoning().stream())
                .flatMap(reasoning -> reasoning.summary().stream())
                .map(summary -> summary.text())
                .collect(Collectors.joining());
    }

    private static List<String> shape(Response response) {
        return response.output().stream()
                .map(item -> item.isReasoning() ? "reasoning" : item.isMessage() ? "message" : "other")
                .toList();
    }

    private List<JsonNode> rawEvents(String body) throws Exception {
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/responses"))
                                .header("Authorization", "Bearer " + team.key())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        assertThat(response.statusCode()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        String name = null;
        for (String line : response.body().toList()) {
            if (line.startsWith("event: ")) {
                name = line.substring(7);
            } else if (line.startsWith("data: ")) {
                JsonNode event = JSON.readTree(line.substring(6));
                assertThat(event.path("type").asString())
                        .as("the event line names the event")
                        .isEqualTo(name);
                events.add(event);
            }
        }
        return events;
    }
}
