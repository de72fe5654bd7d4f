package dev.tollgate.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;

class ConverseEventStreamTests {

    private final EventBridge bridge = new EventBridge();
    private final ConverseEventStream stream = new ConverseEventStream(
            bridge,
            CompletableFuture.completedFuture(null),
            new ConverseEventStream.Expectations(10, List.of(), Duration.ofSeconds(5)),
            new JtokkitTokenCounter());

    @Test
    void theNextEventIsReadyOnlyWhenBedrockHasSentSomethingToPassOn() {
        assertThat(stream.nextEventReady()).as("nothing has arrived").isFalse();

        bridge.onNext(ConverseStreamOutput.messageStartBuilder()
                .role(ConversationRole.ASSISTANT)
                .build());
        bridge.onNext(text("Hello"));
        assertThat(stream.nextEventReady())
                .as("a delta has arrived behind the message start")
                .isTrue();
        assertThat(stream.next()).isEqualTo(new ChatEvent.TextDelta("Hello"));

        bridge.onNext(ConverseStreamOutput.contentBlockStopBuilder()
                .contentBlockIndex(0)
                .build());
        assertThat(stream.nextEventReady())
                .as("a block's end gives the caller nothing, so the reader would wait")
                .isFalse();

        bridge.onNext(text(" there"));
        assertThat(stream.nextEventReady()).isTrue();
        assertThat(stream.hasNext()).isTrue();
        assertThat(stream.next()).isEqualTo(new ChatEvent.TextDelta(" there"));
    }

    private static ConverseStreamOutput text(String text) {
        return ConverseStreamOutput.contentBlockDeltaBuilder()
                .contentBlockIndex(0)
                .delta(ContentBlockDelta.fromText(text))
                .build();
    }
}
