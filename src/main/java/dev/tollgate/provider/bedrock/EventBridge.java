package dev.tollgate.provider.bedrock;

import dev.tollgate.provider.UpstreamException;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import software.amazon.awssdk.core.async.SdkPublisher;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamOutput;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;

/**
 * Hands the SDK's pushed event stream to a thread that pulls: events queue up here and the reader takes them in turn.
 * Demand follows the reader (a window of {@value #WINDOW} events, one more per event taken), so a slow reader slows
 * the upstream down instead of filling memory, and the SDK's threads never block.
 */
final class EventBridge implements ConverseStreamResponseHandler, Subscriber<ConverseStreamOutput> {

    /** What the reader takes: an event, or how the stream ended. */
    sealed interface Signal {
        record Event(ConverseStreamOutput event) implements Signal {}

        record Failure(Throwable cause) implements Signal {}

        /** The upstream ended the stream normally. */
        record End() implements Signal {}

        /** Our side closed the stream. */
        record Closed() implements Signal {}
    }

    private static final int WINDOW = 32;

    private final BlockingQueue<Signal> signals = new LinkedBlockingQueue<>();
    private final CompletableFuture<Void> answered = new CompletableFuture<>();
    private final Object demandLock = new Object();
    private @Nullable Subscription subscription;
    private boolean cancelled;

    // the response handler's side: the answer's headers, the event stream, and how the call ended

    @Override
    public void responseReceived(ConverseStreamResponse response) {
        answered.complete(null);
    }

    @Override
    public void onEventStream(SdkPublisher<ConverseStreamOutput> publisher) {
        publisher.subscribe(this);
    }

    @Override
    public void exceptionOccurred(Throwable failure) {
        fail(failure);
    }

    @Override
    public void complete() {
        signals.add(new Signal.End());
    }

    /** The SDK's future for the call: a failure it reports only there still reaches the reader. */
    void callEnded(@Nullable Void result, @Nullable Throwable failure) {
        if (failure != null) {
            fail(failure);
        }
    }

    private void fail(Throwable failure) {
        answered.completeExceptionally(failure);
        signals.add(new Signal.Failure(failure));
    }

    // the event publisher's side

    @Override
    public void onSubscribe(Subscription events) {
        synchronized (demandLock) {
            if (cancelled) {
                events.cancel();
                return;
            }
            subscription = events;
            events.request(WINDOW);
        }
    }

    @Override
    public void onNext(ConverseStreamOutput event) {
        signals.add(new Signal.Event(event));
    }

    @Override
    public void onError(Throwable failure) {
        signals.add(new Signal.Failure(failure));
    }

    @Override
    public void onComplete() {
        signals.add(new Signal.End());
    }

    // the reader's side

    /**
     * Waits until Bedrock answered with a success status.
     *
     * @throws UpstreamException for an error answer or no answer within {@code wait}
     */
    void awaitAnswer(Duration wait) {
        try {
            answered.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw BedrockFailures.of(e.getCause());
        } catch (TimeoutException e) {
            throw new UpstreamException("Bedrock did not answer in time", true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("Interrupted while waiting for Bedrock", false, e);
        }
    }

    /** The next signal, or null when none came within {@code wait}. */
    @Nullable
    Signal take(Duration wait) throws InterruptedException {
        return taken(signals.poll(wait.toMillis(), TimeUnit.MILLISECONDS));
    }

    /** The next signal if one has already arrived, without waiting. */
    @Nullable
    Signal poll() {
        return taken(signals.poll());
    }

    private @Nullable Signal taken(@Nullable Signal signal) {
        if (signal instanceof Signal.Event) {
            synchronized (demandLock) {
                if (subscription != null && !cancelled) {
                    subscription.request(1);
                }
            }
        }
        return signal;
    }

    /** Stops the event stream and wakes a reader waiting for the next signal. */
    void cancel() {
        synchronized (demandLock) {
            if (cancelled) {
                return;
            }
            cancelled = true;
            if (subscription != null) {
                subscription.cancel();
            }
        }
        signals.add(new Signal.Closed());
    }
}
