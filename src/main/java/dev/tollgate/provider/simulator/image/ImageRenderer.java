package dev.tollgate.provider.simulator.image;

import dev.tollgate.provider.ImageRequest;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import org.jspecify.annotations.Nullable;

/**
 * Paints the images an image request asks for, generations or edits, and writes each as a PNG a strip of rows at a
 * time: whatever the resolution, only a strip of pixels (and, for an edit, the decoded source) is ever in memory.
 */
public final class ImageRenderer {

    private final ImageRequest request;
    private final @Nullable EditSource editSource;
    private final String revisedPrompt;

    private ImageRenderer(ImageRequest request, @Nullable EditSource editSource) {
        this.request = request;
        this.editSource = editSource;
        this.revisedPrompt = revise(request);
    }

    /**
     * A renderer for the request; an edit's source image and mask are decoded here, once for all its images.
     *
     * @throws IOException when an edit's image or mask cannot be decoded
     */
    public static ImageRenderer forRequest(ImageRequest request) throws IOException {
        return new ImageRenderer(request, request.isEdit() ? EditSource.decode(request) : null);
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
        // checked before the picture is set up too: font and class loading on the way may swallow the flag
        throwIfInterrupted();
        Picture picture = picture(index);
        Strip strip = Strip.forWidth(width());
        try (PngEncoder png = new PngEncoder(out, width(), height())) {
            for (int top = 0; top < height(); top += strip.capacity()) {
                throwIfInterrupted();
                int rows = Math.min(strip.capacity(), height() - top);
                strip.moveTo(top, rows);
                picture.paint(strip);
                png.writeRows(strip.pixels(), rows);
            }
            png.finish();
        }
    }

    private static void throwIfInterrupted() throws InterruptedIOException {
        if (Thread.currentThread().isInterrupted()) {
            throw new InterruptedIOException("Painting was interrupted");
        }
    }

    private Picture picture(int index) {
        String model = request.model().value();
        if (editSource != null) {
            return Retouch.of(editSource, model, request.prompt(), index, width(), height());
        }
        return Landscape.of(model, request.prompt(), index, width(), height());
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
