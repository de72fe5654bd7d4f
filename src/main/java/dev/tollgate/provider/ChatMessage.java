package dev.tollgate.provider;

import java.util.List;
import java.util.Objects;

/**
 * One turn of the conversation. Tool results are user turns made of {@link ToolResultPart}s; a system turn holds
 * instructions given mid-conversation, in their place, and only {@link TextPart}s.
 */
public record ChatMessage(Role role, List<ContentPart> parts) {

    public enum Role {
        USER,
        ASSISTANT,
        /** Anthropic's mid-conversation system message: instructions that apply from where they stand. */
        SYSTEM
    }

    public ChatMessage {
        Objects.requireNonNull(role);
        parts = List.copyOf(parts);
        if (role == Role.SYSTEM && !parts.stream().allMatch(TextPart.class::isInstance)) {
            throw new IllegalArgumentException("a system turn holds text only");
        }
    }

    public boolean isSystem() {
        return role == Role.SYSTEM;
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, List.of(new TextPart(text, false)));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, List.of(new TextPart(text, false)));
    }
}
