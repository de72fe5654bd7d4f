package dev.tollgate.provider.simulator.image;

import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.InputImage;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * What an edit starts from, decoded once per request: the first input image, and from the mask how much each pixel
 * may change (0 to 255, in the blue channel of an RGB image, so it can be scaled like the image itself).
 */
record EditSource(BufferedImage image, @Nullable BufferedImage changeWeights) {

    /** A mask's edges need no more detail than this; bilinear scaling softens them into a slight feather. */
    private static final int MASK_SIZE = 1024;

    static EditSource decode(ImageRequest request) throws IOException {
        int width = request.resolution().width();
        int height = request.resolution().height();
        BufferedImage image = SourceDecoder.decodeToFit(request.inputs().getFirst(), width, height);
        InputImage mask = request.mask();
        if (mask == null) {
            return new EditSource(image, null);
        }
        double shrink = Math.min(1, (double) MASK_SIZE / Math.max(width, height));
        int maskWidth = (int) Math.max(1, Math.round(width * shrink));
        int maskHeight = (int) Math.max(1, Math.round(height * shrink));
        return new EditSource(image, changeWeights(SourceDecoder.decodeToFit(mask, maskWidth, maskHeight)));
    }

    /** Transparent pixels may change fully, opaque ones not at all, as in OpenAI's image edits. */
    private static BufferedImage changeWeights(BufferedImage mask) {
        int width = mask.getWidth();
        BufferedImage weights = new BufferedImage(width, mask.getHeight(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) weights.getRaster().getDataBuffer()).getData();
        int[] row = new int[width];
        for (int y = 0; y < mask.getHeight(); y++) {
            mask.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                pixels[y * width + x] = 255 - (row[x] >>> 24);
            }
        }
        return weights;
    }
}
