package dev.tollgate.provider.openai;

import static dev.tollgate.provider.openai.ResponsesRelayTests.UPSTREAM_MODEL;
import static dev.tollgate.provider.openai.ResponsesRelayTests.described;
import static dev.tollgate.provider.openai.ResponsesRelayTests.responsesRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.http.UpstreamHttp;
import dev.tollgate.support.ResponsesReplies;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How a channel that speaks Responses fails: refusals and stream failures are classified as on the Chat Completions
 * path (the request's own faults are not retried, the channel's are until output has reached the caller), a stream
 * that breaks off fails, a silent upstream is given up on within the channel's timeout, and a caller who goes away
 * stops the upstream and pays for what was streamed.
 */
class ResponsesRelayFailureTests {

    final ChannelFixture fixture = ChannelFixture.speakingResponses(Duration.ofSeconds(5));

    @AfterEach
    void close() {
        fixture.close();
    }

    /** The failure that ends the reply, wherever it comes: opening, or reading before or after output. */
    UpstreamException failure() {
        return catchThrowableOfType(
                UpstreamException.class, () -> ResponsesRelayTests.drain(fixture.channel.open(responsesRequest())));
    }

    @Test
    void aRateLimitAnswerIsRetryableAfterTheWaitTheUpstreamAsked() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                Answer.json(
                                429,
                                "{\"error\":{\"message\":\"Rate limit reached for gpt-5\",\"type\":\"requests\","
                                        + "\"param\":null,\"code\":\"rate_limit_exceeded\"}}")
                        .withHeader("retry-after", "7"));

        UpstreamException failure = failure();

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure.getMessage()).contains("Rate limit reached for gpt-5");
    }

    @Test
    void aRefusedRequestIsNotRetriedAndCarriesTheUpstreamsMessage() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                Answer.json(
                        400,
                        "{\"error\":{\"message\":\"Unknown parameter: 'x_vendor_setting'.\","
                                + "\"type\":\"invalid_request_error\",\"param\":\"x_vendor_setting\","
                                + "\"code\":\"unknown_parameter\"}}"));

        UpstreamException failure = failure();

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.refusedRequest()).isTrue();
        assertThat(failure.getMessage()).contains("Unknown parameter: 'x_vendor_setting'.");
    }

    @Test
    void aServerErrorAnswerIsRetryable() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                Answer.json(503, "{\"error\":{\"message\":\"busy\",\"type\":\"server_error\"}}"));

        UpstreamException failure = failure();

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.status()).isEqualTo(503);
    }

    @Test
    void aResponseThatFailsRightAfterItWasAnnouncedMayGoToAnotherChannel() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .failed("rate_limit_exceeded", "Too many requests, slow down"));

        try (ChatStream stream = fixture.channel.open(responsesRequest())) {
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, stream::hasNext);

            assertThat(failure.retryable())
                    .as("only the announcement came, and it was held back: nothing reached the caller")
                    .isTrue();
            assertThat(failure.status()).isEqualTo(429);
            assertThat(failure.getMessage()).contains("Too many requests, slow down");
        }
    }

    @Test
    void aResponseThatFailsOverTheCallersPromptIsNotRetried() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .failed("invalid_prompt", "Invalid prompt: flagged as potentially violating our policy"));

        UpstreamException failure = failure();

        assertThat(failure.retryable()).isFalse();
        assertThat(failure.refusedRequest()).isTrue();
        assertThat(failure.getMessage()).contains("flagged as potentially violating");
    }

    @Test
    void aFailureAfterOutputEndsTheReplyWithoutRetryAndNothingMoreIsRead() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .text("msg_1", "Partial")
                        .failed("server_error", "The model crashed"));
        List<ChatEvent> received = new ArrayList<>();

        try (ChatStream stream = fixture.channel.open(responsesRequest())) {
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, () -> {
                while (stream.hasNext()) {
                    received.add(stream.next());
                }
            });

            assertThat(failure.retryable())
                    .as("output already reached the caller")
                    .isFalse();
            assertThat(failure.status()).isEqualTo(500);
            assertThat(described(received)).contains("text Partial").doesNotContain("relayed response.failed");
            assertThat(stream.hasNext()).as("a failed stream has nothing more").isFalse();
        }
    }

    @Test
    void anErrorEventIsClassifiedByItsCode() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                Answer.sse(
                        List.of("event: error\ndata: {\"type\":\"error\",\"code\":\"rate_limit_exceeded\","
                                + "\"message\":\"Slow down\",\"param\":null,\"sequence_number\":0}"),
                        Duration.ZERO));

        UpstreamException failure = failure();

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.getMessage()).contains("Slow down");
    }

    @Test
    void aStreamThatBreaksOffBeforeItsTerminalEventFails() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                        .text("msg_1", "Half")
                        .brokenOff());

        UpstreamException failure = failure();

        assertThat(failure.getMessage()).contains("ended before the reply finished");
        assertThat(failure.retryable()).isFalse();
    }

    @Test
    void somethingThatIsNotJsonFailsTheStream() {
        fixture.upstream.on(
                "POST",
                "/v1/responses",
                Answer.sse(List.of("event: response.created\ndata: {not json"), Duration.ZERO));

        UpstreamException failure = failure();

        assertThat(failure.getMessage()).contains("not JSON");
        assertThat(failure.retryable()).isTrue();
    }

    @Test
    void anUpstreamThatIsSlowToStartFailsRetryablyWithinTheTimeout() {
        try (ChannelFixture slow = ChannelFixture.speakingResponses(Duration.ofMillis(300))) {
            slow.upstream.on(
                    "POST",
                    "/v1/responses",
                    new Answer(
                            200,
                            java.util.Map.of("content-type", "text/event-stream"),
                            ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                                    .text("msg_1", "late")
                                    .completed(ResponsesReplies.usage(5, 0, 1, 0))
                                    .chunks(),
                            Duration.ofMillis(1500)));

            long started = System.nanoTime();
            UpstreamException failure = catchThrowableOfType(
                    UpstreamException.class, () -> ResponsesRelayTests.drain(slow.channel.open(responsesRequest())));

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
                    Duration.ofMillis(400),
                    true);
            OpenAiCompatibleChannel channel = new OpenAiCompatibleChannel(
                    config, new UpstreamHttp(config), ChannelFixture.JSON, ChannelFixture.TOKENS, url -> {});

            long started = System.nanoTime();
            UpstreamException failure = catchThrowableOfType(
                    UpstreamException.class, () -> ResponsesRelayTests.drain(channel.open(responsesRequest())));

            assertThat(failure.getMessage()).contains("in time");
            assertThat(failure.retryable()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
        }
    }

    @Test
    void aCallerWhoGoesAwayStopsTheUpstreamAndIsChargedForWhatWasStreamed() {
        String[] words = new String[50];
        java.util.Arrays.fill(words, "word ");
        List<String> events = ResponsesReplies.reply("resp_up_1", UPSTREAM_MODEL)
                .text("msg_1", words)
                .events();
        fixture.upstream.on("POST", "/v1/responses", Answer.sse(events, Duration.ofMillis(40)));

        ChatStream stream = fixture.channel.open(responsesRequest());
        int texts = 0;
        while (texts < 2) {
            if (stream.next() instanceof ChatEvent.TextDelta) {
                texts++;
            }
        }
        Instant closing = Instant.now();
        stream.close();

        assertThat(stream.hasNext()).as("a closed stream yields nothing more").isFalse();
        assertThat(Duration.between(closing, Instant.now())).isLessThan(Duration.ofSeconds(1));
        assertThat(stream.usageSoFar().output()).isEqualTo(2 * ChannelFixture.TOKENS.countText("word "));
        assertThat(stream.usageSoFar().input())
                .as("the prompt as estimated, since the upstream never reported it")
                .isEqualTo(ChannelFixture.TOKENS.countPrompt(responsesRequest()));
    }
}
