package dev.tollgate.calls;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import java.util.function.Supplier;

/**
 * Receives a reply as the upstream produces it: the API's SSE writer, the non-streaming collector, or the playground.
 * Throwing {@link ClientDisconnectedException} from any method stops the upstream; the request is charged for what
 * was generated until then.
 */
public interface ChatReplyListener {

    /**
     * Before the first event, with the prompt's usage as the upstream reported it when the reply started, or as the
     * gateway counts it when the upstream reports none yet: asked for only by a listener that shows it at the start,
     * since counting a long prompt is work most replies do not need.
     */
    default void onStart(Supplier<TokenCounts> promptUsage) {}

    void onEvent(ChatEvent event);

    /**
     * Sends on what was written so far: called whenever the upstream has nothing more ready, before the reply waits
     * for it, so events that arrived together leave together and none waits while the upstream is silent. A listener
     * that collects the whole reply has nothing to send.
     */
    default void flush() {}

    /**
     * Whether the caller receives the reply as it is produced (a stream). A listener that only collects it (a whole
     * JSON response) delivers nothing before the end, so an upstream failure midway costs the caller nothing.
     */
    default boolean deliversIncrementally() {
        return true;
    }

    /** The upstream failed after output had begun; the reply ends here without a normal finish. */
    default void onFailure(String message) {}
}
