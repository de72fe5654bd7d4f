package dev.tollgate.provider.simulator.image;

import dev.tollgate.provider.InputImage;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOException;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Decodes a caller's image for an edit: only the centred crop with the target's aspect ratio (what will fill the
 * picture), and, when that is larger than the target, only every n-th pixel of it, so the decoded image never has
 * more pixels than the picture it goes into, however large the upload.
 */
final class SourceDecoder {

    private SourceDecoder() {}

    /** The image's centre crop, decoded to no more than {@code width}×{@code height} pixels. */
    static BufferedImage decodeToFit(InputImage image, int width, int height) throws IOException {
        ImageReader reader = readerFor(image);
        try (ImageInputStream stream = new MemoryCacheImageInputStream(new ByteArrayInputStream(image.bytes()))) {
            reader.setInput(stream, true, true);
            Rectangle crop = centreCrop(reader.getWidth(0), reader.getHeight(0), width, height);
            int step = Math.max(ceilDiv(crop.width, width), ceilDiv(crop.height, height));
            ImageReadParam param = reader.getDefaultReadParam();
            param.setSourceRegion(crop);
            param.setSourceSubsampling(step, step, 0, 0);
            return reader.read(0, param);
        } catch (RuntimeException e) {
            // readers report some malformed files with unchecked exceptions
            throw new IIOException("The image could not be decoded", e);
        } finally {
            reader.dispose();
        }
    }

    /** The largest centred rectangle of a {@code sourceWidth}×{@code sourceHeight} image with the target's shape. */
    static Rectangle centreCrop(int sourceWidth, int sourceHeight, int targetWidth, int targetHeight) {
        if ((long) sourceWidth * targetHeight > (long) sourceHeight * targetWidth) {
            int width = (int) Math.max(1, Math.round((double) sourceHeight * targetWidth / targetHeight));
            return new Rectangle((sourceWidth - width) / 2, 0, width, sourceHeight);
        }
        int height = (int) Math.max(1, Math.round((double) sourceWidth * targetHeight / targetWidth));
        return new Rectangle(0, (sourceHeight - height) / 2, sourceWidth, height);
    }

    private static ImageReader readerFor(InputImage image) throws IIOException {
        Iterator<ImageReader> readers =
                ImageIO.getImageReadersByMIMEType(image.format().mediaType());
        if (!readers.hasNext()) {
            throw new IIOException("No image reader for " + image.format().mediaType());
        }
        return readers.next();
    }

    private static int ceilDiv(int a, int b) {
        return Math.max(1, Math.ceilDiv(a, b));
    }
}
