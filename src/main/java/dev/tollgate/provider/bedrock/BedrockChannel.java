package dev.tollgate.provider.bedrock;

import dev.tollgate.provider.ChatProvider;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import java.util.concurrent.CompletableFuture;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;

/**
 * A Bedrock channel: chat through {@code ConverseStream}, signed with the channel's AWS credentials. Its SDK client
 * holds a connection pool and threads, so a channel is built once and closed when it is removed.
 *
 * @throws IllegalArgumentException from the constructor when the channel has no region or a malformed secret
 */
public final class BedrockChannel implements ChatProvider, AutoCloseable {

    private final ChannelConfig config;
    private final TokenCounter tokens;
    private final BedrockRuntimeAsyncClient client;
    private final ConverseRequestWriter writer = new ConverseRequestWriter();

    public BedrockChannel(ChannelConfig config, TokenCounter tokens) {
        this.config = config;
        this.tokens = tokens;
        this.client = RuntimeClientFactory.create(config);
    }

    @Override
    public String channelName() {
        return config.name();
    }

    @Override
    public void admit(ChatRequest request) {
        ConverseExtras.of(request.extras(), config.requireUpstreamModel(request.model()));
    }

    /**
     * Sends the request and waits for Bedrock's answer to begin.
     *
     * @throws UpstreamException when Bedrock refuses the request or does not answer in time, or the request holds what
     *     Converse cannot take (an image by URL)
     */
    @Override
    public ChatStream open(ChatRequest request) {
        String modelId = config.requireUpstreamModel(request.model());
        ConverseStreamRequest converse = writer.write(request, modelId);
        var expected = new ConverseEventStream.Expectations(
                tokens.countPrompt(request), request.stopSequences(), config.timeout());
        EventBridge bridge = new EventBridge();
        CompletableFuture<Void> call;
        try {
            call = client.converseStream(converse, bridge);
        } catch (SdkException e) {
            throw BedrockFailures.of(e);
        }
        call.whenComplete(bridge::callEnded);
        try {
            bridge.awaitAnswer(config.connectTimeout().plus(config.timeout()));
        } catch (UpstreamException e) {
            bridge.cancel();
            call.cancel(true);
            throw e;
        }
        return new ConverseEventStream(bridge, call, expected, tokens);
    }

    @Override
    public void close() {
        client.close();
    }
}
