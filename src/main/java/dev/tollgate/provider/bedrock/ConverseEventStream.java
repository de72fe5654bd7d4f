package dev.tollgate.provider.bedrock;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.UpstreamException;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import software.amazon.awssdk.services.bedrockruntime.model.CacheTTL;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockDeltaEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlockStartEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamMetadataEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.MessageStopEvent;
import software.amazon.awssdk.services.bedrockruntime.model.ReasoningContentBlockDelta;
import software.amazon.awssdk.services.bedrockruntime.model.TokenUsage;

/**
 * A Converse reply read event by event: reasoning, text and tool-use deltas become the gateway's events, {@code messageStop}
 * gives the finish reason and {@code metadata} the usage, which completes the reply.
 */
final class ConverseEventStream implements ChatStream {

    /** What the request asked for, to read the reply against. */
    record Expectations(long promptTokens, List<String> stopSequences, Duration eventTimeout) {}

    private final EventBridge bridge;
    private final Future<?> call;
    private final Expectations expected;
    private final TokenCounter tokens;
    /** Bedrock's content block index → the tool call's number among this reply's tool calls. */
    private final Map<Integer, Integer> toolCalls = new HashMap<>();

    private final AtomicLong outputEstimate = new AtomicLong();
    private volatile @Nullable TokenCounts reported;
    private @Nullable ChatEvent pending;
    private @Nullable MessageStopEvent stop;
    private boolean emittedOutput;
    private volatile boolean finished;

    ConverseEventStream(EventBridge bridge, Future<?> call, Expectations expected, TokenCounter tokens) {
        this.bridge = bridge;
        this.call = call;
        this.expected = expected;
        this.tokens = tokens;
    }

    @Override
    public boolean hasNext() {
        if (pending == null && !finished) {
            pending = read(true);
        }
        return pending != null;
    }

