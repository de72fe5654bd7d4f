package dev.tollgate.provider;

import dev.tollgate.catalog.ModelKind;
import dev.tollgate.provider.channel.ChannelClients;
import dev.tollgate.provider.channel.Failover;
import dev.tollgate.provider.channel.Routed;
import dev.tollgate.provider.simulator.SimulatorChatProvider;
import java.util.Objects;
import org.springframework.stereotype.Service;

/**
 * Sends chat requests to the channels serving the model, failing over between them until one starts answering. The
 * simulator is one of those channels, for the models no other enabled channel serves.
 */
@Service
public class ChatRouter {

    private final SimulatorChatProvider simulator;
    private final Failover failover;

    ChatRouter(SimulatorChatProvider simulator, Failover failover) {
        this.simulator = simulator;
        this.failover = failover;
    }

    /**
     * Checks that every channel that may serve the request can honour what it carries beyond the canonical fields, so
     * a refusal comes before credit is held and does not depend on which channel failover happens to pick. The
     * simulator accepts every field and checks the signatures of thinking echoed back to it.
     *
     * @throws UnsupportedFieldException naming a field one of the channels cannot honour
     */
    public void admit(ChatRequest request) {
        if (request.extras().isEmpty() && !echoesThinking(request)) {
            return;
        }
        for (ChannelClients channel : failover.serving(request.model(), ModelKind.CHAT)) {
            ChatProvider chat = channel.chat();
            if (chat != null) {
                chat.admit(request);
            }
        }
    }

    /**
     * Opens the reply on the first channel that produces its first event; failures before that move on to the next
     * channel, failures after it end the stream (the caller may already have output).
     *
     * @throws NoUpstreamChannelException when nothing serves the model
     * @throws UpstreamException when no channel could start the reply
     */
    public RoutedChatStream open(ChatRequest request) {
        Routed<ChatStream> routed = failover.route(
                request.model(),
                ModelKind.CHAT,
                channel -> firstEvent(Objects.requireNonNull(channel.chat()), request));
        return new RoutedChatStream(routed.channel(), routed.value());
    }

    /**
     * A reply from the built-in simulator itself, for the unbilled simulator endpoint that benchmarks compare the gateway
     * with: whatever channels serve the model and whether the simulator's channel is switched on, never from a real
     * upstream and never counted in the channel's health. The endpoint exists only where it was switched on for that.
     */
    public ChatStream openOnSimulator(ChatRequest request) {
        return simulator.open(request);
    }

    /** The stream once its first event has arrived (held by {@code hasNext}), or the failure that came instead. */
    private static ChatStream firstEvent(ChatProvider provider, ChatRequest request) {
        ChatStream stream = provider.open(request);
        try {
            if (!stream.hasNext()) {
                throw new UpstreamException("The upstream ended the reply before it began", true);
            }
            return stream;
        } catch (RuntimeException failure) {
            stream.close();
            throw failure;
        }
    }

    /** Thinking echoed back in the history is checked by the channel too: not every one can carry it, or trusts it. */
    private static boolean echoesThinking(ChatRequest request) {
        for (ChatMessage message : request.messages()) {
            for (ContentPart part : message.parts()) {
                if (part instanceof ThinkingPart) {
                    return true;
                }
            }
        }
        return false;
    }
}
