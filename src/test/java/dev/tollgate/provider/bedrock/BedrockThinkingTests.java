package dev.tollgate.provider.bedrock;

import static dev.tollgate.provider.bedrock.ConverseWire.blockStop;
import static dev.tollgate.provider.bedrock.ConverseWire.event;
import static dev.tollgate.provider.bedrock.ConverseWire.messageStart;
import static dev.tollgate.provider.bedrock.ConverseWire.messageStop;
import static dev.tollgate.provider.bedrock.ConverseWire.metadata;
import static dev.tollgate.provider.bedrock.ConverseWire.stream;
import static dev.tollgate.provider.bedrock.ConverseWire.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolChoice;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Thinking on Bedrock's Anthropic models: Converse's reasoning content comes back as thinking with its signature and
 * redacted thinking as base64 data, goes back in the history as it came, and {@code thinking} itself travels in
 * {@code additionalModelRequestFields}.
 */
class BedrockThinkingTests extends BedrockStandInFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SIGNATURE = "EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds";
    /** "opaque" as bytes, which Anthropic's API carries as base64 text. */
    private static final String REDACTED = "b3BhcXVl";

    @Test
    void reasoningDeltasBecomeThinkingWithItsSignatureAndRedactedThinkingAsBase64() {
        standIn.on(
                "POST",
                PATH,
                stream(
                        List.of(
                                messageStart(),
                                reasoning(0, "{\"text\":\"Two plus two\"}"),
                                reasoning(0, "{\"text\":\" is four.\"}"),
                                reasoning(0, "{\"signature\":\"" + SIGNATURE + "\"}"),
                                blockStop(0),
                                reasoning(1, "{\"redactedContent\":\"" + REDACTED + "\"}"),
                                blockStop(1),
                                text(2, "4"),
                                blockStop(2),
                                messageStop("end_turn"),
                                metadata(12, 30, 0, 0)),
                        Duration.ZERO));

        List<ChatEvent> events = drain(channel.open(ask("2+2?")));

        assertThat(events)
                .as("thinking, its signature, the redacted block and the answer, in order")
                .containsExactly(
                        new ChatEvent.ThinkingDelta("Two plus two"),
                        new ChatEvent.ThinkingDelta(" is four."),
                        new ChatEvent.ThinkingSigned(SIGNATURE),
                        new ChatEvent.RedactedThinking(REDACTED),
                        new ChatEvent.TextDelta("4"),
                        new ChatEvent.Completed(FinishReason.END_TURN, null, new TokenCounts(12, 30, 0, 0)));
    }

    @Test
    void thinkingInTheHistoryGoesBackAsReasoningContentWithThinkingInAdditionalFields() {
        standIn.on("POST", PATH, stream(ConverseWire.textReply(List.of("8"), "end_turn", 20, 1), Duration.ZERO));
        JsonNode thinking = JSON.readTree("{\"type\":\"enabled\",\"budget_tokens\":1024}");
        ChatRequest request = new ChatRequest(
                MODEL,
                List.of(),
                List.of(
                        ChatMessage.user("2+2?"),
                        new ChatMessage(
                                ChatMessage.Role.ASSISTANT,
                                List.of(
                                        ThinkingPart.readable("Two plus two is four.", SIGNATURE),
                                        ThinkingPart.redacted(REDACTED),
                                        new TextPart("4", false))),
                        ChatMessage.user("And 4+4?")),
                List.of(),
                ToolChoice.AUTO,
                2048,
                null,
                List.of(),
                false,
                "team-1",
                new RequestExtras(Dialect.ANTHROPIC, Map.of("thinking", thinking), Map.of()));

        channel.admit(request);
        drain(channel.open(request));

        JsonNode body = JSON.readTree(standIn.last().body());
        assertThat(body.path("messages").path(1).path("content"))
                .as("the thinking goes back as Converse reasoning content, signature and bytes as they came")
                .isEqualTo(
                        JSON.readTree("[{\"reasoningContent\":{\"reasoningText\":{\"text\":\"Two plus two is four.\","
                                + "\"signature\":\"" + SIGNATURE + "\"}}},"
                                + "{\"reasoningContent\":{\"redactedContent\":\"" + REDACTED + "\"}},"
                                + "{\"text\":\"4\"}]"));
        assertThat(body.path("additionalModelRequestFields").path("thinking"))
                .as("Anthropic's thinking switch travels among the model's own fields")
                .isEqualTo(thinking);
    }

    private static byte[] reasoning(int block, String delta) {
        return event(
                "contentBlockDelta",
                "{\"contentBlockIndex\":" + block + ",\"delta\":{\"reasoningContent\":" + delta + "},\"p\":\"ab\"}");
    }
}
