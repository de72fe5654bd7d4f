package dev.tollgate.provider.simulator.image;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RadialGradientPaint;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;

/** Soft light around a point, fading from {@code alpha} at its centre to nothing at {@code radius}. */
record Glow(Point2D centre, double radius, Color colour, int alpha) implements Layer {

    @Override
    public void paint(Graphics2D graphics) {
        graphics.setPaint(new RadialGradientPaint(centre, (float) radius, new float[] {0f, 0.3f, 1f}, new Color[] {
            withAlpha(alpha), withAlpha(alpha / 3), withAlpha(0)
        }));
        graphics.fill(new Ellipse2D.Double(centre.getX() - radius, centre.getY() - radius, 2 * radius, 2 * radius));
    }

    private Color withAlpha(int value) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), value);
    }
}
