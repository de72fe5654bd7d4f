package dev.tollgate.provider.simulator.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;

/** A gradient from the zenith down to the horizon line; below it the horizon's colour continues. */
record Sky(Rectangle2D bounds, double horizonY, Color zenith, Color horizon) implements Layer {

    @Override
    public void paint(Graphics2D graphics) {
        graphics.setPaint(new GradientPaint(0f, 0f, zenith, 0f, (float) horizonY, horizon));
        graphics.fill(bounds);
    }
}
