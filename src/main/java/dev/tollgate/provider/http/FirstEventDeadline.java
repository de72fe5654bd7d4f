package dev.tollgate.provider.http;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The channel's answer timeout applied to a stream's first event: the HTTP client's timeout ends with the headers, and
 * an upstream that sends them and then nothing would otherwise hold the request forever. When it expires it runs
 * {@code onExpiry} (closing the body, which ends the blocked read).
 */
public final class FirstEventDeadline {

    private enum State {
        PENDING,
        MET,
        EXPIRED
    }

    private final AtomicReference<State> state = new AtomicReference<>(State.PENDING);
    private volatile Deadlines.Deadline timer;

    private FirstEventDeadline() {}

    public static FirstEventDeadline start(Duration timeout, Runnable onExpiry) {
        FirstEventDeadline deadline = new FirstEventDeadline();
        deadline.timer = Deadlines.after(timeout, () -> {
            if (deadline.state.compareAndSet(State.PENDING, State.EXPIRED)) {
                onExpiry.run();
            }
        });
        return deadline;
    }

    /** The first event arrived (or the stream was closed): the deadline no longer applies. */
    public void cancel() {
        if (state.compareAndSet(State.PENDING, State.MET)) {
            timer.cancel();
        }
    }

    public boolean expired() {
        return state.get() == State.EXPIRED;
    }
}
