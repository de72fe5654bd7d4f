package dev.tollgate.provider.simulator.image;

import java.awt.Graphics2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A generated picture: a sky with a sun over layered ridges, the prompt's words floating as motifs, and the prompt
 * as a caption. The palette follows from the model and prompt; the layout also from the image's index, so the images
 * of one request are siblings rather than copies.
 */
final class Landscape implements Picture {

    private static final int MOTIF_ALPHA = 210;
    private static final double MARGIN = 20;

    private final Design design;
    private final List<Layer> layers;

    private Landscape(Design design, List<Layer> layers) {
        this.design = design;
        this.layers = List.copyOf(layers);
    }

    static Landscape of(String model, String prompt, int index, int width, int height) {
        Design design = Design.of(width, height);
        double w = design.width();
        double h = design.height();
        Palette palette = Palette.from(Seed.of(model, prompt).random());
        Random layout = Seed.of(model, prompt, Integer.toString(index)).random();
        double horizon = h * (0.5 + 0.12 * layout.nextDouble());

        List<Layer> layers = new ArrayList<>();
        layers.add(
                new Sky(new Rectangle2D.Double(0, 0, w, h), horizon + h * 0.08, palette.zenith(), palette.horizon()));
        Sun sun = new Sun(
                new Point2D.Double(
                        w * (0.15 + 0.7 * layout.nextDouble()), horizon * (0.3 + 0.45 * layout.nextDouble())),
                45 + 60 * layout.nextDouble(),
                palette.sun());
        layers.add(sun);
        Rectangle2D sky = new Rectangle2D.Double(MARGIN, MARGIN, w - 2 * MARGIN, horizon - 2 * MARGIN);
        layers.addAll(new MotifScatter(palette, layout, 1, MOTIF_ALPHA)
                .scatter(
                        Words.of(prompt),
                        sky,
                        List.of(new MotifScatter.Spot(
                                sun.centre().getX(), sun.centre().getY(), sun.radius()))));
        for (int depth = 0; depth < Palette.RIDGES; depth++) {
            double base = horizon + (h - horizon) * (0.02 + 0.24 * depth);
            double amplitude = (h - horizon) * (0.16 - 0.03 * depth);
            layers.add(
                    Ridge.random(layout, w, base, amplitude, h, palette.ridges().get(depth)));
        }
        Caption.of(prompt, w, h).ifPresent(layers::add);
        return new Landscape(design, layers);
    }

    @Override
    public void paint(Strip strip) {
        Graphics2D graphics = strip.graphics();
        try {
            design.apply(graphics);
            layers.forEach(layer -> layer.paint(graphics));
        } finally {
            graphics.dispose();
        }
    }
}
