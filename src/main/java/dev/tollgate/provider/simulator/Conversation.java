package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolResultPart;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** What the simulator reads from the message history: the caller's latest words and any tool result to answer. */
record Conversation(List<ChatMessage> messages) {

    /** The text of the latest user message that has any: the question being answered, even after a tool round trip. */
    String lastUserText() {
        for (ChatMessage message : messages.reversed()) {
            if (message.role() == ChatMessage.Role.USER) {
                String text = message.parts().stream()
                        .filter(TextPart.class::isInstance)
                        .map(part -> ((TextPart) part).text())
                        .collect(Collectors.joining("\n"));
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return "";
    }

    boolean lastMessageHasImage() {
        return lastParts().stream().anyMatch(ImagePart.class::isInstance);
    }

    /** The tool results the conversation ends with, which the reply must then answer in text. */
    List<ToolResultPart> pendingToolResults() {
        return lastParts().stream()
                .filter(ToolResultPart.class::isInstance)
                .map(ToolResultPart.class::cast)
                .toList();
    }

    /** The name of the tool the assistant called with this id, if the history still holds that call. */
    Optional<String> toolNameOf(String toolCallId) {
        return messages.stream()
                .flatMap(message -> message.parts().stream())
                .filter(ToolCallPart.class::isInstance)
                .map(ToolCallPart.class::cast)
                .filter(call -> call.id().equals(toolCallId))
                .map(ToolCallPart::name)
                .findFirst();
    }

    private List<ContentPart> lastParts() {
        return messages.isEmpty() ? List.of() : messages.getLast().parts();
    }
}
