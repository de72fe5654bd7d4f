package dev.tollgate.provider;

import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.provider.channel.Failover;
import org.springframework.stereotype.Service;

/** Whether a model can be served now: by an enabled channel, the simulator's included. */
@Service
public class ModelAvailability {

    private final Failover failover;

    ModelAvailability(Failover failover) {
        this.failover = failover;
    }

    public boolean isServed(CatalogModel model) {
        return failover.hasChannels(model.id(), model.kind());
    }
}
