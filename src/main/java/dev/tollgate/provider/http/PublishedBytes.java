package dev.tollgate.provider.http;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/**
 * The body an adapter put into its request, as bytes. The adapters describe requests with the JDK's
 * {@link HttpRequest}; its byte-array, string and stream publishers hand their content over on the subscribing thread,
 * so this never waits.
 */
final class PublishedBytes implements Flow.Subscriber<ByteBuffer> {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CompletableFuture<byte[]> done = new CompletableFuture<>();

    private PublishedBytes() {}

    /** The request's body, or null when it has none. */
    static byte @Nullable [] of(HttpRequest request) {
        HttpRequest.BodyPublisher publisher = request.bodyPublisher().orElse(null);
        if (publisher == null || publisher.contentLength() == 0) {
            return null;
        }
        PublishedBytes collected = new PublishedBytes();
        publisher.subscribe(collected);
        return collected.done.join();
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        subscription.request(Long.MAX_VALUE);
    }

    @Override
    public void onNext(ByteBuffer item) {
        byte[] chunk = new byte[item.remaining()];
        item.get(chunk);
        bytes.writeBytes(chunk);
    }

    @Override
    public void onError(Throwable failure) {
        done.completeExceptionally(failure);
    }

    @Override
    public void onComplete() {
        done.complete(bytes.toByteArray());
    }
}
