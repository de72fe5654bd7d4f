package dev.tollgate.provider.channel;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.ModelKind;

/** A channel ready to call: its stored row, its adapters, and its guard. */
record LiveChannel(ChannelRow row, ChannelClients clients, ChannelGuard guard) {

    String name() {
        return row.name();
    }

    /** Whether the channel is on and takes the model: the simulator takes every model, the others those they map. */
    boolean serves(ModelId model, ModelKind kind) {
        return row.enabled()
                && row.kind().serves(kind)
                && (row.kind().builtIn() || row.models().containsKey(model.value()));
    }

    boolean isSimulator() {
        return row.kind().builtIn();
    }
}
