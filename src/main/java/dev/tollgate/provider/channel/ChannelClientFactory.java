package dev.tollgate.provider.channel;

import dev.tollgate.fetch.SafeUrlFetcher;
import dev.tollgate.provider.TokenCounter;
import dev.tollgate.provider.anthropic.AnthropicChannel;
import dev.tollgate.provider.bedrock.BedrockChannel;
import dev.tollgate.provider.gemini.GeminiImageChannel;
import dev.tollgate.provider.http.UpstreamHttp;
import dev.tollgate.provider.openai.OpenAiCompatibleChannel;
import dev.tollgate.provider.seedance.SeedanceChannel;
import dev.tollgate.provider.simulator.SimulatorChatProvider;
import dev.tollgate.provider.simulator.SimulatorImageProvider;
import dev.tollgate.provider.simulator.SimulatorVideoProvider;
import java.net.URI;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Builds a channel's adapters for its kind; the simulator's are the application's own, shared by every reload. */
@Component
class ChannelClientFactory {

    private final JsonMapper json;
    private final TokenCounter tokens;
    private final SafeUrlFetcher fetcher;
    private final ChannelClients simulator;

    ChannelClientFactory(
            JsonMapper json,
            TokenCounter tokens,
            SafeUrlFetcher fetcher,
            SimulatorChatProvider simulatorChat,
            SimulatorImageProvider simulatorImages,
            SimulatorVideoProvider simulatorVideos) {
        this.json = json;
        this.tokens = tokens;
        this.fetcher = fetcher;
        // nothing to close: the simulator lives as long as the application
        this.simulator = new ChannelClients(simulatorChat, simulatorImages, simulatorVideos, () -> {});
    }

    /** The built-in simulator's adapters. */
    ChannelClients simulator() {
        return simulator;
    }

    ChannelClients build(ChannelConfig config) {
        if (config.kind() == ChannelKind.BEDROCK) {
            // the AWS SDK brings its own HTTP client, event-stream decoding and request signing
            BedrockChannel bedrock = new BedrockChannel(config, tokens);
            return new ChannelClients(bedrock, null, null, bedrock);
        }
        UpstreamHttp http = new UpstreamHttp(config);
        return switch (config.kind()) {
            case OPENAI_COMPATIBLE -> {
                OpenAiCompatibleChannel openAi =
                        new OpenAiCompatibleChannel(config, http, json, tokens, url -> checkDownload(config, url));
                yield new ChannelClients(openAi, openAi, openAi, http);
            }
            case ANTHROPIC -> new ChannelClients(new AnthropicChannel(config, http, json, tokens), null, null, http);
            case BEDROCK -> throw new IllegalStateException("Bedrock channels are built above");
            case GEMINI_IMAGE -> new ChannelClients(null, new GeminiImageChannel(config, http, json), null, http);
            case SEEDANCE ->
                new ChannelClients(
                        null, null, new SeedanceChannel(config, http, json, url -> checkDownload(config, url)), http);
            case SIMULATOR -> throw new IllegalStateException("The simulator's adapters are built in, see simulator()");
        };
    }

    /**
     * Checks a URL an upstream handed back (a finished video, an image) before it is downloaded: the channel's own
     * host is trusted as its base URL is, any other must be a public address, as for callers' URLs.
     */
    void checkDownload(ChannelConfig config, URI url) {
        URI base = config.baseUrl();
        boolean sameOrigin = base.getHost().equalsIgnoreCase(url.getHost())
                && port(base) == port(url)
                && base.getScheme().equalsIgnoreCase(url.getScheme());
        if (!sameOrigin) {
            fetcher.checkDestination(url);
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
