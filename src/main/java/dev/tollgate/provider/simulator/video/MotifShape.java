package dev.tollgate.provider.simulator.video;

import dev.tollgate.provider.simulator.Outlines;
import java.awt.Shape;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;

/** The outlines a word can take on screen, each centred on the origin and {@code size} across. */
enum MotifShape {
    CIRCLE {
        @Override
        Shape outline(double size) {
            return new Ellipse2D.Double(-size / 2, -size / 2, size, size);
        }
    },
    SQUARE {
        @Override
        Shape outline(double size) {
            double side = size * 0.82;
            return new RoundRectangle2D.Double(-side / 2, -side / 2, side, side, side / 4, side / 4);
        }
    },
    TRIANGLE {
        @Override
        Shape outline(double size) {
            return Outlines.polygon(3, size / 2, size / 2);
        }
    },
    DIAMOND {
        @Override
        Shape outline(double size) {
            return Outlines.polygon(4, size / 2, size / 2);
        }
    },
    HEXAGON {
        @Override
        Shape outline(double size) {
            return Outlines.polygon(6, size / 2, size / 2);
        }
    },
    STAR {
        @Override
        Shape outline(double size) {
            return Outlines.polygon(5, size / 2, size / 4.5);
        }
    },
    RING {
        @Override
        Shape outline(double size) {
            Area ring = new Area(CIRCLE.outline(size));
            ring.subtract(new Area(CIRCLE.outline(size * 0.55)));
            return ring;
        }
    };

    abstract Shape outline(double size);
}
