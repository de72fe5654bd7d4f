package dev.tollgate.provider.simulator;

import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageProvider;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.ImageSink;
import dev.tollgate.provider.UpstreamException;
import java.util.List;
import org.springframework.stereotype.Component;

/** An image upstream that needs no provider: renders images from the prompt alone. */
@Component
public final class SimulatorImageProvider implements ImageProvider {

    private final SimulatorProperties properties;

    public SimulatorImageProvider(SimulatorProperties properties) {
        this.properties = properties;
    }

    public boolean enabled() {
        return properties.enabled();
    }

    @Override
    public String channelName() {
        return "simulator";
    }

    @Override
    public List<GeneratedImage> generate(ImageRequest request, ImageSink sink) {
        throw new UpstreamException("The simulator renders no images yet", false);
    }
}
