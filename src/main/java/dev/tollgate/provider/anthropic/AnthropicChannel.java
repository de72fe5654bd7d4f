package dev.tollgate.provider.anthropic;

import dev.tollgate.provider.ChatProvider;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.PromptEstimate;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.http.ServerSentEvents;
import dev.tollgate.provider.http.UpstreamHttp;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * A channel to Anthropic's Messages API ({@code POST {base}/messages}, base e.g. {@code https://api.anthropic.com/v1}).
 * Every request is streamed, so nothing is waited for beyond the first event; only the channel's key and the headers
 * the API needs are sent.
 */
public final class AnthropicChannel implements ChatProvider {

    /** The API version this adapter's request and event shapes follow. */
    static final String API_VERSION = "2023-06-01";

    private final ChannelConfig config;
    private final UpstreamHttp http;
    private final JsonMapper json;
    private final TokenCounter tokens;
    private final MessagesRequestWriter writer;

    public AnthropicChannel(ChannelConfig config, UpstreamHttp http, JsonMapper json, TokenCounter tokens) {
        this.config = config;
        this.http = http;
        this.json = json;
        this.tokens = tokens;
        this.writer = new MessagesRequestWriter(json);
    }

    @Override
    public ChatStream open(ChatRequest request) {
        String model = config.requireUpstreamModel(request.model());
        String key = config.secretValue()
                .orElseThrow(() -> new UpstreamException("Channel '" + config.name() + "' has no API key", true));
        byte[] body = json.writeValueAsBytes(writer.write(request, model));
        HttpRequest.Builder upstream = http.request("/messages")
                .header("x-api-key", key)
                .header("anthropic-version", API_VERSION)
                .header("content-type", "application/json")
                .header("accept", "text/event-stream");
        AnthropicExtras.headers(request.extras())
                .forEach((name, values) -> values.forEach(value -> upstream.header(name, value)));
        HttpResponse<InputStream> response = http.send(
                upstream.POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
        return new AnthropicStream(
                new ServerSentEvents(response.body()),
                new EventTranslator(json),
                tokens,
                new PromptEstimate(tokens, request),
                config.timeout());
    }

    @Override
    public void admit(ChatRequest request) {
        AnthropicExtras.apply(request.extras(), json.createObjectNode());
    }

    @Override
    public String channelName() {
        return config.name();
    }
}
