package dev.tollgate.provider.simulator;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.CacheTtl;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Chat requests for the simulator's tests: a user question with generous limits unless a test says otherwise. */
final class Requests {

    private final List<TextPart> system = new ArrayList<>();
    private final List<ChatMessage> messages = new ArrayList<>();
    private final List<ToolDefinition> tools = new ArrayList<>();
    private final List<String> stopSequences = new ArrayList<>();
    private ToolChoice toolChoice = ToolChoice.AUTO;
    private int maxTokens = 4096;
    private boolean implicitPromptCaching;
    private String cacheScope = "team-1";
    private @Nullable RequestExtras extras;

    static Requests asking(String question) {
        return new Requests().message(ChatMessage.user(question));
    }

    static Requests conversation() {
        return new Requests();
    }

    Requests system(String text, boolean cacheBreakpoint) {
        system.add(new TextPart(text, cacheBreakpoint));
        return this;
    }

    /** A system block with a breakpoint whose cache entry lasts {@code ttl}. */
    Requests system(String text, CacheTtl ttl) {
        system.add(new TextPart(text, true, ttl));
        return this;
    }

    Requests message(ChatMessage message) {
        messages.add(message);
        return this;
    }

    Requests tool(ToolDefinition tool) {
        tools.add(tool);
        return this;
    }

    Requests toolChoice(ToolChoice choice) {
        toolChoice = choice;
        return this;
    }

    Requests maxTokens(int tokens) {
        maxTokens = tokens;
        return this;
    }

    Requests stopSequence(String stop) {
        stopSequences.add(stop);
        return this;
    }

    Requests implicitPromptCaching() {
        implicitPromptCaching = true;
        return this;
    }

    Requests cacheScope(String scope) {
        cacheScope = scope;
        return this;
    }

    /** What the request carried beyond the canonical fields, as a parser keeps it. */
    Requests extras(RequestExtras carried) {
        extras = carried;
        return this;
    }

    ChatRequest build() {
        if (extras != null) {
            return new ChatRequest(
                    new ModelId("simulator/test-model"),
                    system,
                    messages,
                    tools,
                    toolChoice,
                    maxTokens,
                    null,
                    stopSequences,
                    implicitPromptCaching,
                    cacheScope,
                    extras);
        }
        return new ChatRequest(
                new ModelId("simulator/test-model"),
                system,
                messages,
                tools,
                toolChoice,
                maxTokens,
                null,
                stopSequences,
                implicitPromptCaching,
                cacheScope);
    }
}
