package dev.tollgate.provider;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Where an image provider writes each image as it encodes it, so no image needs to be held whole in memory. The
 * provider closes each stream when the image is complete.
 */
@FunctionalInterface
public interface ImageSink {

    /** A stream for the image at {@code index} (0-based) of the request. */
    OutputStream open(int index) throws IOException;
}
