package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ThinkingPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.UnsupportedFieldException;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The simulator thinks within its budget and the output cap, the same way each time, and checks what it signed. */
class SimulatorThinkingTests {

    private static final JtokkitTokenCounter COUNTER = new JtokkitTokenCounter();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String ENABLED = "{\"type\":\"enabled\",\"budget_tokens\":1024}";

    final SimulatorChatProvider simulator =
            new SimulatorChatProvider(SimulatorProperties.unpaced(), COUNTER, Clock.systemUTC());

    @Test
    void thinkingLeavesRoomForTheAnswerWithinMaxTokens() {
        Streamed reply = Streamed.drain(simulator.open(request(12, ENABLED, List.of(ChatMessage.user("Why tides?")))));

        long thinkingTokens = COUNTER.countText(thinking(reply));
        assertThat(thinkingTokens)
                .as("thinking is cut to leave the answer a token")
                .isBetween(1L, 11L);
        assertThat(reply.completed().usage().output())
                .as("thinking and answer together stay within max_tokens")
                .isLessThanOrEqualTo(12)
                .isEqualTo(thinkingTokens + COUNTER.countText(reply.text()));
        assertThat(reply.completed().reasoningTokens())
                .as("the thinking tokens are reported apart")
                .isEqualTo(thinkingTokens);
    }

    @Test
    void withoutBeingAskedOrWithThinkingDisabledItDoesNotThink() {
        for (String thinking : new String[] {null, "{\"type\":\"disabled\"}"}) {
            Streamed reply = Streamed.drain(simulator.open(request(400, thinking, List.of(ChatMessage.user("Hi")))));

            assertThat(reply.count(ChatEvent.ThinkingDelta.class) + reply.count(ChatEvent.ThinkingSigned.class))
                    .as("no thinking for %s", thinking)
                    .isZero();
            assertThat(reply.completed().reasoningTokens()).isZero();
        }
    }

    @Test
    void theSameRequestThinksTheSameAndItsSignatureHoldsWhileATamperedOneIsRefused() {
        ChatRequest ask = request(400, ENABLED, List.of(ChatMessage.user("How do glaciers move?")));
        Streamed first = Streamed.drain(simulator.open(ask));
        Streamed again = Streamed.drain(simulator.open(ask));
        assertThat(again.events()).as("deterministic, signature included").isEqualTo(first.events());
        String signature = first.events().stream()
                .filter(ChatEvent.ThinkingSigned.class::isInstance)
                .map(event -> ((ChatEvent.ThinkingSigned) event).signature())
                .findFirst()
                .orElseThrow();

        simulator.admit(echoing(ThinkingPart.readable(thinking(first), signature)));

        assertThatThrownBy(() -> simulator.admit(echoing(ThinkingPart.readable(thinking(first) + "!", signature))))
                .isInstanceOf(UnsupportedFieldException.class)
                .hasMessage("messages.1.content.0: Invalid `signature` in `thinking` block");
        assertThatThrownBy(() -> new SimulatorChatProvider(SimulatorProperties.unpaced(), COUNTER, Clock.systemUTC())
                        .admit(echoing(ThinkingPart.readable(thinking(first), signature))))
                .as("a signature made under another key does not hold")
                .isInstanceOf(UnsupportedFieldException.class);
    }

    private static ChatRequest echoing(ThinkingPart thinking) {
        return request(
                400,
                ENABLED,
                List.of(
                        ChatMessage.user("How do glaciers move?"),
                        new ChatMessage(ChatMessage.Role.ASSISTANT, List.of(thinking, new TextPart("Slowly.", false))),
                        ChatMessage.user("Go on")));
    }

    private static String thinking(Streamed reply) {
        return reply.events().stream()
                .filter(ChatEvent.ThinkingDelta.class::isInstance)
                .map(event -> ((ChatEvent.ThinkingDelta) event).text())
                .collect(Collectors.joining());
    }

    private static ChatRequest request(int maxTokens, String thinking, List<ChatMessage> messages) {
        RequestExtras extras = thinking == null
                ? RequestExtras.none(Dialect.ANTHROPIC)
                : new RequestExtras(Dialect.ANTHROPIC, Map.of("thinking", JSON.readTree(thinking)), Map.of());
        return new ChatRequest(
                new ModelId("simulator/test-model"),
                List.of(),
                messages,
                List.of(),
                ToolChoice.AUTO,
                maxTokens,
                null,
                List.of(),
                false,
                "team-1",
                extras);
    }
}
