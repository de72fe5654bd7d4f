package dev.tollgate.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.core.JsonValue;
import com.openai.core.ObjectMappers;
import com.openai.core.http.HttpResponseFor;
import com.openai.core.http.StreamResponse;
import com.openai.models.responses.FunctionTool;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseFunctionWebSearch;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseOutputItem;
import com.openai.models.responses.ResponseStreamEvent;
import com.openai.models.responses.WebSearchTool;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.ResponsesReplies;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamStandIn;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /v1/responses} through the gateway to a channel that speaks the Responses API, with the official Java SDK:
 * whole and streamed replies are the upstream's own (the response id and model aside), a hosted tool's output item
 * reaches the caller, the caller pays for the usage the upstream reported, and a stored conversation continued with
 * {@code previous_response_id} reaches the upstream written out as items, never as the gateway's id.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RelayedResponsesTests {

    static final String MODEL = "aws/qwen3-codex";
    static final String UPSTREAM_MODEL = "gpt-5-codex";
    static final String CHANNEL = "responses-upstream";
    static final String UPSTREAM_KEY = "sk-responses-upstream-5ecret";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    final UpstreamStandIn upstream = new UpstreamStandIn();
    FundedTeam team;

    @BeforeEach
    void aChannelThatSpeaksResponses() {
        new TestChannels(channelService, actors)
                .addSpeakingResponses(CHANNEL, upstream.baseUrl("/v1"), UPSTREAM_KEY, Map.of(MODEL, UPSTREAM_MODEL));
        team = FundedTeam.create(port, "Relayed", "20.00");
    }

    @AfterEach
    void removeTheChannel() {
        new TestChannels(channelService, actors).removeAll();
        upstream.reset();
    }

    @AfterAll
    void stopTheUpstream() {
        upstream.close();
    }

    @Test
    void aWholeReplyIsTheUpstreamsOwnWithTheGatewaysIdAndTheCallersModel() {
        ResponsesReplies.Script script = ResponsesReplies.reply("resp_upstream_1", UPSTREAM_MODEL)
                .reasoning("rs_1", "gAAAAB-upstream-reasoning==", "Checking ", "the tests")
                .text("msg_1", "All ", "green.");
        upstream.on("POST", "/v1/responses", script.completed(ResponsesReplies.usage(900, 400, 60, 20)));
        ObjectNode upstreamResponse = terminalResponse(script);

        Response response = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Do the tests pass?")
                        .build());

        assertThat(response.id()).startsWith("resp_").isNotEqualTo("resp_upstream_1");
        assertThat(response.model().asString())
                .as("the model as the caller named it")
                .isEqualTo(MODEL);
        ObjectNode received = json(response);
        assertThat(received.get("output"))
                .as("the items exactly as the upstream made them, encrypted reasoning included")
                .isEqualTo(upstreamResponse.get("output"));
        assertThat(received.get("usage")).isEqualTo(upstreamResponse.get("usage"));
        assertThat(text(response)).isEqualTo("All green.");
        UpstreamStandIn.Received request = upstream.last();
        assertThat(request.header("authorization")).isEqualTo("Bearer " + UPSTREAM_KEY);
        JsonNode sent = JSON.readTree(request.bodyText());
        assertThat(sent.get("model").asString()).isEqualTo(UPSTREAM_MODEL);
        assertThat(sent.get("stream").asBoolean())
                .as("always streamed upstream")
                .isTrue();
        assertThat(sent.get("store").asBoolean())
                .as("the gateway keeps the state")
                .isFalse();
        assertThat(request.bodyText()).doesNotContain(team.key());
    }

    @Test
    void aStreamedReplyIsTheUpstreamsEventsInOrderWithOnlyTheResponseMadeTheGateways() {
        ResponsesReplies.Script script = ResponsesReplies.reply("resp_upstream_2", UPSTREAM_MODEL)
                .reasoning("rs_1", "gAAAAB-upstream-reasoning==", "Thinking")
                .functionCall("fc_1", "call_1", "shell", "{\"cmd\":", "\"mvn test\"}")
                .text("msg_1", "Running ", "the tests.");
        upstream.on("POST", "/v1/responses", script.completed(ResponsesReplies.usage(300, 0, 45, 10)));
        // read by the SDK too, so that both sides are compared as the SDK reads them (it reads created_at as a double)
        List<ObjectNode> sentByUpstream = script.events().stream()
                .map(event -> json(sdkEvent(ResponsesReplies.data(event))))
                .toList();

        List<ObjectNode> streamed = new ArrayList<>();
        try (StreamResponse<ResponseStreamEvent> stream = team.client()
                .responses()
                .createStreaming(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Run the tests")
                        .addTool(shellTool())
                        .build())) {
            stream.stream().forEach(event -> streamed.add(json(event)));
        }

        assertThat(streamed).hasSameSizeAs(sentByUpstream);
        String gatewayId = streamed.getFirst().at("/response/id").asString();
        assertThat(gatewayId).startsWith("resp_").isNotEqualTo("resp_upstream_2");
        for (int i = 0; i < streamed.size(); i++) {
            ObjectNode event = streamed.get(i);
            ObjectNode expected = sentByUpstream.get(i).deepCopy();
            if (event.get("response") instanceof ObjectNode response) {
                assertThat(response.get("id").asString())
                        .as("event %d's response id", i)
                        .isEqualTo(gatewayId);
                assertThat(response.get("model").asString()).isEqualTo(MODEL);
                for (String owned : List.of("id", "model", "previous_response_id", "store")) {
                    response.remove(owned);
                    ((ObjectNode) expected.get("response")).remove(owned);
                }
            }
            assertThat(event).as("event %d as the upstream sent it", i).isEqualTo(expected);
        }
    }

    @Test
    void aHostedToolsOutputItemReachesTheCallerAndTheToolIsNotLeftOut() {
        ResponsesReplies.Script script = ResponsesReplies.reply("resp_upstream_3", UPSTREAM_MODEL)
                .webSearch("ws_1", "tollgate ai gateway")
                .text("msg_1", "Tollgate is a gateway.");
        upstream.on("POST", "/v1/responses", script.completed(ResponsesReplies.usage(200, 0, 20, 0)));

        HttpResponseFor<Response> answer = team.client()
                .responses()
                .withRawResponse()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("What is Tollgate?")
                        .addTool(WebSearchTool.builder()
                                .type(WebSearchTool.Type.WEB_SEARCH)
                                .build())
                        .build());
        Response response = answer.parse();

        ResponseOutputItem first = response.output().getFirst();
        assertThat(first.isWebSearchCall()).as("output: %s", response.output()).isTrue();
        ResponseFunctionWebSearch search = first.asWebSearchCall();
        assertThat(search.id()).isEqualTo("ws_1");
        assertThat(search.action().asSearch().query()).hasValue("tollgate ai gateway");
        assertThat(answer.headers().names())
                .as("nothing was left out for this channel")
                .noneMatch(name -> name.equalsIgnoreCase("x-tollgate-omitted-tools"));
        assertThat(JSON.readTree(upstream.last().bodyText()).get("tools"))
                .as("the hosted tool went to the upstream as the caller sent it")
                .containsExactly(JSON.readTree("{\"type\":\"web_search\"}"));
    }

    @Test
    void theCallerPaysForTheUsageTheUpstreamReported() {
        ResponsesReplies.Script script =
                ResponsesReplies.reply("resp_upstream_4", UPSTREAM_MODEL).text("msg_1", "Paid for.");
        upstream.on("POST", "/v1/responses", script.completed(ResponsesReplies.usage(1000, 600, 250, 200)));
        FundedTeam payer = FundedTeam.create(port, "RelayPayer", "5.00");

        payer.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Say something")
                        .build());

        Map<String, Object> row = jdbc.sql("""
                        select dialect, channel, status, input_tokens, cache_read_tokens, output_tokens,
                               total_cost, finish_reason
                        from usage_record where team_id = ?::uuid""").param(payer.id()).query().singleRow();
        assertThat(row.get("dialect")).isEqualTo("responses");
        assertThat(row.get("channel")).isEqualTo(CHANNEL);
        assertThat(row.get("status")).isEqualTo("SUCCEEDED");
        assertThat(row.get("input_tokens")).as("input less the cached part").isEqualTo(400L);
        assertThat(row.get("cache_read_tokens")).isEqualTo(600L);
        assertThat(row.get("output_tokens"))
                .as("reasoning included, as OpenAI counts it")
                .isEqualTo(250L);
        BigDecimal cost = (BigDecimal) row.get("total_cost");
        assertThat(cost).isPositive();
        assertThat(payer.balance(jdbc))
                .as("the balance drops by exactly the usage row's cost")
                .isEqualByComparingTo(new BigDecimal("5.00").subtract(cost));
        new Books(jdbc).assertBooksBalance(payer.teamId());
    }

    @Test
    void aContinuedConversationReachesTheUpstreamAsItemsAndNeverAsTheGatewaysId() {
        upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_upstream_5", UPSTREAM_MODEL)
                        .reasoning("rs_1", "gAAAAB-first-turn-reasoning==", "Need to run them")
                        .functionCall("fc_1", "call_1", "shell", "{\"cmd\":\"mvn test\"}")
                        .completed(ResponsesReplies.usage(100, 0, 30, 12)),
                ResponsesReplies.reply("resp_upstream_6", UPSTREAM_MODEL)
                        .text("msg_2", "They pass.")
                        .completed(ResponsesReplies.usage(180, 0, 5, 0)));
        Response first = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .input("Run the tests")
                        .addTool(shellTool())
                        .build());

        Response second = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model(MODEL)
                        .previousResponseId(first.id())
                        .addTool(shellTool())
                        .inputOfResponse(List.of(
                                ResponseInputItem.ofFunctionCallOutput(ResponseInputItem.FunctionCallOutput.builder()
                                        .callId("call_1")
                                        .output("BUILD SUCCESS")
                                        .build())))
                        .build());

        assertThat(text(second)).isEqualTo("They pass.");
        UpstreamStandIn.Received continued = upstream.last();
        assertThat(continued.bodyText())
                .as("the gateway's response id never leaves it")
                .doesNotContain(first.id());
        JsonNode sent = JSON.readTree(continued.bodyText());
        assertThat(sent.has("previous_response_id")).isFalse();
        List<String> items = new ArrayList<>();
        for (JsonNode item : sent.get("input")) {
            items.add(item.path("type").asString("message") + " "
                    + item.path("call_id").asString(item.path("id").asString("")));
        }
        assertThat(items)
                .as("the first turn's input and output, then the new input")
                .containsExactly("message ", "reasoning rs_1", "function_call call_1", "function_call_output call_1");
        JsonNode reasoning = sent.get("input").get(1);
        assertThat(reasoning.get("encrypted_content").asString())
                .as("the upstream's encrypted reasoning handed back verbatim")
                .isEqualTo("gAAAAB-first-turn-reasoning==");
    }

    private static FunctionTool shellTool() {
        return FunctionTool.builder()
                .name("shell")
                .description("Runs a shell command")
                .parameters(FunctionTool.Parameters.builder()
                        .putAdditionalProperty("type", JsonValue.from("object"))
                        .putAdditionalProperty("properties", JsonValue.from(Map.of("cmd", Map.of("type", "string"))))
                        .build())
                .strict(false)
                .build();
    }

    /** The text of the reply's messages, as the SDK read it. */
    private static String text(Response response) {
        StringBuilder text = new StringBuilder();
        for (ResponseOutputItem item : response.output()) {
            if (item.isMessage()) {
                item.asMessage()
                        .content()
                        .forEach(part -> part.outputText().ifPresent(output -> text.append(output.text())));
            }
        }
        return text.toString();
    }

    /** The response the upstream's terminal event carried. */
    private static ObjectNode terminalResponse(ResponsesReplies.Script script) {
        return (ObjectNode) ResponsesReplies.data(script.events().getLast()).get("response");
    }

    /** An upstream event as the SDK reads it. */
    private static ResponseStreamEvent sdkEvent(ObjectNode event) {
        try {
            return ObjectMappers.jsonMapper().readValue(event.toString(), ResponseStreamEvent.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the SDK read, as JSON: every field it received, known to it or not. */
    private static ObjectNode json(Object sdkValue) {
        try {
            return (ObjectNode) JSON.readTree(ObjectMappers.jsonMapper().writeValueAsString(sdkValue));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
