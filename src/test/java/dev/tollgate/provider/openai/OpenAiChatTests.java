package dev.tollgate.provider.openai;

import static dev.tollgate.provider.openai.ChannelFixture.bodyOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.support.UpstreamStandIn.Answer;
import dev.tollgate.support.UpstreamStandIn.Received;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenAiChatTests {

    static final ModelId MODEL = new ModelId("openai/chat");

    final ChannelFixture fixture = new ChannelFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    static ChatRequest request(List<ChatMessage> messages) {
        return new ChatRequest(
                MODEL,
                List.of(new TextPart("You are terse.", false)),
                messages,
                List.of(),
                ToolChoice.AUTO,
                256,
                0.2,
                List.of(),
                true,
                "team-1");
    }

    static List<ChatEvent> drain(ChatStream stream) {
        List<ChatEvent> events = new ArrayList<>();
        try (stream) {
            stream.forEachRemaining(events::add);
        }
        return events;
    }

    @Test
    void plainTextStreamsAsDeltasThenCompletesWithReportedUsage() {
        fixture.upstream.on(
                "POST", "/v1/chat/completions", Answer.sse(Chunks.reply("stop", 21, 2, 0, "Hel", "lo"), Duration.ZERO));

        List<ChatEvent> events = drain(fixture.channel.open(request(List.of(ChatMessage.user("Say hello")))));

        assertThat(events)
                .containsExactly(
                        new ChatEvent.TextDelta("Hel"),
                        new ChatEvent.TextDelta("lo"),
                        new ChatEvent.Completed(FinishReason.END_TURN, null, new TokenCounts(21, 2, 0, 0)));
    }

    @Test
    void requestGoesToChatCompletionsWithTheChannelKeyAndTheUpstreamModel() {
        fixture.upstream.on(
                "POST", "/v1/chat/completions", Answer.sse(Chunks.reply("stop", 5, 1, 0, "Hi"), Duration.ZERO));
        ChatRequest request = new ChatRequest(
                MODEL,
                List.of(new TextPart("Rule one.", false), new TextPart("Rule two.", true)),
                List.of(ChatMessage.user("Hello"), ChatMessage.assistant("Hi there"), ChatMessage.user("Again")),
                List.of(),
                ToolChoice.AUTO,
                300,
                0.7,
                List.of("END", "STOP"),
                true,
                "team-1");

        drain(fixture.channel.open(request));

        Received sent = fixture.upstream.last();
        assertThat(sent.method() + " " + sent.path()).isEqualTo("POST /v1/chat/completions");
        ChannelFixture.assertOnlyChannelCredential(sent);
        assertThat(sent.header("content-type")).startsWith("application/json");
        JsonNode body = bodyOf(sent);
        assertThat(body.path("model").asString()).isEqualTo("gpt-upstream-chat");
        assertThat(body.path("stream").asBoolean()).isTrue();
        assertThat(body.path("stream_options").path("include_usage").asBoolean())
                .isTrue();
        assertThat(body.path("max_tokens").asInt()).isEqualTo(300);
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.7);
        assertThat(body.path("stop").toString()).isEqualTo("[\"END\",\"STOP\"]");
        assertThat(body.has("tools")).as("no tools, so no tools or tool_choice").isFalse();
        assertThat(body.has("tool_choice")).isFalse();
        assertThat(body.path("messages").toString())
                .isEqualTo("[{\"role\":\"system\",\"content\":\"Rule one.\\n\\nRule two.\"},"
                        + "{\"role\":\"user\",\"content\":\"Hello\"},"
                        + "{\"role\":\"assistant\",\"content\":\"Hi there\"},"
                        + "{\"role\":\"user\",\"content\":\"Again\"}]");
    }

    @Test
    void aChannelWithoutASecretSendsNoAuthorization() {
        try (ChannelFixture keyless = new ChannelFixture(Duration.ofSeconds(5), null, url -> {})) {
            keyless.upstream.on(
                    "POST", "/v1/chat/completions", Answer.sse(Chunks.reply("stop", 5, 1, 0, "Hi"), Duration.ZERO));

            drain(keyless.channel.open(request(List.of(ChatMessage.user("Hello")))));

            assertThat(keyless.upstream.last().header("authorization")).isNull();
        }
    }

    @Test
    void eventsArriveAsTheUpstreamStreamsThem() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(Chunks.reply("stop", 9, 3, 0, "One", " two", " three"), Duration.ofMillis(120)));

        List<Instant> arrivals = new ArrayList<>();
        try (ChatStream stream = fixture.channel.open(request(List.of(ChatMessage.user("Count"))))) {
            while (stream.hasNext()) {
                stream.next();
                arrivals.add(Instant.now());
            }
        }

        assertThat(arrivals).hasSize(4);
        assertThat(Duration.between(arrivals.getFirst(), arrivals.get(2)))
                .as("the third text delta comes two pauses after the first, not all at once")
                .isGreaterThanOrEqualTo(Duration.ofMillis(180));
    }

    @Test
    void cachedPromptTokensAreSplitOutOfTheInput() {
        fixture.upstream.on(
                "POST", "/v1/chat/completions", Answer.sse(Chunks.reply("stop", 2000, 12, 1536, "Ok"), Duration.ZERO));

        List<ChatEvent> events = drain(fixture.channel.open(request(List.of(ChatMessage.user("Long prompt")))));

        assertThat(events.getLast())
                .isEqualTo(new ChatEvent.Completed(FinishReason.END_TURN, null, new TokenCounts(464, 12, 1536, 0)));
    }

    @Test
    void cacheWritesReportedByACompatibleServerAreCountedApart() {
        String usage = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[],\"usage\":"
                + "{\"prompt_tokens\":1000,\"completion_tokens\":4,\"total_tokens\":1004,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":300,\"cache_write_tokens\":600}}}";
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(List.of(Chunks.text("Ok"), Chunks.finish("stop"), usage, Chunks.done()), Duration.ZERO));

        List<ChatEvent> events = drain(fixture.channel.open(request(List.of(ChatMessage.user("Hi")))));

        assertThat(events.getLast())
                .isEqualTo(new ChatEvent.Completed(FinishReason.END_TURN, null, new TokenCounts(100, 4, 300, 600)));
    }

    @Test
    void lengthEndsWithMaxTokens() {
        fixture.upstream.on(
                "POST", "/v1/chat/completions", Answer.sse(Chunks.reply("length", 8, 4, 0, "Cut sh"), Duration.ZERO));

        List<ChatEvent> events = drain(fixture.channel.open(request(List.of(ChatMessage.user("Ramble")))));

        assertThat(((ChatEvent.Completed) events.getLast()).finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
    }

    @Test
    void aStopStringTheServerNamesEndsWithThatStopSequence() {
        // vLLM reports the stop string that ended the reply as stop_reason
        String finish = "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"choices\":[{\"index\":0,"
                + "\"delta\":{},\"finish_reason\":\"stop\",\"stop_reason\":\"END\"}]}";
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(List.of(Chunks.text("Done"), finish, Chunks.usage(5, 1, 0), Chunks.done()), Duration.ZERO));
        ChatRequest request = new ChatRequest(
                MODEL,
                List.of(),
                List.of(ChatMessage.user("Go")),
                List.of(),
                ToolChoice.AUTO,
                50,
                null,
                List.of("END"),
                true,
                "team-1");

        List<ChatEvent> events = drain(fixture.channel.open(request));

        assertThat(events.getLast())
                .isEqualTo(new ChatEvent.Completed(FinishReason.STOP_SEQUENCE, "END", new TokenCounts(5, 1, 0, 0)));
        assertThat(bodyOf(fixture.upstream.last()).has("temperature"))
                .as("no temperature asked, none sent")
                .isFalse();
    }

    @Test
    void contentFilterEndsTheTurn() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(Chunks.reply("content_filter", 8, 1, 0, "I"), Duration.ZERO));

        List<ChatEvent> events = drain(fixture.channel.open(request(List.of(ChatMessage.user("Hm")))));

        assertThat(((ChatEvent.Completed) events.getLast()).finishReason()).isEqualTo(FinishReason.END_TURN);
    }

    @Test
    void withoutAUsageChunkTheUsageIsEstimated() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(
                        List.of(Chunks.role(), Chunks.text("Hello there"), Chunks.finish("stop"), Chunks.done()),
                        Duration.ZERO));
        ChatRequest request = request(List.of(ChatMessage.user("Say hello")));

        List<ChatEvent> events = drain(fixture.channel.open(request));

        TokenCounts usage = ((ChatEvent.Completed) events.getLast()).usage();
        assertThat(usage.input()).isEqualTo(ChannelFixture.TOKENS.countPrompt(request));
        assertThat(usage.output()).isEqualTo(ChannelFixture.TOKENS.countText("Hello there"));
    }

    @Test
    void usageSoFarCountsTheDeliveredOutputThenTakesTheReportedUsage() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(Chunks.reply("stop", 40, 7, 0, "alpha beta", " gamma"), Duration.ZERO));
        ChatRequest request = request(List.of(ChatMessage.user("Words")));

        try (ChatStream stream = fixture.channel.open(request)) {
            stream.next();
            assertThat(stream.usageSoFar())
                    .isEqualTo(new TokenCounts(
                            ChannelFixture.TOKENS.countPrompt(request),
                            ChannelFixture.TOKENS.countText("alpha beta"),
                            0,
                            0));
            stream.forEachRemaining(event -> {});
            assertThat(stream.usageSoFar()).isEqualTo(new TokenCounts(40, 7, 0, 0));
        }
    }

    @Test
    void imagesInMessagesGoAsImageUrlPartsWithDataUrls() {
        fixture.upstream.on(
                "POST", "/v1/chat/completions", Answer.sse(Chunks.reply("stop", 300, 2, 0, "A cat"), Duration.ZERO));
        ChatMessage withImages = new ChatMessage(
                ChatMessage.Role.USER,
                List.of(
                        new TextPart("What is in these?", false),
                        new ImagePart("image/jpeg", "/9j/4AAQSkZJRg==", null, false),
                        new ImagePart(null, null, "https://example.com/cat.png", false)));

        drain(fixture.channel.open(request(List.of(withImages))));

        JsonNode content =
                bodyOf(fixture.upstream.last()).path("messages").path(1).path("content");
        assertThat(content.toString())
                .isEqualTo("[{\"type\":\"text\",\"text\":\"What is in these?\"},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/jpeg;base64,/9j/4AAQSkZJRg==\"}},"
                        + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"https://example.com/cat.png\"}}]");
    }

    @Test
    void closingEarlyStopsReadingTheUpstream() {
        List<String> events = new ArrayList<>(List.of(Chunks.role()));
        for (int i = 0; i < 50; i++) {
            events.add(Chunks.text("word "));
        }
        events.add(Chunks.finish("stop"));
        events.add(Chunks.done());
        fixture.upstream.on("POST", "/v1/chat/completions", Answer.sse(events, Duration.ofMillis(40)));

        ChatStream stream = fixture.channel.open(request(List.of(ChatMessage.user("Talk"))));
        stream.next();
        stream.next();
        Instant closing = Instant.now();
        stream.close();

        assertThat(stream.hasNext()).as("a closed stream yields nothing more").isFalse();
        assertThat(Duration.between(closing, Instant.now())).isLessThan(Duration.ofSeconds(1));
        assertThat(stream.usageSoFar().output()).isEqualTo(2 * ChannelFixture.TOKENS.countText("word "));
    }

    @Test
    void anInlineImageWithoutAMediaTypeIsLabelledByItsBytes() {
        fixture.upstream.on(
                "POST", "/v1/chat/completions", Answer.sse(Chunks.reply("stop", 300, 2, 0, "A dot"), Duration.ZERO));
        String png = TestImages.base64(TestImages.png(2, 2));
        ChatMessage withImage = new ChatMessage(
                ChatMessage.Role.USER, List.of(new TextPart("What?", false), new ImagePart(null, png, null, false)));

        drain(fixture.channel.open(request(List.of(withImage))));

        JsonNode content =
                bodyOf(fixture.upstream.last()).path("messages").path(1).path("content");
        assertThat(content.path(1).path("image_url").path("url").asString()).isEqualTo("data:image/png;base64," + png);
    }
}
