package dev.tollgate.provider.simulator.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.util.Random;

/** A range of hills across the picture, its crest a sum of a few sine waves, shaded darker towards its foot. */
record Ridge(Shape outline, double crestY, double footY, Color colour) implements Layer {

    private static final int WAVES = 3;
    private static final double STEP = 6;

    /** A ridge around {@code baseY}, rising and falling by up to {@code amplitude}, down to {@code footY}. */
    static Ridge random(Random random, double width, double baseY, double amplitude, double footY, Color colour) {
        double[] frequency = new double[WAVES];
        double[] phase = new double[WAVES];
        double[] share = new double[WAVES];
        for (int wave = 0; wave < WAVES; wave++) {
            frequency[wave] = (wave + 1 + random.nextDouble()) * Math.PI / width;
            phase[wave] = random.nextDouble() * 2 * Math.PI;
            share[wave] = amplitude / (wave + 1);
        }
        Path2D.Double crest = new Path2D.Double();
        crest.moveTo(0, footY);
        for (double x = 0; x <= width + STEP; x += STEP) {
            double y = baseY;
            for (int wave = 0; wave < WAVES; wave++) {
                y += share[wave] * Math.sin(frequency[wave] * x + phase[wave]);
            }
            crest.lineTo(x, y);
        }
        crest.lineTo(width + STEP, footY);
        crest.closePath();
        return new Ridge(crest, baseY - amplitude * 1.8, footY, colour);
    }

    @Override
    public void paint(Graphics2D graphics) {
        graphics.setPaint(new GradientPaint(0f, (float) crestY, colour, 0f, (float) footY, colour.darker()));
        graphics.fill(outline);
    }
}
