package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.UpstreamException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether the simulated model calls a tool, and which: the named one when the caller insists, one the latest user
 * message mentions by name, one that takes commands when that message asks to run one ({@link QuotedCommand},
 * {@link CommandParameter}), or the first one when some call is required. It never calls a tool right after receiving
 * tool results (it answers them instead), nor when tool choice is {@code NONE}. Mentions are looked for among the
 * first {@value #MOST_MENTIONABLE} tools (as many as OpenAI accepts in a request), since each is a search of the text.
 */
final class ToolSelection {

    private static final int MOST_MENTIONABLE = 128;

    private ToolSelection() {}

    /**
     * The tool to call, if any, given the latest user message's {@code userText} and whether it asks to run a command.
     */
    static Optional<ToolDefinition> choose(
            ChatRequest request, Conversation conversation, String userText, boolean asksToRunACommand) {
        if (request.tools().isEmpty() || !conversation.pendingToolResults().isEmpty()) {
            return Optional.empty();
        }
        return switch (request.toolChoice().mode()) {
            case NONE -> Optional.empty();
            case AUTO -> mentioned(request, userText).or(() -> commandRunner(request, asksToRunACommand));
            case REQUIRED ->
                mentioned(request, userText)
                        .or(() -> commandRunner(request, asksToRunACommand))
                        .or(() -> Optional.of(request.tools().getFirst()));
            case NAMED ->
                Optional.of(named(request, String.valueOf(request.toolChoice().toolName())));
        };
    }

    private static ToolDefinition named(ChatRequest request, String name) {
        return request.tools().stream()
                .filter(tool -> tool.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new UpstreamException(
                        "tool_choice names the tool " + name + ", which the request does not define",
                        false,
                        400,
                        null));
    }

    private static Optional<ToolDefinition> mentioned(ChatRequest request, String userText) {
        return request.tools().stream()
                .limit(MOST_MENTIONABLE)
                .filter(tool -> mentions(userText, tool.name()))
                .findFirst();
    }

    private static Optional<ToolDefinition> commandRunner(ChatRequest request, boolean asksToRunACommand) {
        if (!asksToRunACommand) {
            return Optional.empty();
        }
        return request.tools().stream()
                .limit(MOST_MENTIONABLE)
                .filter(tool -> CommandParameter.of(tool).isPresent())
                .findFirst();
    }

    /** The name as a whole word, or with its underscores and dashes read as spaces ("get weather"). */
    private static boolean mentions(String text, String name) {
        String spoken = name.replace('_', ' ').replace('-', ' ');
        return containsWord(text, name) || (!spoken.equals(name) && containsWord(text, spoken));
    }

    private static boolean containsWord(String text, String word) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(word) + "(?![A-Za-z0-9_])", Pattern.CASE_INSENSITIVE)
                .matcher(text)
                .find();
    }
}
