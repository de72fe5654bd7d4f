package dev.tollgate.provider.anthropic;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.provider.http.UpstreamHttp;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.support.UpstreamStandIn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** An Anthropic channel pointed at a stand-in on loopback, and requests and results to test it with. */
final class AnthropicFixture implements AutoCloseable {

    static final String CHANNEL_KEY = "sk-ant-channel-key-0042";
    static final ModelId MODEL = new ModelId("anthropic/claude-sonnet-4-5");
    static final String UPSTREAM_MODEL = "claude-sonnet-4-5-20250929";
    static final String MESSAGES = "/v1/messages";

    final UpstreamStandIn upstream = new UpstreamStandIn();
    final JsonMapper json = JsonMapper.builder().build();
    final JtokkitTokenCounter tokens = new JtokkitTokenCounter();
    final AnthropicChannel channel;

    AnthropicFixture() {
        this(Duration.ofSeconds(5), new ChannelSecret(CHANNEL_KEY));
    }

    AnthropicFixture(Duration timeout, @Nullable ChannelSecret secret) {
        ChannelConfig config = new ChannelConfig(
                "anthropic-direct",
                ChannelKind.ANTHROPIC,
                upstream.baseUrl("/v1"),
                secret,
                null,
                Map.of(MODEL.value(), UPSTREAM_MODEL),
                Duration.ofSeconds(2),
                timeout);
        channel = new AnthropicChannel(config, new UpstreamHttp(config), json, tokens);
    }

    /** Answers the next message requests with these recorded events, optionally paced. */
    AnthropicFixture streams(List<String> events, Duration pause) {
        upstream.on("POST", MESSAGES, UpstreamStandIn.Answer.sse(events, pause));
        return this;
    }

    AnthropicFixture streams(List<String> events) {
        return streams(events, Duration.ZERO);
    }

    /** The body of the last request the stand-in received, as JSON. */
    JsonNode sentBody() {
        return json.readTree(upstream.last().bodyText());
    }

    List<ChatEvent> drain(ChatRequest request) {
        List<ChatEvent> events = new ArrayList<>();
        try (ChatStream stream = channel.open(request)) {
            stream.forEachRemaining(events::add);
        }
        return events;
    }

    static String text(List<ChatEvent> events) {
        return events.stream()
                .filter(ChatEvent.TextDelta.class::isInstance)
                .map(event -> ((ChatEvent.TextDelta) event).text())
                .collect(Collectors.joining());
    }

    static ChatEvent.Completed completed(List<ChatEvent> events) {
        List<ChatEvent.Completed> completions = events.stream()
                .filter(ChatEvent.Completed.class::isInstance)
                .map(ChatEvent.Completed.class::cast)
                .toList();
        if (completions.size() != 1 || !(events.getLast() instanceof ChatEvent.Completed)) {
            throw new AssertionError("A stream ends with exactly one Completed event, got " + events);
        }
        return completions.getFirst();
    }

    static ChatRequest asking(String question) {
        return request(List.of(), List.of(ChatMessage.user(question)), List.of(), ToolChoice.AUTO);
    }

    static ChatRequest request(
            List<TextPart> system, List<ChatMessage> messages, List<ToolDefinition> tools, ToolChoice choice) {
        return new ChatRequest(MODEL, system, messages, tools, choice, 1024, null, List.of(), false, "team-1");
    }

    ToolDefinition weatherTool(boolean cacheBreakpoint) {
        return new ToolDefinition(
                "get_weather",
                "Get the current weather in a given location",
                json.readTree("{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},"
                        + "\"required\":[\"location\"]}"),
                cacheBreakpoint);
    }

    @Override
    public void close() {
        upstream.close();
    }
}
