package dev.tollgate.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.gateway.wire.SseStream;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.FinishReason;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reply from a channel that speaks Responses reaches the caller as the upstream streamed it, owned by the gateway
 * (its response id, the caller's model); a reply built from canonical events is told by the gateway's own chain.
 */
class ResponsesReplyTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void relayedEventsAreForwardedWithTheGatewaysIdAndModelAndTheCanonicalOnesAreNotRetold() throws Exception {
        MockHttpServletResponse http = new MockHttpServletResponse();
        AtomicBoolean headerNamed = new AtomicBoolean();
        ResponsesReply reply =
                new ResponsesReply(JSON, shell(), false, new SseStream(http, JSON), () -> headerNamed.set(true));
        ObjectNode upstreamResponse = JSON.createObjectNode()
                .put("id", "resp_upstream")
                .put("model", "gpt-upstream")
                .put("status", "completed")
                .put("store", false);

        reply.onEvent(new ChatEvent.Relayed(
                event("response.created", 0, upstreamResponse.deepCopy().put("status", "in_progress"))));
        reply.onEvent(new ChatEvent.Relayed((ObjectNode)
                JSON.readTree("{\"type\":\"response.output_text.delta\",\"sequence_number\":1,\"item_id\":\"msg_up\","
                        + "\"output_index\":0,\"content_index\":0,\"delta\":\"Hi\"}")));
        reply.onEvent(new ChatEvent.TextDelta("Hi"));
        reply.onEvent(new ChatEvent.Relayed(event("response.completed", 2, upstreamResponse)));
        reply.onEvent(new ChatEvent.Completed(FinishReason.END_TURN, null, new TokenCounts(5, 1, 0, 0)));

        List<JsonNode> sent = events(http);
        assertThat(sent)
                .extracting(e -> e.path("type").asString())
                .as("only the upstream's events, once each")
                .containsExactly("response.created", "response.output_text.delta", "response.completed");
        assertThat(sent).extracting(e -> e.path("sequence_number").asInt()).containsExactly(0, 1, 2);
        JsonNode completed = sent.getLast().path("response");
        assertThat(completed.path("id").asString()).as("the gateway's id").isEqualTo("resp_abc");
        assertThat(completed.path("model").asString()).as("the model as asked").isEqualTo("aws/some-model");
        assertThat(completed.path("store").asBoolean())
                .as("the caller's store setting")
                .isTrue();
        assertThat(reply.finished()).as("the relayed response is what is kept").isEqualTo(completed);
        assertThat(reply.relayed()).isTrue();
        assertThat(headerNamed)
                .as("a relayed reply names no omitted tools: the upstream had them")
                .isFalse();
    }

    @Test
    void aBuiltReplyEndsAFailureMidStreamWithAnErrorAndAFailedResponse() throws Exception {
        MockHttpServletResponse http = new MockHttpServletResponse();
        AtomicBoolean headerNamed = new AtomicBoolean();
        ResponsesReply reply =
                new ResponsesReply(JSON, shell(), false, new SseStream(http, JSON), () -> headerNamed.set(true));

        reply.onEvent(new ChatEvent.TextDelta("Half a sen"));
        reply.onFailure("connection reset");

        List<JsonNode> sent = events(http);
        assertThat(sent)
                .extracting(e -> e.path("type").asString())
                .containsExactly(
                        "response.created",
                        "response.in_progress",
                        "response.output_item.added",
                        "response.content_part.added",
                        "response.output_text.delta",
                        "response.output_text.done",
                        "response.content_part.done",
                        "response.output_item.done",
                        "error",
                        "response.failed");
        JsonNode failed = sent.getLast().path("response");
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(failed.path("error").path("message").asString()).contains("connection reset");
        assertThat(failed.path("output").get(0).path("status").asString())
                .as("the message cut short")
                .isEqualTo("incomplete");
        assertThat(headerNamed).as("a built reply names what it left out").isTrue();
    }

    private static ResponseShell shell() {
        ObjectNode echo = JSON.createObjectNode().put("store", true).putNull("previous_response_id");
        return new ResponseShell(JSON, "resp_abc", 1_700_000_000L, "aws/some-model", echo);
    }

    private static ObjectNode event(String type, int sequence, ObjectNode response) {
        ObjectNode event = JSON.createObjectNode().put("type", type).put("sequence_number", sequence);
        event.set("response", response);
        return event;
    }

    private static List<JsonNode> events(MockHttpServletResponse http) throws Exception {
        List<JsonNode> events = new ArrayList<>();
        for (String line : http.getContentAsString().split("\n")) {
            if (line.startsWith("data: ")) {
                events.add(JSON.readTree(line.substring(6)));
            }
        }
        return events;
    }
}
