package dev.tollgate.provider;

import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.provider.channel.Failover;
import dev.tollgate.provider.simulator.SimulatorProperties;
import org.springframework.stereotype.Service;

/** Whether a model can be served now: by an enabled channel, or by the simulator while it is on. */
@Service
public class ModelAvailability {

    private final SimulatorProperties simulator;
    private final Failover failover;

    ModelAvailability(SimulatorProperties simulator, Failover failover) {
        this.simulator = simulator;
        this.failover = failover;
    }

    public boolean isServed(CatalogModel model) {
        return simulator.enabled() || failover.hasChannels(model.id(), model.kind());
    }
}
