package dev.tollgate.provider.simulator;

import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.ImageProvider;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.ImageSink;
import dev.tollgate.provider.UnreadableInputException;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.simulator.image.ImageRenderer;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * An image upstream that needs no provider: after the configured delay, paints each image from the prompt (or, for
 * an edit, from the caller's image) and streams it out as a PNG.
 */
@Component
public final class SimulatorImageProvider implements ImageProvider {

    private final SimulatorProperties properties;

    public SimulatorImageProvider(SimulatorProperties properties) {
        this.properties = properties;
    }

    @Override
    public String channelName() {
        return "simulator";
    }

    @Override
    public List<GeneratedImage> generate(ImageRequest request, ImageSink sink) {
        awaitImageDelay();
        ImageRenderer renderer = renderer(request);
        List<GeneratedImage> images = new ArrayList<>(request.count());
        for (int index = 0; index < request.count(); index++) {
            try (OutputStream out = sink.open(index)) {
                renderer.writePng(index, out);
            } catch (InterruptedIOException e) {
                throw new UpstreamException("The simulator was interrupted while painting", false, e);
            } catch (IOException e) {
                throw new UpstreamException("The simulator could not write image " + index, false, e);
            }
            images.add(
                    new GeneratedImage(ImageFormat.PNG, renderer.width(), renderer.height(), renderer.revisedPrompt()));
        }
        return images;
    }

    private void awaitImageDelay() {
        try {
            Thread.sleep(properties.imageDelay());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException("The simulator was interrupted before painting", false, e);
        }
    }

    private static ImageRenderer renderer(ImageRequest request) {
        try {
            return ImageRenderer.forRequest(request);
        } catch (IOException e) {
            throw new UnreadableInputException("The image to edit could not be decoded", e);
        }
    }
}
