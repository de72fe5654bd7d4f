package dev.tollgate.provider;

import java.util.List;
import java.util.Objects;

/** One turn of the conversation. Tool results are user turns made of {@link ToolResultPart}s. */
public record ChatMessage(Role role, List<ContentPart> parts) {

    public enum Role {
        USER,
        ASSISTANT
    }

    public ChatMessage {
        Objects.requireNonNull(role);
        parts = List.copyOf(parts);
    }

    public static ChatMessage user(String text) {
        return new ChatMessage(Role.USER, List.of(new TextPart(text, false)));
    }

    public static ChatMessage assistant(String text) {
        return new ChatMessage(Role.ASSISTANT, List.of(new TextPart(text, false)));
    }
}
