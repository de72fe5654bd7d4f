package dev.tollgate.provider;

import java.util.List;

/** An upstream that produces images: generations and edits. */
public interface ImageProvider {

    /** The channel name usage rows record. */
    String channelName();

    /**
     * Produces {@code request.count()} images one after another, each written to the stream {@code sink} opens for it,
     * and describes them in order.
     *
     * @throws UpstreamException when the upstream cannot produce them; images written before then are to be discarded
     */
    List<GeneratedImage> generate(ImageRequest request, ImageSink sink);
}
