package dev.tollgate.provider.simulator.video;

import java.awt.Color;
import java.awt.geom.Point2D;

/**
 * One of the prompt's words as a shape drifting across the frame on a Lissajous path and turning as it goes.
 * Positions and sizes are fractions of the frame, speeds are radians a second, so a clip's motion looks the same at
 * any size and length. The path's fractions stay within [0, 1] and span the room left once the shape's own size is
 * kept from the edges, so a shape never leaves the frame.
 *
 * @param word the label under the shape, empty for a shape that stands for no word
 * @param size across, as a fraction of the frame's shorter side
 */
record Motif(
        String word,
        MotifShape shape,
        Color colour,
        double size,
        double centreX,
        double centreY,
        double swayX,
        double swayY,
        double speedX,
        double speedY,
        double phase,
        double spin) {

    /** Where the shape's centre is after {@code seconds}, in pixels, keeping {@code radius} pixels from the edges. */
    Point2D.Double positionAt(double seconds, int width, int height, double radius) {
        double x = centreX + swayX * Math.sin(speedX * seconds + phase);
        double y = centreY + swayY * Math.sin(speedY * seconds + phase * 1.7);
        return new Point2D.Double(radius + x * (width - 2 * radius), radius + y * (height - 2 * radius));
    }

    double angleAt(double seconds) {
        return phase + spin * seconds;
    }
}
