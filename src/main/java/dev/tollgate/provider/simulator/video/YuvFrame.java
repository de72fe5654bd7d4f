package dev.tollgate.provider.simulator.video;

import org.jcodec.common.model.ColorSpace;
import org.jcodec.common.model.Picture;
import org.jcodec.common.model.Rect;

/**
 * One reusable 4:2:0 picture for the encoder, filled from packed RGB pixels.
 *
 * <p>The planes cover whole macroblocks; the cropped area is the frame's real size, which the encoder writes into
 * the stream, and the padding repeats the last row and column so it costs next to nothing to encode.
 *
 * <p>Samples are BT.709 limited range (luma 16 to 235), as the stream's parameters declare (see {@link AvcEncoder}):
 * BT.709 shares sRGB's primaries, so the painted colours come back as painted. JCodec calls its only input format
 * "YUV420J" (full range) but only encodes the numbers; it keeps each sample as a signed byte, offset by 128. The
 * coefficients below are BT.709's scaled to the limited range, in 16-bit fixed point.
 */
final class YuvFrame {

    private static final int HALF = 1 << 15;

    private final int width;
    private final int height;
    private final Picture picture;

    YuvFrame(int width, int height) {
        this.width = width;
        this.height = height;
        this.picture = Picture.createCropped(
                VideoSpec.macroblocks(width) * 16,
                VideoSpec.macroblocks(height) * 16,
                ColorSpace.YUV420J,
                new Rect(0, 0, width, height));
    }

    /** Fills the picture from {@code rgb}, {@code width} pixels a row, and returns it. */
    Picture fill(int[] rgb) {
        fillLuma(rgb, picture.getPlaneData(0), picture.getPlaneWidth(0));
        fillChroma(rgb, picture.getPlaneData(1), picture.getPlaneData(2), picture.getPlaneWidth(1));
        pad(picture.getPlaneData(0), picture.getPlaneWidth(0), picture.getPlaneHeight(0), width, height);
        pad(picture.getPlaneData(1), picture.getPlaneWidth(1), picture.getPlaneHeight(1), width / 2, height / 2);
        pad(picture.getPlaneData(2), picture.getPlaneWidth(2), picture.getPlaneHeight(2), width / 2, height / 2);
        return picture;
    }

    private void fillLuma(int[] rgb, byte[] luma, int stride) {
        for (int y = 0; y < height; y++) {
            int from = y * width;
            int to = y * stride;
            for (int x = 0; x < width; x++) {
                int pixel = rgb[from + x];
                luma[to + x] = (byte)
                        (((11966 * red(pixel) + 40254 * green(pixel) + 4064 * blue(pixel) + HALF) >> 16) + 16 - 128);
            }
        }
    }

    /** Each chroma sample averages its 2x2 pixels, which keeps coloured edges from stepping. */
    private void fillChroma(int[] rgb, byte[] u, byte[] v, int stride) {
        for (int y = 0; y < height / 2; y++) {
            int top = 2 * y * width;
            int bottom = top + width;
            for (int x = 0; x < width / 2; x++) {
                int p0 = rgb[top + 2 * x];
                int p1 = rgb[top + 2 * x + 1];
                int p2 = rgb[bottom + 2 * x];
                int p3 = rgb[bottom + 2 * x + 1];
                int r = (red(p0) + red(p1) + red(p2) + red(p3) + 2) >> 2;
                int g = (green(p0) + green(p1) + green(p2) + green(p3) + 2) >> 2;
                int b = (blue(p0) + blue(p1) + blue(p2) + blue(p3) + 2) >> 2;
                u[y * stride + x] = (byte) ((-6597 * r - 22187 * g + 28784 * b + HALF) >> 16);
                v[y * stride + x] = (byte) ((28784 * r - 26148 * g - 2636 * b + HALF) >> 16);
            }
        }
    }

    private static int red(int pixel) {
        return (pixel >> 16) & 0xFF;
    }

    private static int green(int pixel) {
        return (pixel >> 8) & 0xFF;
    }

    private static int blue(int pixel) {
        return pixel & 0xFF;
    }

    private static void pad(byte[] plane, int stride, int rows, int usedWidth, int usedHeight) {
        for (int y = 0; y < usedHeight; y++) {
            byte last = plane[y * stride + usedWidth - 1];
            for (int x = usedWidth; x < stride; x++) {
                plane[y * stride + x] = last;
            }
        }
        for (int y = usedHeight; y < rows; y++) {
            System.arraycopy(plane, (usedHeight - 1) * stride, plane, y * stride, stride);
        }
    }
}
