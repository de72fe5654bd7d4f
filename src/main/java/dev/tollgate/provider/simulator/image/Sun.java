package dev.tollgate.provider.simulator.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;

/** A disc with a soft glow around it. */
record Sun(Point2D centre, double radius, Color colour) implements Layer {

    private static final double GLOW = 3.5;
    private static final int GLOW_ALPHA = 150;

    @Override
    public void paint(Graphics2D graphics) {
        new Glow(centre, radius * GLOW, colour, GLOW_ALPHA).paint(graphics);
        graphics.setColor(colour);
        graphics.fill(new Ellipse2D.Double(centre.getX() - radius, centre.getY() - radius, 2 * radius, 2 * radius));
    }
}
