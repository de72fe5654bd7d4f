package dev.tollgate.provider.anthropic;

import static dev.tollgate.provider.anthropic.AnthropicFixture.asking;
import static dev.tollgate.provider.anthropic.AnthropicFixture.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.support.UpstreamStandIn;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/** What the channel sends Anthropic: the Messages API's path, headers and body, translated from the gateway's request. */
class AnthropicRequestTests {

    private final AnthropicFixture anthropic = new AnthropicFixture().streams(RecordedEvents.hello());

    @AfterEach
    void stopUpstream() {
        anthropic.close();
    }

    @Test
    void postsAStreamedMessagesRequestWithOnlyTheChannelsKey() {
        anthropic.drain(asking("Hello"));

        UpstreamStandIn.Received sent = anthropic.upstream.last();
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path())
                .as("the Messages API under the channel's base URL")
                .isEqualTo("/v1/messages");
        assertThat(sent.header("x-api-key")).as("the channel's own key").isEqualTo(AnthropicFixture.CHANNEL_KEY);
        assertThat(sent.header("anthropic-version")).isEqualTo("2023-06-01");
        assertThat(sent.header("content-type")).isEqualTo("application/json");
        assertThat(sent.headers())
                .as("no second credential and nothing of the gateway's own")
                .doesNotContainKeys("authorization", "anthropic-beta")
                .allSatisfy((name, value) -> assertThat(name + ": " + value).doesNotContainIgnoringCase("vai-"));
        JsonNode body = anthropic.sentBody();
        assertThat(body.path("model").asString())
                .as("the channel's id for the model")
                .isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(1024);
        assertThat(body.path("stream").asBoolean()).as("always streamed").isTrue();
        assertThat(body.path("messages").toString())
                .isEqualTo("[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"Hello\"}]}]");
        assertThat(body.has("system")).as("no system prompt was given").isFalse();
        assertThat(body.has("tools") || body.has("tool_choice"))
                .as("no tools were given")
                .isFalse();
        assertThat(body.has("temperature") || body.has("stop_sequences")).isFalse();
    }

    @Test
    void writesSystemBlocksAndMessagePartsWithTheirCacheBreakpoints() {
        ChatRequest request = request(
                List.of(new TextPart("You are a travel agent.", false), new TextPart("Long policy text", true)),
                List.of(
                        new ChatMessage(
                                ChatMessage.Role.USER,
                                List.of(new TextPart("Here is the brochure.", true), new TextPart("Where to?", false))),
                        ChatMessage.assistant("Lisbon."),
                        ChatMessage.user("Why?")),
                List.of(),
                ToolChoice.AUTO);

        anthropic.drain(request);

        JsonNode body = anthropic.sentBody();
        assertThat(body.path("system").toString())
                .isEqualTo(
                        "[{\"type\":\"text\",\"text\":\"You are a travel agent.\"},"
                                + "{\"type\":\"text\",\"text\":\"Long policy text\",\"cache_control\":{\"type\":\"ephemeral\"}}]");
        JsonNode messages = body.path("messages");
        assertThat(messages.size())
                .as("consecutive parts of one message stay one message")
                .isEqualTo(3);
        assertThat(messages.get(0).toString())
                .isEqualTo("{\"role\":\"user\",\"content\":["
                        + "{\"type\":\"text\",\"text\":\"Here is the brochure.\",\"cache_control\":{\"type\":\"ephemeral\"}},"
                        + "{\"type\":\"text\",\"text\":\"Where to?\"}]}");
        assertThat(messages.get(1).path("role").asString()).isEqualTo("assistant");
        assertThat(messages.get(2).path("content").get(0).path("text").asString())
                .isEqualTo("Why?");
    }

    @Test
    void writesToolDefinitionsWithSchemaDescriptionAndCacheBreakpoint() {
        anthropic.drain(request(
                List.of(),
                List.of(ChatMessage.user("Weather in Paris?")),
                List.of(anthropic.weatherTool(true)),
                ToolChoice.AUTO));

        JsonNode tool = anthropic.sentBody().path("tools").get(0);
        assertThat(tool.path("name").asString()).isEqualTo("get_weather");
        assertThat(tool.path("description").asString()).isEqualTo("Get the current weather in a given location");
        assertThat(tool.path("input_schema"))
                .as("the schema as the caller gave it")
                .isEqualTo(anthropic.weatherTool(false).parameters());
        assertThat(tool.path("cache_control").toString()).isEqualTo("{\"type\":\"ephemeral\"}");
        assertThat(tool.has("parameters") || tool.has("type"))
                .as("OpenAI's field names are not Anthropic's")
                .isFalse();
    }

    @ParameterizedTest
    @CsvSource({"AUTO,{\"type\":\"auto\"}", "REQUIRED,{\"type\":\"any\"}", "NONE,{\"type\":\"none\"}"})
    void mapsTheToolChoice(ToolChoice.Mode mode, String expected) {
        anthropic.drain(request(
                List.of(),
                List.of(ChatMessage.user("Weather?")),
                List.of(anthropic.weatherTool(false)),
                new ToolChoice(mode, null)));

        assertThat(anthropic.sentBody().path("tool_choice").toString()).isEqualTo(expected);
    }

    @Test
    void namesTheToolTheModelMustCall() {
        anthropic.drain(request(
                List.of(),
                List.of(ChatMessage.user("Weather?")),
                List.of(anthropic.weatherTool(false)),
                ToolChoice.named("get_weather")));

        assertThat(anthropic.sentBody().path("tool_choice").toString())
                .isEqualTo("{\"type\":\"tool\",\"name\":\"get_weather\"}");
    }

    @Test
    void echoesToolCallsAsObjectsAndToolResultsWithTheirErrors() {
        ChatRequest request = request(
                List.of(),
                List.of(
                        ChatMessage.user("Weather in SF and Paris?"),
                        new ChatMessage(
                                ChatMessage.Role.ASSISTANT,
                                List.of(
                                        new TextPart("Checking both.", false),
                                        new ToolCallPart(
                                                "toolu_01A", "get_weather", "{\"location\":\"San Francisco\"}", false),
                                        new ToolCallPart("toolu_01B", "get_weather", "", false))),
                        new ChatMessage(
                                ChatMessage.Role.USER,
                                List.of(
                                        new ToolResultPart("toolu_01A", "15 degrees", false, true),
                                        new ToolResultPart("toolu_01B", "location missing", true, false)))),
                List.of(anthropic.weatherTool(false)),
                ToolChoice.AUTO);

        anthropic.drain(request);

        JsonNode messages = anthropic.sentBody().path("messages");
        assertThat(messages.get(1).path("content").toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"Checking both.\"},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_01A\",\"name\":\"get_weather\","
                        + "\"input\":{\"location\":\"San Francisco\"}},"
                        + "{\"type\":\"tool_use\",\"id\":\"toolu_01B\",\"name\":\"get_weather\",\"input\":{}}]");
        assertThat(messages.get(2).path("content").toString())
                .isEqualTo("[{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01A\",\"content\":\"15 degrees\","
                        + "\"cache_control\":{\"type\":\"ephemeral\"}},"
                        + "{\"type\":\"tool_result\",\"tool_use_id\":\"toolu_01B\",\"content\":\"location missing\","
                        + "\"is_error\":true}]");
    }

    @Test
    void sendsImagesInlineWithTheirMediaTypeOrByUrl() {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        String pngData = Base64.getEncoder().encodeToString(png);
        ChatRequest request = request(
                List.of(),
                List.of(new ChatMessage(
                        ChatMessage.Role.USER,
                        List.of(
                                new ImagePart("image/jpeg", "/9j/4AAQSkZJRg==", null, false),
                                new ImagePart(null, pngData, null, false),
                                new ImagePart(null, null, "https://example.com/cat.webp", true),
                                new TextPart("What are these?", false)))),
                List.of(),
                ToolChoice.AUTO);

        anthropic.drain(request);

        assertThat(anthropic.sentBody().path("messages").get(0).path("content").toString())
                .isEqualTo("[{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/jpeg\","
                        + "\"data\":\"/9j/4AAQSkZJRg==\"}},"
                        + "{\"type\":\"image\",\"source\":{\"type\":\"base64\",\"media_type\":\"image/png\","
                        + "\"data\":\"" + pngData + "\"}},"
                        + "{\"type\":\"image\",\"source\":{\"type\":\"url\",\"url\":\"https://example.com/cat.webp\"},"
                        + "\"cache_control\":{\"type\":\"ephemeral\"}},"
                        + "{\"type\":\"text\",\"text\":\"What are these?\"}]");
    }

    @Test
    void sendsTemperatureWithinAnthropicsRangeAndStopSequences() {
        ChatRequest request = new ChatRequest(
                AnthropicFixture.MODEL,
                List.of(),
                List.of(ChatMessage.user("Count")),
                List.of(),
                ToolChoice.AUTO,
                300,
                1.6,
                List.of("\n\nHuman:", "END"),
                false,
                "team-1");

        anthropic.drain(request);

        JsonNode body = anthropic.sentBody();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("temperature").asDouble())
                .as("an OpenAI-range temperature is capped at Anthropic's maximum")
                .isEqualTo(1.0);
        assertThat(body.path("stop_sequences").toString()).isEqualTo("[\"\\n\\nHuman:\",\"END\"]");
    }

    @Test
    void refusesToolCallArgumentsThatAreNotAJsonObjectWithoutCallingTheUpstream() {
        ChatRequest request = request(
                List.of(),
                List.of(
                        ChatMessage.user("Weather?"),
                        new ChatMessage(
                                ChatMessage.Role.ASSISTANT,
                                List.of(new ToolCallPart("toolu_01A", "get_weather", "{\"location\":", false)))),
                List.of(),
                ToolChoice.AUTO);

        assertThatThrownBy(() -> anthropic.channel.open(request))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse())
                .hasMessageContaining("toolu_01A");
        assertThat(anthropic.upstream.received()).isEmpty();
    }

    @Test
    void refusesAModelTheChannelDoesNotMapWithoutCallingTheUpstream() {
        ChatRequest request = new ChatRequest(
                new ModelId("anthropic/claude-opus-4-1"),
                List.of(),
                List.of(ChatMessage.user("Hi")),
                List.of(),
                ToolChoice.AUTO,
                100,
                null,
                List.of(),
                false,
                "team-1");

        assertThatThrownBy(() -> anthropic.channel.open(request))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(anthropic.upstream.received()).isEmpty();
    }

    @Test
    void aChannelWithoutAKeyCallsNothing() {
        try (AnthropicFixture keyless = new AnthropicFixture(Duration.ofSeconds(5), null)) {
            keyless.streams(RecordedEvents.hello());

            assertThatThrownBy(() -> keyless.channel.open(asking("Hi")))
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("no API key");
            assertThat(keyless.upstream.received()).isEmpty();
        }
    }

    @Test
    void reportsItsChannelName() {
        assertThat(anthropic.channel.channelName()).isEqualTo("anthropic-direct");
        assertThat(new ChannelSecret(AnthropicFixture.CHANNEL_KEY).toString())
                .doesNotContain(AnthropicFixture.CHANNEL_KEY);
    }
}
