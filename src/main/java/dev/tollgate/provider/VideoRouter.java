package dev.tollgate.provider;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.simulator.SimulatorVideoProvider;
import org.springframework.stereotype.Service;

/** Picks the upstream that makes a model's videos; the simulator until real channels are configured. */
@Service
public class VideoRouter {

    private final SimulatorVideoProvider simulator;

    VideoRouter(SimulatorVideoProvider simulator) {
        this.simulator = simulator;
    }

    /**
     * The upstream for this model.
     *
     * @throws NoUpstreamChannelException when no upstream serves the model
     */
    public VideoProvider forModel(ModelId model) {
        if (simulator.enabled()) {
            return simulator;
        }
        throw new NoUpstreamChannelException(model.value());
    }
}
