package dev.tollgate.provider;

import dev.tollgate.catalog.ModelKind;
import dev.tollgate.provider.channel.Failover;
import dev.tollgate.provider.channel.Routed;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Sends image requests to the channels serving the model, failing over between them while none has written an image
 * yet; the simulator's channel serves the models no other enabled channel serves.
 */
@Service
public class ImageRouter {

    private final Failover failover;

    ImageRouter(Failover failover) {
        this.failover = failover;
    }

    /**
     * Produces the images into {@code sink}, and says which channel made them.
     *
     * @throws NoUpstreamChannelException when nothing serves the model
     * @throws UpstreamException when no channel could make them
     */
    public Routed<List<GeneratedImage>> generate(ImageRequest request, ImageSink sink) {
        return failover.route(request.model(), ModelKind.IMAGE, channel -> {
            WatchedSink watched = new WatchedSink(sink);
            try {
                return Objects.requireNonNull(channel.images()).generate(request, watched);
            } catch (UpstreamException failure) {
                if (watched.opened && failure.retryable()) {
                    // bytes of this attempt are in the sink: another channel must not write after them
                    throw new UpstreamException(failure.getMessage(), false, failure);
                }
                throw failure;
            }
        });
    }

    /** Notes whether an adapter began writing. */
    private static final class WatchedSink implements ImageSink {

        private final ImageSink sink;
        private volatile boolean opened;

        WatchedSink(ImageSink sink) {
            this.sink = sink;
        }

        @Override
        public OutputStream open(int index) throws IOException {
            opened = true;
            return sink.open(index);
        }
    }
}
