package dev.tollgate.provider.openai;

import static dev.tollgate.provider.openai.OpenAiChatTests.request;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.http.UpstreamHttp;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OpenAiChatFailureTests {

    final ChannelFixture fixture = new ChannelFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    UpstreamException openFailure() {
        return catchThrowableOfType(
                UpstreamException.class,
                () -> OpenAiChatTests.drain(fixture.channel.open(request(List.of(ChatMessage.user("Hi"))))));
    }

    @Test
    void rateLimitIsRetryableAfterTheWaitTheUpstreamAsked() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.json(
                                429,
                                "{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                                        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}")
                        .withHeader("retry-after", "7"));

        UpstreamException failure = openFailure();

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure.getMessage()).contains("Rate limit reached");
    }

    @Test
    void serverErrorsAreRetryable() {
        for (int status : List.of(500, 503)) {
            fixture.upstream.reset();
            fixture.upstream.on(
                    "POST",
                    "/v1/chat/completions",
                    Answer.json(status, "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}"));

            UpstreamException failure = openFailure();

            assertThat(failure.retryable()).as("status %d", status).isTrue();
            assertThat(failure.status()).isEqualTo(status);
        }
    }

    @Test
    void aBadRequestIsNotRetryableAndCarriesTheUpstreamsMessage() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.json(
                        400,
                        "{\"error\":{\"message\":\"This model's maximum context length is 8192 tokens\","
                                + "\"type\":\"invalid_request_error\",\"param\":\"messages\","
                                + "\"code\":\"context_length_exceeded\"}}"));

        UpstreamException failure = openFailure();

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure.getMessage()).contains("maximum context length is 8192 tokens");
    }

    @Test
    void anInStreamErrorBeforeAnyOutputIsRetryable() {
        afterTheRole("data: {\"error\":{\"message\":\"The server is overloaded\","
                + "\"type\":\"server_error\",\"param\":null,\"code\":\"overloaded\"}}");

        UpstreamException failure = openFailure();

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.status()).isEqualTo(503);
        assertThat(failure.getMessage()).contains("The server is overloaded");
    }

    @Test
    void anEventNamedErrorIsAFailureEvenWithoutAnErrorField() {
        // some servers name the event and put the error's fields at the top of its data
        afterTheRole("event: error\ndata: {\"message\":\"The server is overloaded\","
                + "\"type\":\"server_error\",\"code\":\"overloaded\"}");

        UpstreamException failure = openFailure();

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.getMessage()).contains("The server is overloaded");
    }

    @Test
    void anInStreamErrorAfterOutputEndsTheStreamWithoutRetry() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(
                        List.of(
                                Chunks.text("Partial"),
                                "data: {\"error\":{\"message\":\"Rate limited\",\"type\":\"rate_limit_exceeded\"}}"),
                        Duration.ZERO));

        try (ChatStream stream = fixture.channel.open(request(List.of(ChatMessage.user("Hi"))))) {
            assertThat(stream.next()).isEqualTo(new ChatEvent.TextDelta("Partial"));
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, stream::hasNext);

            assertThat(failure.retryable())
                    .as("output already reached the caller")
                    .isFalse();
            assertThat(failure.status()).isEqualTo(429);
            assertThat(stream.hasNext()).as("a failed stream has nothing more").isFalse();
        }
    }

    @Test
    void anInStreamInvalidRequestIsNotRetryable() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(
                        List.of("data: {\"error\":{\"message\":\"bad schema\",\"type\":\"invalid_request_error\"}}"),
                        Duration.ZERO));

        UpstreamException failure = openFailure();

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.status()).isEqualTo(400);
    }

    @Test
    void aStreamThatStopsBeforeItsFinishReasonFails() {
        fixture.upstream.on(
                "POST", "/v1/chat/completions", Answer.sse(List.of(Chunks.role(), Chunks.text("Half")), Duration.ZERO));

        try (ChatStream stream = fixture.channel.open(request(List.of(ChatMessage.user("Hi"))))) {
            stream.next();
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, stream::hasNext);

            assertThat(failure.getMessage()).contains("ended before the reply finished");
            assertThat(failure.retryable()).isFalse();
        }
    }

    @Test
    void aStreamThatEndsWithoutDoneAfterItsFinishReasonCompletes() {
        fixture.upstream.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(List.of(Chunks.text("Hi"), Chunks.finish("stop"), Chunks.usage(3, 1, 0)), Duration.ZERO));

        List<ChatEvent> events = OpenAiChatTests.drain(fixture.channel.open(request(List.of(ChatMessage.user("Hi")))));

        assertThat(events.getLast()).isInstanceOf(ChatEvent.Completed.class);
    }

    @Test
    void anUpstreamThatIsSlowToAnswerFailsRetryablyWithinTheTimeout() {
        try (ChannelFixture slow = new ChannelFixture(Duration.ofMillis(300), ChannelFixture.KEY, url -> {})) {
            slow.upstream.on(
                    "POST",
                    "/v1/chat/completions",
                    Answer.sse(Chunks.reply("stop", 3, 1, 0, "late"), Duration.ofMillis(1500)));

            long started = System.nanoTime();
            UpstreamException failure = catchThrowableOfType(
                    UpstreamException.class,
                    () -> OpenAiChatTests.drain(slow.channel.open(request(List.of(ChatMessage.user("Hi"))))));

            assertThat(failure.getMessage()).contains("in time");
            assertThat(failure.retryable()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
        }
    }

    @Test
    void anUpstreamThatSendsHeadersButNoEventInTimeIsAbortedRetryably() throws Exception {
        try (HeadersOnlyServer server = new HeadersOnlyServer(Duration.ofSeconds(3))) {
            ChannelConfig config = new ChannelConfig(
                    "silent",
                    ChannelKind.OPENAI_COMPATIBLE,
                    server.baseUrl(),
                    null,
                    null,
                    ChannelFixture.MODELS,
                    Duration.ofSeconds(1),
                    Duration.ofMillis(300));
            OpenAiCompatibleChannel channel = new OpenAiCompatibleChannel(
                    config, new UpstreamHttp(config), ChannelFixture.JSON, ChannelFixture.TOKENS, url -> {});

            long started = System.nanoTime();
            ChatStream stream = channel.open(request(List.of(ChatMessage.user("Hi"))));
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, stream::hasNext);

            assertThat(failure.getMessage()).contains("did not start answering in time");
            assertThat(failure.retryable()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2000));
        }
    }

    @Test
    void anUnmappedModelIsRefusedWithoutCallingTheUpstream() {
        UpstreamException failure = catchThrowableOfType(
                UpstreamException.class,
                () -> fixture.channel.open(new ChatRequest(
                        new ModelId("other/model"),
                        List.of(),
                        List.of(ChatMessage.user("Hi")),
                        List.of(),
                        ToolChoice.AUTO,
                        10,
                        null,
                        List.of(),
                        true,
                        "team-1")));

        assertThat(failure.retryable()).isFalse();
        assertThat(fixture.upstream.received()).isEmpty();
    }

    /** The upstream streams the assistant's role, then {@code event}. */
    private void afterTheRole(String event) {
        fixture.upstream.on("POST", "/v1/chat/completions", Answer.sse(List.of(Chunks.role(), event), Duration.ZERO));
    }
}
