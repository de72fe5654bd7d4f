package dev.tollgate.provider.simulator.image;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;

/** A band of rows of the picture being painted, reused from the top of the picture to the bottom. */
final class Strip {

    /** About a megabyte of pixels: 256 rows of a 1024-wide picture, 64 of a 4096-wide one. */
    private static final int PIXELS = 1 << 18;

    private final BufferedImage image;
    private final int[] pixels;
    private int top;
    private int rows;

    Strip(int width, int capacity) {
        this.image = new BufferedImage(width, capacity, BufferedImage.TYPE_INT_RGB);
        this.pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        this.rows = capacity;
    }

    /** A strip sized for pictures {@code width} wide. */
    static Strip forWidth(int width) {
        return new Strip(width, Math.max(1, PIXELS / width));
    }

    /** Makes this strip stand for {@code rows} rows from {@code top}. */
    void moveTo(int top, int rows) {
        if (rows < 1 || rows > capacity()) {
            throw new IllegalArgumentException("A strip holds 1 to " + capacity() + " rows");
        }
        this.top = top;
        this.rows = rows;
    }

    int top() {
        return top;
    }

    int rows() {
        return rows;
    }

    int width() {
        return image.getWidth();
    }

    int capacity() {
        return image.getHeight();
    }

    /** The strip's pixels as 0xRRGGBB, row after row; only the first {@link #rows()} rows count. */
    int[] pixels() {
        return pixels;
    }

    /**
     * Graphics that draw in the whole picture's pixel coordinates and touch only this strip's rows. Integral offsets
     * keep antialiased edges identical on both sides of a strip boundary. The caller disposes them.
     */
    Graphics2D graphics() {
        Graphics2D graphics = image.createGraphics();
        graphics.setClip(0, 0, width(), rows);
        graphics.translate(0, -top);
        graphics.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        graphics.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        graphics.setRenderingHint(RenderingHints.KEY_COLOR_RENDERING, RenderingHints.VALUE_COLOR_RENDER_QUALITY);
        return graphics;
    }
}
