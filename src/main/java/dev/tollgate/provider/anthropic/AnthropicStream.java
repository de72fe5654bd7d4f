package dev.tollgate.provider.anthropic;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.PromptEstimate;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.http.FirstEventDeadline;
import dev.tollgate.provider.http.ServerSentEvents;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;

/**
 * A reply streaming from Anthropic, pulled event by event on the caller's thread. Failures surface from
 * {@link #hasNext()}/{@link #next()} as {@link UpstreamException}s, retryable only while nothing was passed on yet.
 * {@link #close()} may come from another thread: it drops the connection, which stops the upstream generating.
 */
final class AnthropicStream implements ChatStream {

    private final ServerSentEvents events;
    private final EventTranslator translator;
    private final TokenCounter tokens;
    private final PromptEstimate promptEstimate;
    private final FirstEventDeadline firstEvent;
    private final AtomicLong outputEstimate = new AtomicLong();
    private volatile boolean closed;
    private @Nullable ChatEvent pending;
    private boolean outputBegun;
    private boolean ended;

    AnthropicStream(
            ServerSentEvents events,
            EventTranslator translator,
            TokenCounter tokens,
            PromptEstimate promptEstimate,
            Duration firstEventTimeout) {
        this.events = events;
        this.translator = translator;
        this.tokens = tokens;
        this.promptEstimate = promptEstimate;
        this.firstEvent = FirstEventDeadline.start(firstEventTimeout, events::close);
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !ended && !closed) {
            pending = pull(true);
        }
        return pending != null;
    }

    /** Reads on only as far as the upstream's events have already arrived. */
    @Override
    public boolean nextEventReady() {
        if (pending == null && !ended && !closed) {
            pending = pull(false);
        }
        return pending != null;
    }

    @Override
    public ChatEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The reply has ended");
        }
        ChatEvent event = pending;
        pending = null;
        return event;
    }

    /**
     * The next event worth passing on, or null once the stream was closed; without {@code waiting}, null too when
     * the upstream's next event has not arrived yet.
     */
    private @Nullable ChatEvent pull(boolean waiting) {
        try {
            while (waiting || events.nextBuffered()) {
                if (!events.hasNext()) {
                    if (closed) {
                        return null;
                    }
                    throw new UpstreamException(
                            "The upstream's stream ended before the reply was complete", !outputBegun);
                }
                firstEvent.cancel();
                ChatEvent event = translator.translate(events.next(), outputBegun);
                if (event != null) {
                    account(event);
                    return event;
                }
            }
            return null;
        } catch (UpstreamException e) {
            ended = true;
            if (closed && !firstEvent.expired()) {
                return null;
            }
            throw failure(e);
        }
    }

    private void account(ChatEvent event) {
        switch (event) {
            case ChatEvent.TextDelta text -> outputEstimate.addAndGet(tokens.countText(text.text()));
            case ChatEvent.ThinkingDelta thinking -> outputEstimate.addAndGet(tokens.countText(thinking.text()));
            case ChatEvent.ThinkingSigned _, ChatEvent.RedactedThinking _, ChatEvent.Relayed _ -> {}
            case ChatEvent.ToolCallStarted call -> outputEstimate.addAndGet(tokens.countText(call.name()));
            case ChatEvent.ToolCallArgumentsDelta arguments ->
                outputEstimate.addAndGet(tokens.countText(arguments.jsonFragment()));
            case ChatEvent.Completed _ -> ended = true;
        }
        outputBegun |= !(event instanceof ChatEvent.Completed);
    }

    private UpstreamException failure(UpstreamException e) {
        if (firstEvent.expired()) {
            return new UpstreamException("The upstream did not start its reply in time", true, e);
        }
        if (!outputBegun || !e.retryable()) {
            return e;
        }
        // once output has reached the caller the reply cannot be moved to another channel
        UpstreamException finalFailure = new UpstreamException(e.getMessage(), false, e.status(), e.retryAfter());
        finalFailure.initCause(e);
        return finalFailure;
    }

    @Override
    public TokenCounts usageSoFar() {
        UsageReport reported = translator.usage();
        if (reported == null) {
            return new TokenCounts(promptEstimate.tokens(), outputEstimate.get(), 0, 0);
        }
        return reported.outputFinal() ? reported.counts() : reported.counts().withOutput(outputEstimate.get());
    }

    @Override
    public void close() {
        closed = true;
        firstEvent.cancel();
        events.close();
    }
}
