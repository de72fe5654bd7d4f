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
import java.util.Deque;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Chat Completions stream pulled event by event. The reading happens in {@link #hasNext()}, on the caller's thread;
 * {@link #close()} may come from another thread and aborts the upstream by closing the body.
 */
final class OpenAiChatStream implements ChatStream {

    private final ServerSentEvents events;
    private final ChatRequest request;
    private final TokenCounter tokens;
    private final JsonMapper json;
    private final ChatChunkReader reader;
    private final FirstEventDeadline watchdog;
    private final Deque<ChatEvent> pending = new ArrayDeque<>();
    private final AtomicLong outputTokens = new AtomicLong();
    private volatile long promptTokens = -1;
    private volatile boolean closed;
    private boolean outputStarted;
    private boolean ended;

    OpenAiChatStream(InputStream body, ChatRequest request, TokenCounter tokens, JsonMapper json, Duration timeout) {
        this.events = new ServerSentEvents(body);
        this.request = request;
        this.tokens = tokens;
        this.json = json;
        this.reader = new ChatChunkReader(request.stopSequences());
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
                finish(false);
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
            finish(true);
            return;
        }
        if (data.isEmpty()) {
            return;
        }
        JsonNode chunk;
        try {
            chunk = json.readTree(data);
        } catch (JacksonException e) {
            throw new UpstreamException("The upstream streamed something that is not JSON", !outputStarted, e);
        }
        if (event.name().equals("error") && chunk.get("error") == null) {
            throw StreamFailure.of(chunk, outputStarted);
        }
        pending.addAll(reader.read(chunk, outputStarted));
    }

    private static UpstreamException timedOut(@Nullable Throwable cause) {
        return new UpstreamException("The upstream did not start answering in time", true, cause);
    }

    private void finish(boolean sawDone) {
        ended = true;
        events.close();
        TokenCounts estimate = new TokenCounts(promptEstimate(), outputTokens.get(), 0, 0);
        pending.add(reader.complete(sawDone, estimate, outputStarted));
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
