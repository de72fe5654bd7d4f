package dev.tollgate.provider.simulator.image;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.geom.AffineTransform;

/** One word of the prompt as a shape: the word picks the shape and its colour, the picture places it. */
record Motif(Shape outline, Color colour, int alpha) implements Layer {

    /** The word's motif, centred at ({@code x}, {@code y}) and turned by {@code rotation} radians. */
    static Motif of(String word, Palette palette, double x, double y, double radius, double rotation, int alpha) {
        int hash = (int) Seed.of(word).value() & Integer.MAX_VALUE;
        MotifShape shape = MotifShape.values()[hash % MotifShape.values().length];
        Color colour = palette.accents()
                .get(hash / MotifShape.values().length % palette.accents().size());
        AffineTransform placement = AffineTransform.getTranslateInstance(x, y);
        placement.rotate(rotation);
        return new Motif(placement.createTransformedShape(shape.outline(radius)), colour, alpha);
    }

    @Override
    public void paint(Graphics2D graphics) {
        var bounds = outline.getBounds2D();
        graphics.setPaint(new GradientPaint(
                0f,
                (float) bounds.getMinY(),
                translucent(colour.brighter()),
                0f,
                (float) bounds.getMaxY(),
                translucent(colour)));
        graphics.fill(outline);
    }

    private Color translucent(Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }
}
