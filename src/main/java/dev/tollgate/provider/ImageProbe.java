package dev.tollgate.provider;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Objects;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Reads an uploaded image's format and pixel size from its header, without decoding its pixels, so the gateway can
 * refuse what no image model could use before storing it or sending it upstream.
 */
public final class ImageProbe {

    private ImageProbe() {}

    /**
     * The image's format, recognised by its bytes, and its size, read from its header.
     *
     * @throws InvalidImageException when the bytes are not a PNG, JPEG or WebP file, or its header is unreadable or
     *     gives no pixels
     */
    public static ProbedImage probe(byte[] bytes) {
        ImageFormat format = ImageFormat.sniff(bytes)
                .orElseThrow(() -> new InvalidImageException("The image is not a PNG, JPEG or WebP file"));
        ImageReader reader = readerFor(format);
        int width;
        int height;
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(stream, true, true);
            width = reader.getWidth(0);
            height = reader.getHeight(0);
        } catch (IOException | RuntimeException e) {
            // readers report malformed headers with unchecked exceptions too
            throw new InvalidImageException("The image could not be read", e);
        } finally {
            reader.dispose();
        }
        if (width <= 0 || height <= 0) {
            throw new InvalidImageException("The image has no pixels");
        }
        return new ProbedImage(format, width, height);
    }

    private static ImageReader readerFor(ImageFormat format) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(format.mediaType());
        if (!readers.hasNext()) {
            throw new IllegalStateException("No image reader for " + format.mediaType() + " is installed");
        }
        return readers.next();
    }

    /** An image's format and size in pixels. */
    public record ProbedImage(ImageFormat format, int width, int height) {

        public ProbedImage {
            Objects.requireNonNull(format);
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException("An image has pixels: " + width + "x" + height);
            }
        }

        public long pixels() {
            return (long) width * height;
        }
    }

    /** Bytes that are not an image the gateway accepts; the message is fit to show the caller. */
    public static final class InvalidImageException extends RuntimeException {

        InvalidImageException(String message) {
            super(message);
        }

        InvalidImageException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
