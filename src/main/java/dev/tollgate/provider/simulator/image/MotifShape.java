package dev.tollgate.provider.simulator.image;

import dev.tollgate.provider.simulator.Outlines;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Area;
import java.awt.geom.Ellipse2D;
import java.awt.geom.RoundRectangle2D;

/** The shapes a word can become, each drawn around the origin within a circle of the given radius. */
enum MotifShape {
    DISC {
        @Override
        Shape outline(double r) {
            return new Ellipse2D.Double(-r, -r, 2 * r, 2 * r);
        }
    },
    RING {
        @Override
        Shape outline(double r) {
            Area ring = new Area(DISC.outline(r));
            ring.subtract(new Area(DISC.outline(r * 0.55)));
            return ring;
        }
    },
    TILE {
        @Override
        Shape outline(double r) {
            double side = r * 1.4;
            return new RoundRectangle2D.Double(-side / 2, -side / 2, side, side, side / 3, side / 3);
        }
    },
    TRIANGLE {
        @Override
        Shape outline(double r) {
            return Outlines.polygon(3, r, r);
        }
    },
    STAR {
        @Override
        Shape outline(double r) {
            return Outlines.polygon(5, r, r * 0.45);
        }
    },
    FLOWER {
        @Override
        Shape outline(double r) {
            Area flower = new Area();
            for (int petal = 0; petal < 6; petal++) {
                Shape ellipse = new Ellipse2D.Double(r * 0.1, -r * 0.22, r * 0.9, r * 0.44);
                flower.add(new Area(
                        AffineTransform.getRotateInstance(petal * Math.PI / 3).createTransformedShape(ellipse)));
            }
            flower.add(new Area(DISC.outline(r * 0.3)));
            return flower;
        }
    };

    abstract Shape outline(double radius);
}
