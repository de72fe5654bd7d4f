package dev.tollgate.provider.simulator.video;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.LinearGradientPaint;
import java.awt.RadialGradientPaint;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Point2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.util.List;

/**
 * Paints the storyboard at a moment of the clip: a drifting gradient sky with a wandering glow, specks of light, the
 * word shapes, a "simulated" badge with the running time, the prompt as a caption and a progress bar along the
 * bottom edge. Sizes follow the frame's shorter side, so portrait and landscape clips look alike.
 */
final class FramePainter {

    private static final int CAPTION_LINES = 3;
    private static final FontRenderContext TEXT = new FontRenderContext(null, true, true);

    private final Storyboard storyboard;
    private final int width;
    private final int height;
    private final int seconds;
    private final double unit;
    private final List<Shape> outlines;
    private final Font labelFont;
    private final Font badgeFont;
    private final Font captionFont;
    private final List<String> captionLines;

    FramePainter(Storyboard storyboard, int width, int height, int seconds) {
        this.storyboard = storyboard;
        this.width = width;
        this.height = height;
        this.seconds = seconds;
        this.unit = Math.min(width, height);
        this.outlines = storyboard.motifs().stream()
                .map(motif -> motif.shape().outline(motif.size() * unit))
                .toList();
        this.labelFont = new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.max(10, unit / 30));
        this.badgeFont = new Font(Font.SANS_SERIF, Font.BOLD, (int) Math.max(9, unit / 40));
        this.captionFont = new Font(Font.SANS_SERIF, Font.PLAIN, (int) Math.max(11, unit / 22));
        this.captionLines = Caption.wrap(storyboard.caption(), captionFont, TEXT, width - 4 * margin(), CAPTION_LINES);
    }

    void paint(Graphics2D g, double time) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setComposite(AlphaComposite.SrcOver);
        sky(g, time);
        motes(g, time);
        motifs(g, time);
        badge(g, time);
        caption(g);
        progressBar(g, time);
    }

    private void sky(Graphics2D g, double time) {
        Palette palette = storyboard.palette();
        double sway = width * 0.35 * Math.sin(0.35 * time);
        g.setPaint(new LinearGradientPaint(
                (float) (width / 2.0 + sway),
                0,
                (float) (width / 2.0 - sway),
                height,
                new float[] {0f, 1f},
                new Color[] {palette.skyTop(), palette.skyBottom()}));
        g.fillRect(0, 0, width, height);

        Point2D.Double centre = new Point2D.Double(
                width * (0.5 + 0.3 * Math.sin(0.4 * time)), height * (0.35 + 0.12 * Math.cos(0.5 * time)));
        float radius = (float) (0.55 * Math.max(width, height));
        Color accent = palette.accent();
        g.setPaint(new RadialGradientPaint(
                centre, radius, new float[] {0f, 1f}, new Color[] {translucent(accent, 110), translucent(accent, 0)}));
        g.fill(new Ellipse2D.Double(centre.x - radius, centre.y - radius, 2 * radius, 2 * radius));
    }

    private void motes(Graphics2D g, double time) {
        for (Mote mote : storyboard.motes()) {
            double r = mote.radius() * unit;
            g.setColor(new Color(255, 255, 255, mote.alpha()));
            g.fill(new Ellipse2D.Double(mote.xAt(time) * width - r, mote.y() * height - r, 2 * r, 2 * r));
        }
    }

    private void motifs(Graphics2D g, double time) {
        BasicStroke edge = new BasicStroke((float) Math.max(1.5, unit / 240));
        g.setFont(labelFont);
        for (int i = 0; i < outlines.size(); i++) {
            Motif motif = storyboard.motifs().get(i);
            Point2D.Double at = motif.positionAt(time, width, height, motif.size() * unit / 2);
            AffineTransform place = AffineTransform.getTranslateInstance(at.x, at.y);
            place.rotate(motif.angleAt(time));
            Shape shape = place.createTransformedShape(outlines.get(i));
            double drop = unit / 90;
            g.setColor(new Color(0, 0, 0, 70));
            g.fill(AffineTransform.getTranslateInstance(drop, drop).createTransformedShape(shape));
            g.setColor(translucent(motif.colour(), 225));
            g.fill(shape);
            g.setStroke(edge);
            g.setColor(new Color(255, 255, 255, 150));
            g.draw(shape);
            if (!motif.word().isEmpty()) {
                double below = at.y + motif.size() * unit * 0.5 + labelFont.getSize() * 1.3;
                g.setColor(new Color(0, 0, 0, 110));
                centredText(g, motif.word(), at.x + drop / 2, below + drop / 2);
                g.setColor(Color.WHITE);
                centredText(g, motif.word(), at.x, below);
            }
        }
    }

    private void badge(Graphics2D g, double time) {
        g.setFont(badgeFont);
        double pad = badgeFont.getSize() * 0.6;
        String label = "SIMULATED";
        Rectangle2D bounds = badgeFont.getStringBounds(label, TEXT);
        g.setColor(new Color(0, 0, 0, 120));
        g.fill(new RoundRectangle2D.Double(
                margin(), margin(), bounds.getWidth() + 2 * pad, bounds.getHeight() + pad, pad * 2, pad * 2));
        g.setColor(Color.WHITE);
        g.drawString(label, (float) (margin() + pad), (float) (margin() + pad / 2 - bounds.getY()));

        int elapsed = Math.min(seconds, (int) time);
        String clock = String.format("%d:%02d / %d:%02d", elapsed / 60, elapsed % 60, seconds / 60, seconds % 60);
        Rectangle2D clockBounds = badgeFont.getStringBounds(clock, TEXT);
        g.drawString(clock, (float) (width - margin() - pad - clockBounds.getWidth()), (float)
                (margin() + pad / 2 - clockBounds.getY()));
    }

    private void caption(Graphics2D g) {
        double lineHeight = captionFont.getSize() * 1.3;
        double pad = captionFont.getSize() * 0.7;
        double bandHeight = captionLines.size() * lineHeight + 2 * pad;
        double top = height - 1.5 * margin() - bandHeight;
        g.setColor(new Color(0, 0, 0, 140));
        g.fill(new RoundRectangle2D.Double(margin(), top, width - 2 * margin(), bandHeight, pad * 2, pad * 2));
        g.setColor(Color.WHITE);
        g.setFont(captionFont);
        for (int i = 0; i < captionLines.size(); i++) {
            centredText(g, captionLines.get(i), width / 2.0, top + pad + lineHeight * (i + 0.78));
        }
    }

    private void progressBar(Graphics2D g, double time) {
        int thickness = (int) Math.max(3, unit / 150);
        g.setColor(new Color(255, 255, 255, 50));
        g.fillRect(0, height - thickness, width, thickness);
        g.setColor(storyboard.palette().accent());
        g.fill(new Rectangle2D.Double(0, height - thickness, width * Math.min(1, time / seconds), thickness));
    }

    private void centredText(Graphics2D g, String text, double centreX, double baseline) {
        double textWidth = g.getFont().getStringBounds(text, TEXT).getWidth();
        g.drawString(text, (float) (centreX - textWidth / 2), (float) baseline);
    }

    private double margin() {
        return unit * 0.04;
    }

    private static Color translucent(Color colour, int alpha) {
        return new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), alpha);
    }
}
