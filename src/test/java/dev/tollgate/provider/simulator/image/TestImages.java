package dev.tollgate.provider.simulator.image;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.Resolution;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.InputImage;
import java.awt.AlphaComposite;
import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;

/** Requests, input images and pixel measures for the image tests. */
final class TestImages {

    static final ModelId MODEL = new ModelId("openai/gpt-image-1");
    static final String PROMPT = "A lighthouse on a rocky coast at sunset, watercolor style";

    private TestImages() {}

    static ImageRequest generation(String prompt, int size, int count) {
        return ImageRequest.generation(MODEL, prompt, new Resolution(size, size), count);
    }

    static ImageRequest edit(String prompt, int size, byte[] input, byte @Nullable [] mask) {
        return new ImageRequest(
                MODEL,
                prompt,
                new Resolution(size, size),
                1,
                List.of(InputImage.of(input).orElseThrow()),
                mask == null ? null : InputImage.of(mask).orElseThrow());
    }

    static byte[] render(ImageRequest request, int index) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageRenderer.forRequest(request).writePng(index, out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A photo stand-in: a diagonal gradient with a few discs, so scaling and grading have something to show. */
    static BufferedImage scene(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = image.createGraphics();
        graphics.setPaint(new GradientPaint(0, 0, new Color(30, 90, 160), width, height, new Color(240, 200, 120)));
        graphics.fillRect(0, 0, width, height);
        graphics.setColor(new Color(200, 40, 60));
        graphics.fillOval(width / 10, height / 10, width / 3, height / 3);
        graphics.setColor(new Color(20, 140, 70));
        graphics.fillOval(width / 2, height / 2, width / 3, height / 3);
        graphics.dispose();
        return image;
    }

    /** A mask whose left {@code transparentShare} is transparent (may change) and the rest opaque. */
    static BufferedImage leftMask(int width, int height, double transparentShare) {
        BufferedImage mask = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D graphics = mask.createGraphics();
        graphics.setColor(Color.BLACK);
        graphics.fillRect(0, 0, width, height);
        graphics.setComposite(AlphaComposite.Clear);
        graphics.fillRect(0, 0, (int) (width * transparentShare), height);
        graphics.dispose();
        return mask;
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
            if (image == null) {
                throw new IllegalStateException("Not an image ImageIO reads");
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    /** The standard deviation of luminance, 0 to 255: how much the picture varies at all. */
    static double luminanceSpread(BufferedImage image) {
        double sum = 0;
        double squares = 0;
        long count = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                double luminance = luminance(image.getRGB(x, y));
                sum += luminance;
                squares += luminance * luminance;
                count++;
            }
        }
        double mean = sum / count;
        return Math.sqrt(squares / count - mean * mean);
    }

    /** The share of pixels in the region whose colour differs by more than {@code tolerance} in some channel. */
    static double changedShare(BufferedImage a, BufferedImage b, int fromX, int toX, int tolerance) {
        long changed = 0;
        long count = 0;
        for (int y = 0; y < a.getHeight(); y += 2) {
            for (int x = fromX; x < toX; x += 2) {
                if (channelDistance(a.getRGB(x, y), b.getRGB(x, y)) > tolerance) {
                    changed++;
                }
                count++;
            }
        }
        return (double) changed / count;
    }

    static int channelDistance(int rgb, int other) {
        int distance = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            distance = Math.max(distance, Math.abs(((rgb >> shift) & 0xFF) - ((other >> shift) & 0xFF)));
        }
        return distance;
    }

    private static double luminance(int rgb) {
        return 0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
    }
}
