package dev.tollgate.provider;

import org.jspecify.annotations.Nullable;

/** Whether and which tool the model must call: OpenAI's none/auto/required/function, Anthropic's none/auto/any/tool. */
public record ToolChoice(Mode mode, @Nullable String toolName) {

    public enum Mode {
        NONE,
        AUTO,
        /** Some tool must be called (OpenAI {@code required}, Anthropic {@code any}). */
        REQUIRED,
        /** The named tool must be called. */
        NAMED
    }

    public static final ToolChoice AUTO = new ToolChoice(Mode.AUTO, null);
    public static final ToolChoice NONE = new ToolChoice(Mode.NONE, null);
    public static final ToolChoice REQUIRED = new ToolChoice(Mode.REQUIRED, null);

    public ToolChoice {
        if ((mode == Mode.NAMED) != (toolName != null)) {
            throw new IllegalArgumentException("Only a NAMED tool choice carries a tool name");
        }
    }

    public static ToolChoice named(String name) {
        return new ToolChoice(Mode.NAMED, name);
    }
}
