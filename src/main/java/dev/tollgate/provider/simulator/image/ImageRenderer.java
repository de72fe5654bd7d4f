package dev.tollgate.provider.simulator.image;

import dev.tollgate.provider.ImageRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * Paints the images an image request asks for and writes each as a PNG a strip of rows at a time: whatever the
 * resolution, only a strip of pixels is ever in memory.
 */
public final class ImageRenderer {

    private final ImageRequest request;
    private final String revisedPrompt;

    private ImageRenderer(ImageRequest request) {
        this.request = request;
        this.revisedPrompt = revise(request);
    }

    /** A renderer for the request. */
    public static ImageRenderer forRequest(ImageRequest request) throws IOException {
        return new ImageRenderer(request);
    }

    public int width() {
        return request.resolution().width();
    }

    public int height() {
        return request.resolution().height();
    }

    /** The prompt as the pictures interpret it, the same for every image of the request. */
    public String revisedPrompt() {
        return revisedPrompt;
    }

    /**
     * Writes the image at {@code index} of the request to {@code out} as a PNG, leaving {@code out} open.
     *
     * @throws InterruptedIOException when the thread is interrupted while painting
     */
    public void writePng(int index, OutputStream out) throws IOException {
        Picture picture = picture(index);
        Strip strip = Strip.forWidth(width());
        try (PngEncoder png = new PngEncoder(out, width(), height())) {
            for (int top = 0; top < height(); top += strip.capacity()) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedIOException("Painting was interrupted");
                }
                int rows = Math.min(strip.capacity(), height() - top);
                strip.moveTo(top, rows);
                picture.paint(strip);
                png.writeRows(strip.pixels(), rows);
            }
            png.finish();
        }
    }

    private Picture picture(int index) {
        return Landscape.of(request.model().value(), request.prompt(), index, width(), height());
    }

    /** The prompt without its closing punctuation, followed by the treatment and the palette's tones. */
    private static String revise(ImageRequest request) {
        String tone = Palette.from(
                        Seed.of(request.model().value(), request.prompt()).random())
                .tone()
                .label();
        String prompt = request.prompt().strip().replaceAll("[\\p{Punct}\\s]+$", "");
        String treatment = request.isEdit() ? "graded" : "painted as a layered landscape";
        return prompt.isEmpty()
                ? capitalise(treatment) + " in " + tone + " tones"
                : prompt + ", " + treatment + " in " + tone + " tones";
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
