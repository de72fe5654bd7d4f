package dev.tollgate.provider.openai;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.PromptEstimate;
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
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * An OpenAI server-sent event stream pulled event by event, for both of OpenAI's streaming APIs: the deadline for the
 * first event, the queue of canonical events, output counted as it passes, and a failure that ends the stream. What an
 * event's data means is the subclass's. Reading happens in {@link #hasNext()}, on the caller's thread; {@link #close()}
 * may come from another thread and aborts the upstream by closing the body.
 */
abstract class PulledEventStream implements ChatStream {

    private final ServerSentEvents events;
    private final PromptEstimate prompt;
    private final TokenCounter tokens;
    private final FirstEventDeadline watchdog;
    private final Deque<ChatEvent> pending = new ArrayDeque<>();
    private final AtomicLong outputTokens = new AtomicLong();
    private volatile boolean closed;
    private boolean outputStarted;
    private boolean ended;

    PulledEventStream(InputStream body, ChatRequest request, TokenCounter tokens, Duration timeout) {
        this.events = new ServerSentEvents(body);
        this.prompt = new PromptEstimate(tokens, request);
        this.tokens = tokens;
        this.watchdog = FirstEventDeadline.start(timeout, events::close);
    }

    /** Reads one event's data (neither empty nor {@code [DONE]}), queueing what it means. */
    abstract void read(ServerSentEvents.Event event, String data);

    /** The events that end the reply, given what was counted so far; {@code sawDone} when {@code [DONE]} came. */
    abstract void complete(boolean sawDone, Supplier<TokenCounts> estimate);

    /** The usage the upstream reported, once it has. */
    abstract @Nullable TokenCounts reportedUsage();

    @Override
    public final boolean hasNext() {
        while (pending.isEmpty() && !ended && !closed) {
            readEventOrFail();
        }
        return !pending.isEmpty();
    }

    /** Reads on only as far as the upstream's events have already arrived. */
    @Override
    public final boolean nextEventReady() {
        while (pending.isEmpty() && !ended && !closed && events.nextBuffered()) {
            readEventOrFail();
        }
        return !pending.isEmpty();
    }

    @Override
    public final ChatEvent next() {
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
    public final TokenCounts usageSoFar() {
        TokenCounts reported = reportedUsage();
        if (reported != null) {
            return reported;
        }
        return estimate();
    }

    @Override
    public final void close() {
        closed = true;
        watchdog.cancel();
        events.close();
    }

    /** Queues events for the caller, in order. */
    final void emit(ChatEvent event) {
        pending.add(event);
    }

    /** Whether any event has gone to the caller: after that, a failure can no longer be retried elsewhere. */
    final boolean outputStarted() {
        return outputStarted;
    }

    /** Ends the reply with {@link #complete}. */
    final void finish(boolean sawDone) {
        ended = true;
        events.close();
        complete(sawDone, this::estimate);
    }

    /** The usage as the gateway counts it, for an upstream that reports none: the prompt is counted only then. */
    private TokenCounts estimate() {
        return new TokenCounts(prompt.tokens(), outputTokens.get(), 0, 0);
    }

    private void readEventOrFail() {
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
        } else if (!data.isEmpty()) {
            read(event, data);
        }
    }

    private static UpstreamException timedOut(@Nullable Throwable cause) {
        return new UpstreamException("The upstream did not start answering in time", true, cause);
    }

    private void countOutput(String text) {
        outputTokens.addAndGet(tokens.countText(text));
    }
}
