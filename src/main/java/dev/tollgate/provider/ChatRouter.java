package dev.tollgate.provider;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.simulator.SimulatorChatProvider;
import org.springframework.stereotype.Service;

/**
 * Picks the upstream that answers a model's chat requests. Until real channels are configured the simulator serves
 * every model; with it disabled, no model is served.
 */
@Service
public class ChatRouter {

    private final SimulatorChatProvider simulator;

    ChatRouter(SimulatorChatProvider simulator) {
        this.simulator = simulator;
    }

    /**
     * The upstream for this model.
     *
     * @throws NoUpstreamChannelException when no upstream serves the model
     */
    public ChatProvider forModel(ModelId model) {
        if (simulator.enabled()) {
            return simulator;
        }
        throw new NoUpstreamChannelException(model.value());
    }
}
