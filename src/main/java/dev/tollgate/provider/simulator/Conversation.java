package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ContentPart;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolResultPart;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the simulator reads from the message history: the caller's latest words, the instructions given after them in
 * system turns, and any tool result to answer. System turns are instructions, not turns of the dialogue, so the
 * dialogue "ends" with the last user or assistant turn before them.
 */
record Conversation(List<ChatMessage> messages) {

    /**
     * The text of the latest user message that has any: the question being answered, even after a tool round trip. Only
     * its first {@code longest} characters are read.
     */
    String lastUserText(int longest) {
        for (ChatMessage message : messages.reversed()) {
            if (message.role() == ChatMessage.Role.USER) {
                String text = textOf(message, longest);
                if (!text.isBlank()) {
                    return text;
                }
            }
        }
        return "";
    }

    /**
     * The text of the system turns after the latest user turn: instructions for the reply being asked for. Only their
     * first {@code longest} characters are read.
     */
    String instructionsSinceLastUser(int longest) {
        StringBuilder text = new StringBuilder();
        for (ChatMessage message : messages.reversed()) {
            if (message.role() == ChatMessage.Role.USER) {
                break;
            }
            if (message.isSystem() && text.length() < longest) {
                String words = textOf(message, longest - text.length());
                text.insert(0, text.isEmpty() ? words : words + "\n");
            }
        }
        return text.toString();
    }

    private static String textOf(ChatMessage message, int longest) {
        StringBuilder text = new StringBuilder();
        boolean first = true;
        for (ContentPart part : message.parts()) {
            if (part instanceof TextPart(String words, boolean _, var _)) {
                if (!first) {
                    text.append('\n');
                }
                text.append(words, 0, Math.min(words.length(), Math.max(0, longest - text.length())));
                first = false;
                if (text.length() >= longest) {
                    break;
                }
            }
        }
        return text.toString();
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

    /** The names of the tools the assistant called, by call id, as far as the history still holds the calls. */
    Map<String, String> toolNames() {
        Map<String, String> names = new HashMap<>();
        for (ChatMessage message : messages) {
            for (ContentPart part : message.parts()) {
                if (part instanceof ToolCallPart call) {
                    names.putIfAbsent(call.id(), call.name());
                }
            }
        }
        return names;
    }

    private List<ContentPart> lastParts() {
        for (ChatMessage message : messages.reversed()) {
            if (!message.isSystem()) {
                return message.parts();
            }
        }
        return List.of();
    }
}