    /** Reads on only as far as Bedrock's events have already arrived. */
    @Override
    public boolean nextEventReady() {
        if (pending == null && !finished) {
            pending = read(false);
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
     * The next event for the caller, or null when the stream is over; Bedrock events with nothing to tell are skipped.
     * Without {@code waiting}, null too when Bedrock's next event has not arrived yet.
     */
    private @Nullable ChatEvent read(boolean waiting) {
        while (true) {
            EventBridge.Signal signal = waiting ? take() : bridge.poll();
            if (signal == null) {
                return null;
            }
            ChatEvent event = switch (signal) {
                case EventBridge.Signal.Event(ConverseStreamOutput output) -> translate(output);
                case EventBridge.Signal.End() -> ended();
                case EventBridge.Signal.Failure(Throwable cause) -> throw fail(BedrockFailures.of(cause));
                case EventBridge.Signal.Closed() -> {
                    finished = true;
                    yield null;
                }
            };
            if (event != null || finished) {
                return event;
            }
        }
    }

    private EventBridge.Signal take() {
        try {
            EventBridge.Signal signal = bridge.take(expected.eventTimeout());
            if (signal == null) {
                throw fail(new UpstreamException("Bedrock's stream went silent", true));
            }
            return signal;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            finish();
            throw new UpstreamException("Interrupted while reading Bedrock's stream", false, e);
        }
    }

    private @Nullable ChatEvent translate(ConverseStreamOutput output) {
        return switch (output) {
            case ContentBlockStartEvent start -> started(start);
            case ContentBlockDeltaEvent delta -> delta(delta);
            case MessageStopEvent messageStop -> {
                stop = messageStop;
                yield null;
            }
            case ConverseStreamMetadataEvent metadata -> completed(metadata.usage());
            // messageStart, contentBlockStop, and events this gateway has no use for (citations)
            default -> null;
        };
    }

    private @Nullable ChatEvent started(ContentBlockStartEvent start) {
        if (start.start() == null || start.start().toolUse() == null) {
            return null;
        }
        int index = toolCalls.size();
        toolCalls.put(start.contentBlockIndex(), index);
        emittedOutput = true;
        return new ChatEvent.ToolCallStarted(
                index,
                start.start().toolUse().toolUseId(),
                start.start().toolUse().name());
    }

    private @Nullable ChatEvent delta(ContentBlockDeltaEvent event) {
        var delta = event.delta();
        if (delta == null) {
            return null;
        }
        if (delta.text() != null && !delta.text().isEmpty()) {
            return output(new ChatEvent.TextDelta(delta.text()), delta.text());
        }
        if (delta.reasoningContent() != null) {
            return reasoning(delta.reasoningContent());
        }
        Integer index = toolCalls.get(event.contentBlockIndex());
        if (delta.toolUse() != null && index != null && delta.toolUse().input() != null) {
            String fragment = delta.toolUse().input();
            return output(new ChatEvent.ToolCallArgumentsDelta(index, fragment), fragment);
        }
        return null;
    }

    /** Converse's reasoning deltas: thinking text, the signature that closes it, or a redacted block's bytes. */
    private @Nullable ChatEvent reasoning(ReasoningContentBlockDelta reasoning) {
        if (reasoning.text() != null && !reasoning.text().isEmpty()) {
            return output(new ChatEvent.ThinkingDelta(reasoning.text()), reasoning.text());
        }
        if (reasoning.signature() != null) {
            return output(new ChatEvent.ThinkingSigned(reasoning.signature()), "");
        }
        if (reasoning.redactedContent() != null) {
            // Anthropic's API carries redacted thinking as base64 text
            return output(
                    new ChatEvent.RedactedThinking(Base64.getEncoder()
                            .encodeToString(reasoning.redactedContent().asByteArray())),
                    "");
        }
        return null;
    }

    private ChatEvent output(ChatEvent event, String text) {
        emittedOutput = true;
        outputEstimate.addAndGet(tokens.countText(text));
        return event;
    }

    private ChatEvent completed(@Nullable TokenUsage usage) {
        TokenCounts counts = usage == null ? estimate() : counts(usage);
        reported = counts;
        finished = true;
        MessageStopEvent messageStop = stop;
        if (messageStop == null) {
            return new ChatEvent.Completed(FinishReason.END_TURN, null, counts);
        }
        return new ChatEvent.Completed(
                StopReasons.finishReason(messageStop),
                StopReasons.stopSequence(messageStop, expected.stopSequences()),
                counts);
    }

    /**
     * Bedrock's {@code inputTokens} already leaves out the cached tokens, as {@link TokenCounts#input()} does. Its
     * {@code cacheDetails} split the cache writes by TTL; writes it does not place under one hour are five-minute
     * writes, the cheaper line, so a missing breakdown never overcharges.
     */
    private static TokenCounts counts(TokenUsage usage) {
        long writes = orZero(usage.cacheWriteInputTokens());
        long hourWrites = usage.cacheDetails().stream()
                .filter(detail -> detail.ttl() == CacheTTL.VALUE_1_H)
                .mapToLong(detail -> orZero(detail.inputTokens()))
                .sum();
        hourWrites = Math.min(writes, hourWrites);
        return new TokenCounts(
                orZero(usage.inputTokens()),
                orZero(usage.outputTokens()),
                orZero(usage.cacheReadInputTokens()),
                writes - hourWrites,
                hourWrites);
    }

    /** The stream ended: complete after {@code messageStop} even without usage; before it, the reply broke off. */
    private @Nullable ChatEvent ended() {
        if (stop != null) {
            return completed(null);
        }
        throw fail(new UpstreamException("Bedrock's stream ended before the reply did", true));
    }

    private UpstreamException fail(UpstreamException failure) {
        finish();
        return emittedOutput ? BedrockFailures.afterOutput(failure) : failure;
    }

    private void finish() {
        finished = true;
        bridge.cancel();
    }

    @Override
    public TokenCounts usageSoFar() {
        TokenCounts counts = reported;
        return counts != null ? counts : estimate();
    }

    private TokenCounts estimate() {
        return new TokenCounts(expected.promptTokens(), outputEstimate.get(), 0, 0);
    }

    @Override
    public void close() {
        finished = true;
        bridge.cancel();
        call.cancel(true);
    }

    private static long orZero(@Nullable Integer count) {
        return count == null ? 0 : count;
    }
}
