package dev.tollgate.gateway.responses;

import dev.tollgate.calls.ChatReplyListener;
import dev.tollgate.gateway.wire.SseStream;
import dev.tollgate.provider.ChatEvent;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A reply on its way to a Responses caller, streamed as server-sent events or gathered into one Response object. When
 * the channel speaks Responses itself, its events arrive {@link ChatEvent.Relayed relayed} ahead of the canonical ones,
 * and the caller receives them as they came, with the gateway's response id and the model as the caller named it;
 * otherwise the event chain is built from the canonical events. Either way the finished Response is kept for storage.
 */
final class ResponsesReply implements ChatReplyListener {

    private static final Set<String> TERMINAL = Set.of("response.completed", "response.incomplete", "response.failed");

    private enum Mode {
        UNDECIDED,
        BUILT,
        RELAYED
    }

    private final ResponseShell shell;
    private final @Nullable SseStream sse;
    private final Runnable beforeBuiltReply;
    private final OutputItems items;
    private Mode mode = Mode.UNDECIDED;
    private @Nullable ObjectNode finished;
    private @Nullable ObjectNode relayedFinish;
    private long lastRelayedSequence = -1;

    /**
     * @param sse where events go as they happen; null for a whole reply
     * @param beforeBuiltReply runs once before the first event of a reply the gateway builds (not a relayed one),
     *     while the response's headers can still be set
     */
    ResponsesReply(
            JsonMapper json,
            ResponseShell shell,
            boolean encryptedReasoning,
            @Nullable SseStream sse,
            Runnable beforeBuiltReply) {
        this.shell = shell;
        this.sse = sse;
        this.beforeBuiltReply = beforeBuiltReply;
        this.items = new OutputItems(json, shell, encryptedReasoning, this::send);
    }

    @Override
    public void onEvent(ChatEvent event) {
        if (mode == Mode.UNDECIDED) {
            mode = event instanceof ChatEvent.Relayed ? Mode.RELAYED : Mode.BUILT;
            if (mode == Mode.BUILT) {
                beforeBuiltReply.run();
                items.begin();
            }
        }
        if (event instanceof ChatEvent.Relayed relayed) {
            relay(relayed.event());
            return;
        }
        items.on(event);
        if (event instanceof ChatEvent.Completed completed) {
            ObjectNode response = items.complete(completed);
            finished = relayedFinish != null ? relayedFinish : response;
        }
    }

    @Override
    public void flush() {
        if (sse != null) {
            sse.flush();
        }
    }

    @Override
    public boolean deliversIncrementally() {
        return sse != null;
    }

    @Override
    public void onFailure(String message) {
        String text = "The upstream model failed mid-reply: " + message;
        if (mode == Mode.RELAYED) {
            if (relayedFinish == null) {
                relayedFinish = relayFailure(text);
            }
            finished = relayedFinish;
            return;
        }
        finished = items.fail(text);
    }

    /** The finished Response as the caller received it, or null when the reply never finished (the caller left). */
    @Nullable
    ObjectNode finished() {
        return finished;
    }

    boolean relayed() {
        return mode == Mode.RELAYED;
    }

    private void send(ObjectNode event) {
        if (mode == Mode.BUILT && sse != null) {
            sse.event(event.path("type").asString(), event);
        }
    }

    private void relay(ObjectNode upstreamEvent) {
        ObjectNode event = upstreamEvent.deepCopy();
        if (event.get("response") instanceof ObjectNode response) {
            ownedBy(response);
            if (TERMINAL.contains(event.path("type").asString(""))) {
                relayedFinish = response;
            }
        }
        JsonNode sequence = event.get("sequence_number");
        if (sequence != null && sequence.canConvertToLong()) {
            lastRelayedSequence = sequence.longValue();
        }
        if (sse != null) {
            sse.event(event.path("type").asString(), event);
        }
    }

    /** The upstream's response made the gateway's: its id, the caller's model and the caller's settings for state. */
    private void ownedBy(ObjectNode response) {
        response.put("id", shell.id());
        response.put("model", shell.model());
        response.set("previous_response_id", shell.echo().get("previous_response_id"));
        response.set("store", shell.echo().get("store"));
    }

    /** A relayed reply whose upstream broke off without its own end: ended as a built one ends. */
    private ObjectNode relayFailure(String message) {
        ObjectNode failed = shell.response(ResponseShell.Status.FAILED, List.of(), null, 0, null, message);
        if (sse != null) {
            ObjectNode error = JsonNodeFactory.instance.objectNode();
            error.put("type", "error");
            error.put("sequence_number", ++lastRelayedSequence);
            error.put("code", "server_error");
            error.put("message", message);
            error.putNull("param");
            sse.event("error", error);
            ObjectNode event = JsonNodeFactory.instance.objectNode();
            event.put("type", "response.failed");
            event.put("sequence_number", ++lastRelayedSequence);
            event.set("response", failed);
            sse.event("response.failed", event);
        }
        return failed;
    }
}
