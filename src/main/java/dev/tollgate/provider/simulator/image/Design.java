package dev.tollgate.provider.simulator.image;

import java.awt.Graphics2D;

/**
 * The units compositions are laid out in: the picture's shorter side is 1000 of them, whatever its pixel size, so a
 * 4096×4096 image is the 1024×1024 one drawn finer.
 */
record Design(double width, double height, double scale) {

    static final double SHORTER_SIDE = 1000;

    static Design of(int pixelWidth, int pixelHeight) {
        double scale = Math.min(pixelWidth, pixelHeight) / SHORTER_SIDE;
        return new Design(pixelWidth / scale, pixelHeight / scale, scale);
    }

    /** Makes {@code graphics} draw in design units. */
    void apply(Graphics2D graphics) {
        graphics.scale(scale, scale);
    }
}
