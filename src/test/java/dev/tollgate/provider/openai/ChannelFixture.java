package dev.tollgate.provider.openai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.provider.http.DownloadGuard;
import dev.tollgate.provider.http.UpstreamHttp;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.support.UpstreamStandIn;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An OpenAI-compatible channel pointed at a stand-in, and what the tests check on every request it sent. */
final class ChannelFixture implements AutoCloseable {

    static final String KEY = "sk-channel-key-123";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final JtokkitTokenCounter TOKENS = new JtokkitTokenCounter();

    static final Map<String, String> MODELS = Map.of(
            "openai/chat", "gpt-upstream-chat",
            "openai/dalle", "dall-e-3",
            "openai/gpt-image", "gpt-image-1",
            "openai/sora", "sora-2");

    final UpstreamStandIn upstream = new UpstreamStandIn();
    final List<URI> guarded = new CopyOnWriteArrayList<>();
    final OpenAiCompatibleChannel channel;

    ChannelFixture() {
        this(Duration.ofSeconds(5), KEY, url -> {});
    }

    ChannelFixture(Duration timeout, @Nullable String key, DownloadGuard guard) {
        this(timeout, key, guard, false);
    }

    /** A channel marked as speaking the Responses API, answering within {@code timeout}. */
    static ChannelFixture speakingResponses(Duration timeout) {
        return new ChannelFixture(timeout, KEY, url -> {}, true);
    }

    private ChannelFixture(Duration timeout, @Nullable String key, DownloadGuard guard, boolean speaksResponses) {
        ChannelConfig config = new ChannelConfig(
                "openai-main",
                ChannelKind.OPENAI_COMPATIBLE,
                upstream.baseUrl("/v1"),
                key == null ? null : new ChannelSecret(key),
                null,
                MODELS,
                Duration.ofSeconds(2),
                timeout,
                speaksResponses);
        channel = new OpenAiCompatibleChannel(config, new UpstreamHttp(config), JSON, TOKENS, url -> {
            guarded.add(url);
            guard.check(url);
        });
    }

    static JsonNode bodyOf(UpstreamStandIn.Received request) {
        return JSON.readTree(request.bodyText());
    }

    /** The request carries the channel's key and no other credential or gateway header. */
    static void assertOnlyChannelCredential(UpstreamStandIn.Received request) {
        assertThat(request.header("authorization"))
                .as("the channel's key as a bearer token")
                .isEqualTo("Bearer " + KEY);
        assertThat(request.headers().keySet())
                .as("no other credential and nothing of the gateway's own")
                .noneMatch(name -> name.equals("x-api-key")
                        || name.equals("api-key")
                        || name.startsWith("vai-")
                        || name.startsWith("x-vai"));
    }

    @Override
    public void close() {
        upstream.close();
    }
}
