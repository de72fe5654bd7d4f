package dev.tollgate.provider.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A channel's recent calls on this instance, newest last, bounded in count; what its health figures come from. */
final class CallHistory {

    private static final int LIMIT = 500;

    private final Deque<CallRecord> calls = new ArrayDeque<>();
    private @Nullable CallRecord lastFailure;

    synchronized void add(CallRecord call) {
        calls.addLast(call);
        if (calls.size() > LIMIT) {
            calls.removeFirst();
        }
        if (call.failed()) {
            lastFailure = call;
        }
    }

    /** The calls since {@code since}. */
    synchronized List<CallRecord> since(Instant since) {
        return calls.stream().filter(call -> !call.at().isBefore(since)).toList();
    }

    synchronized @Nullable CallRecord lastFailure() {
        return lastFailure;
    }

    static @Nullable Duration medianLatency(List<CallRecord> calls) {
        List<Duration> answered = calls.stream()
                .filter(call -> !call.failed())
                .map(CallRecord::latency)
                .sorted()
                .toList();
        return answered.isEmpty() ? null : answered.get(answered.size() / 2);
    }
}
