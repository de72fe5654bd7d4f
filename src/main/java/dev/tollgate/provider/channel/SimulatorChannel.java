package dev.tollgate.provider.channel;

import java.util.Map;

/**
 * The built-in simulator's channel: its fixed settings. Its name is the one usage rows and video jobs have always
 * recorded for the simulator; its priority lies beyond the range administrators can give, so it is listed after every
 * real channel. Routing goes further than that order: the simulator stands in only for models no other enabled channel
 * serves, and never takes over from one that fails.
 */
final class SimulatorChannel {

    static final String NAME = "simulator";

    /** One past the largest priority an administrator can give. */
    static final int PRIORITY = ChannelRules.LAST_PRIORITY + 1;

    private SimulatorChannel() {}

    /** Everything the simulator's channel is; only {@code enabled} is anyone's to choose. */
    static ChannelDraft draft(boolean enabled) {
        return new ChannelDraft(
                NAME,
                ChannelKind.SIMULATOR,
                "",
                null,
                null,
                Map.of(),
                PRIORITY,
                1,
                ChannelDraft.DEFAULT_CONNECT_TIMEOUT,
                ChannelDraft.DEFAULT_TIMEOUT,
                enabled);
    }
}
