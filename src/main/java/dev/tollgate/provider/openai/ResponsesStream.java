package dev.tollgate.provider.openai;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.FirstEventDeadline;
import dev.tollgate.provider.http.ServerSentEvents;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Responses API stream pulled event by event, each relayed as it came and followed by what it means. The events that
 * only announce the response ({@code response.created}, {@code response.in_progress}) are held back until something
 * else arrives: a rate limit or an overload the upstream reports right after them can still go to another channel, as
 * it can on the Chat Completions path before the first delta. Reading happens in {@link #hasNext()}, on the caller's
 * thread; {@link #close()} may come from another thread and aborts the upstream by closing the body.
 */
final class ResponsesStream implements ChatStream {

    private static final Set<String> ANNOUNCEMENTS =
            Set.of("response.created", "response.queued", "response.in_progress");

    private final ServerSentEvents events;
    private final ChatRequest request;
    private final TokenCounter tokens;
    private final JsonMapper json;
    private final ResponsesEventReader reader = new ResponsesEventReader();
    private final FirstEventDeadline watchdog;
    private final List<ChatEvent> announcements = new ArrayList<>();
    private final Deque<ChatEvent> pending = new ArrayDeque<>();
    private final AtomicLong outputTokens = new AtomicLong();
    private volatile long promptTokens = -1;
    private volatile boolean closed;
    private boolean outputStarted;
    private boolean ended;

    ResponsesStream(InputStream body, ChatRequest request, TokenCounter tokens, JsonMapper json, Duration timeout) {
        this.events = new ServerSentEvents(body);
        this.request = request;
        this.tokens = tokens;
        this.json = json;
        this.watchdog = FirstEventDeadline.start(timeout, events::close);
    }

    @Override
    public boolean hasNext() {
        while (pending.isEmpty() && !ended && !closed) {
            try {
                readEvent();
            } catch (UpstreamException failure) {
                // a failed stream stays failed: nothing more is read from it
                ended = true;
                watchdog.cancel();
                events.close();
                throw failure;
            }
        }
        return !pending.isEmpty();
    }

    @Override
    public ChatEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The reply has ended");
        }
        ChatEvent event = pending.removeFirst();
        switch (event) {
            case ChatEvent.TextDelta delta -> countOutput(delta.text());
            case ChatEvent.ThinkingDelta delta -> countOutput(delta.text());
            case ChatEvent.ThinkingSigned _, ChatEvent.RedactedThinking _, ChatEvent.Relayed _ -> {}
            case ChatEvent.ToolCallArgumentsDelta delta -> countOutput(delta.jsonFragment());
            case ChatEvent.ToolCallStarted started -> countOutput(started.name());
            case ChatEvent.Completed _ -> {}
        }
        outputStarted = true;
        return event;
    }

    @Override
    public TokenCounts usageSoFar() {
        TokenCounts reported = reader.reportedUsage();
        if (reported != null) {
            return reported;
        }
        return new TokenCounts(promptEstimate(), outputTokens.get(), 0, 0);
    }

    @Override
    public void close() {
        closed = true;
        watchdog.cancel();
        events.close();
    }

    private void readEvent() {
        ServerSentEvents.Event event;
        try {
            if (!events.hasNext()) {
                if (watchdog.expired()) {
                    throw timedOut(null);
                }
                finish();
                return;
            }
            event = events.next();
        } catch (UpstreamException broken) {
            if (closed) {
                ended = true;
                return;
            }
            throw watchdog.expired()
                    ? timedOut(broken)
                    : new UpstreamException(broken.getMessage(), broken.retryable() && !outputStarted, broken);
        }
        watchdog.cancel();
        String data = event.data().strip();
        if (data.equals("[DONE]")) {
            finish();
            return;
        }
        if (data.isEmpty()) {
            return;
        }
        ObjectNode parsed = parse(data);
        if (!parsed.has("type") && !event.name().equals("message")) {
            parsed.put("type", event.name());
        }
        List<ChatEvent> read = reader.read(parsed, outputStarted);
        if (ANNOUNCEMENTS.contains(parsed.path("type").asString("")) && !outputStarted) {
            announcements.addAll(read);
            return;
        }
        pending.addAll(announcements);
        announcements.clear();
        pending.addAll(read);
        if (reader.finished()) {
            finish();
        }
    }

    private ObjectNode parse(String data) {
        JsonNode node;
        try {
            node = json.readTree(data);
        } catch (JacksonException e) {
            throw new UpstreamException("The upstream streamed something that is not JSON", !outputStarted, e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new UpstreamException("The upstream streamed an event that is not a JSON object", !outputStarted);
        }
        return object;
    }

    private static UpstreamException timedOut(@Nullable Throwable cause) {
        return new UpstreamException("The upstream did not start answering in time", true, cause);
    }

    private void finish() {
        ended = true;
        events.close();
        TokenCounts estimate = new TokenCounts(promptEstimate(), outputTokens.get(), 0, 0);
        ChatEvent.Completed completed = reader.complete(estimate, outputStarted);
        pending.addAll(announcements);
        announcements.clear();
        pending.add(completed);
    }

    private void countOutput(String text) {
        outputTokens.addAndGet(tokens.countText(text));
    }

    /** The prompt's estimated size, counted once and only when the upstream has not reported it. */
    private long promptEstimate() {
        long known = promptTokens;
        if (known < 0) {
            known = tokens.countPrompt(request);
            promptTokens = known;
        }
        return known;
    }
}
