package dev.tollgate.provider;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.simulator.SimulatorImageProvider;
import org.springframework.stereotype.Service;

/** Picks the upstream that renders a model's images; the simulator until real channels are configured. */
@Service
public class ImageRouter {

    private final SimulatorImageProvider simulator;

    ImageRouter(SimulatorImageProvider simulator) {
        this.simulator = simulator;
    }

    /**
     * The upstream for this model.
     *
     * @throws NoUpstreamChannelException when no upstream serves the model
     */
    public ImageProvider forModel(ModelId model) {
        if (simulator.enabled()) {
            return simulator;
        }
        throw new NoUpstreamChannelException(model.value());
    }
}
