package dev.tollgate.provider.simulator;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.VideoProvider;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoTaskStatus;
import java.io.OutputStream;
import org.springframework.stereotype.Component;

/** A video upstream that needs no provider. */
@Component
public final class SimulatorVideoProvider implements VideoProvider {

    private final SimulatorProperties properties;

    public SimulatorVideoProvider(SimulatorProperties properties) {
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
    public String submit(VideoRequest request) {
        throw new UpstreamException("The simulator makes no videos yet", false);
    }

    @Override
    public VideoTaskStatus poll(String taskId, VideoRequest request) {
        throw new UpstreamException("The simulator makes no videos yet", false);
    }

    @Override
    public VideoResult download(String taskId, VideoRequest request, OutputStream target) {
        throw new UpstreamException("The simulator makes no videos yet", false);
    }
}
