package dev.tollgate.provider.openai;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.ServerSentEvents;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Responses API stream: each event relayed as it came and followed by what it means. The events that only announce
 * the response ({@code response.created}, {@code response.in_progress}) are held back until something else arrives: a
 * rate limit or an overload the upstream reports right after them can still go to another channel, as it can on the
 * Chat Completions path before the first delta.
 */
final class ResponsesStream extends PulledEventStream {

    private static final Set<String> ANNOUNCEMENTS =
            Set.of("response.created", "response.queued", "response.in_progress");

    private final JsonMapper json;
    private final ResponsesEventReader reader = new ResponsesEventReader();
    private final List<ChatEvent> announcements = new ArrayList<>();

    ResponsesStream(InputStream body, ChatRequest request, TokenCounter tokens, JsonMapper json, Duration timeout) {
        super(body, request, tokens, timeout);
        this.json = json;
    }

    @Override
    void read(ServerSentEvents.Event event, String data) {
        ObjectNode parsed = parse(data);
        if (!parsed.has("type") && !event.name().equals("message")) {
            parsed.put("type", event.name());
        }
        List<ChatEvent> read = reader.read(parsed, outputStarted());
        if (ANNOUNCEMENTS.contains(parsed.path("type").asString("")) && !outputStarted()) {
            announcements.addAll(read);
            return;
        }
        releaseAnnouncements();
        read.forEach(this::emit);
        if (reader.finished()) {
            finish(true);
        }
    }

    @Override
    void complete(boolean sawDone, Supplier<TokenCounts> estimate) {
        // the end of the stream and [DONE] mean the same here: what the reader saw decides how the reply ended
        ChatEvent.Completed completed = reader.complete(estimate, outputStarted());
        releaseAnnouncements();
        emit(completed);
    }

    @Override
    @Nullable
    TokenCounts reportedUsage() {
        return reader.reportedUsage();
    }

    private void releaseAnnouncements() {
        announcements.forEach(this::emit);
        announcements.clear();
    }

    private ObjectNode parse(String data) {
        JsonNode node;
        try {
            node = json.readTree(data);
        } catch (JacksonException e) {
            throw new UpstreamException("The upstream streamed something that is not JSON", !outputStarted(), e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new UpstreamException("The upstream streamed an event that is not a JSON object", !outputStarted());
        }
        return object;
    }
}
