package dev.tollgate.provider.simulator;

import java.awt.Shape;
import java.awt.geom.Path2D;

/** Outlines both of the simulator's painters draw: the image renderer's motifs and the video renderer's shapes. */
public final class Outlines {

    private Outlines() {}

    /**
     * A regular polygon centred on the origin with its first point up, or a star when {@code inner} is smaller than
     * {@code outer}.
     */
    public static Shape polygon(int points, double outer, double inner) {
        boolean star = inner < outer;
        int corners = star ? points * 2 : points;
        Path2D.Double path = new Path2D.Double();
        for (int corner = 0; corner < corners; corner++) {
            double angle = -Math.PI / 2 + corner * 2 * Math.PI / corners;
            double radius = star && corner % 2 == 1 ? inner : outer;
            double x = Math.cos(angle) * radius;
            double y = Math.sin(angle) * radius;
            if (corner == 0) {
                path.moveTo(x, y);
            } else {
                path.lineTo(x, y);
            }
        }
        path.closePath();
        return path;
    }
}
