package dev.tollgate.provider;

import java.util.List;
import java.util.Optional;
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

    /**
     * Why no model could honour this choice with these tools, if none could: a call is demanded but no tool is defined,
     * or the named tool is not among them. Phrased to follow the field's name.
     */
    public Optional<String> conflictWith(List<ToolDefinition> tools) {
        return switch (mode) {
            case NONE, AUTO -> Optional.empty();
            case REQUIRED ->
                tools.isEmpty()
                        ? Optional.of("demands a tool call, but the request defines no tools")
                        : Optional.empty();
            case NAMED ->
                tools.stream().anyMatch(tool -> tool.name().equals(toolName))
                        ? Optional.empty()
                        : Optional.of("names the tool '" + toolName + "', which is not among the request's tools"
                                + (tools.isEmpty()
                                        ? " (it defines none)"
                                        : " ("
                                                + String.join(
                                                        ", ",
                                                        tools.stream()
                                                                .map(ToolDefinition::name)
                                                                .toList())
                                                + ")"));
        };
    }
}
