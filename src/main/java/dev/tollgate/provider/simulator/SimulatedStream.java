package dev.tollgate.provider.simulator;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.UpstreamException;
import java.time.Duration;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Streams a planned reply at the simulated speed. The waiting happens in {@link #next()}, on the caller's (virtual)
 * thread; the schedule is counted from the first pull, so a slow reader gets queued events at once, as from a real
 * upstream that kept generating. {@link #close()} may come from another thread and stops the stream within a short nap.
 */
final class SimulatedStream implements ChatStream {

    /** The longest single sleep, so a close from another thread ends a long wait promptly. */
    private static final long LONGEST_NAP_NANOS = Duration.ofMillis(20).toNanos();

    private final ReplyPlan plan;
    private final TokenCounts promptUsage;
    private final Pacing pacing;
    private final AtomicLong deliveredTokens = new AtomicLong();
    private volatile boolean closed;
    private int position;
    private long startedAt;

    SimulatedStream(ReplyPlan plan, TokenCounts promptUsage, Pacing pacing) {
        this.plan = plan;
        this.promptUsage = promptUsage;
        this.pacing = pacing;
    }

    @Override
    public boolean hasNext() {
        return !closed && position <= plan.steps().size();
    }

    @Override
    public ChatEvent next() {
        if (!hasNext()) {
            throw new NoSuchElementException("The reply has ended");
        }
        if (position == 0) {
            startedAt = System.nanoTime();
        }
        boolean completes = position == plan.steps().size();
        if (position == 0 || !completes) {
            waitUntil(startedAt + pacing.dueAfterNanos(deliveredTokens.get()));
        }
        if (closed) {
            throw new NoSuchElementException("The reply stream was closed");
        }
        position++;
        if (completes) {
            return new ChatEvent.Completed(
                    plan.finishReason(),
                    plan.stopSequence(),
                    promptUsage.withOutput(plan.outputTokens()),
                    plan.reasoningTokens());
        }
        ReplyPlan.Step step = plan.steps().get(position - 1);
        deliveredTokens.addAndGet(step.tokens());
        return step.event();
    }

    @Override
    public TokenCounts usageSoFar() {
        return promptUsage.withOutput(deliveredTokens.get());
    }

    @Override
    public void close() {
        closed = true;
    }

    private void waitUntil(long due) {
        long remaining;
        while (!closed && (remaining = due - System.nanoTime()) > 0) {
            try {
                Thread.sleep(Duration.ofNanos(Math.min(remaining, LONGEST_NAP_NANOS)));
            } catch (InterruptedException e) {
                closed = true;
                Thread.currentThread().interrupt();
                throw new UpstreamException("The simulated reply was interrupted", false, e);
            }
        }
    }
}
