package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Everything a stream delivered, read to the end. */
record Streamed(List<ChatEvent> events) {

    static Streamed drain(ChatStream stream) {
        List<ChatEvent> events = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(events::add);
        }
        return new Streamed(events);
    }

    String text() {
        return events.stream()
                .filter(ChatEvent.TextDelta.class::isInstance)
                .map(event -> ((ChatEvent.TextDelta) event).text())
                .collect(Collectors.joining());
    }

    String toolArguments() {
        return events.stream()
                .filter(ChatEvent.ToolCallArgumentsDelta.class::isInstance)
                .map(event -> ((ChatEvent.ToolCallArgumentsDelta) event).jsonFragment())
                .collect(Collectors.joining());
    }

    List<ChatEvent.ToolCallStarted> toolCalls() {
        return events.stream()
                .filter(ChatEvent.ToolCallStarted.class::isInstance)
                .map(ChatEvent.ToolCallStarted.class::cast)
                .toList();
    }

    long count(Class<? extends ChatEvent> type) {
        return events.stream().filter(type::isInstance).count();
    }

    ChatEvent.Completed completed() {
        assertThat(events).as("a stream ends with exactly one Completed event").isNotEmpty();
        assertThat(events.getLast()).isInstanceOf(ChatEvent.Completed.class);
        assertThat(count(ChatEvent.Completed.class)).isEqualTo(1);
        return (ChatEvent.Completed) events.getLast();
    }
}
