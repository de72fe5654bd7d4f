package dev.tollgate.provider.anthropic;

import static dev.tollgate.provider.anthropic.AnthropicFixture.asking;
import static dev.tollgate.provider.anthropic.RecordedEvents.blockStop;
import static dev.tollgate.provider.anthropic.RecordedEvents.error;
import static dev.tollgate.provider.anthropic.RecordedEvents.messageStart;
import static dev.tollgate.provider.anthropic.RecordedEvents.textDelta;
import static dev.tollgate.provider.anthropic.RecordedEvents.textStart;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.provider.http.UpstreamHttp;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How Anthropic's failures reach routing: whether another channel may be tried, after how long, and why. */
class AnthropicFailureTests {

    private final AnthropicFixture anthropic = new AnthropicFixture();

    @AfterEach
    void stopUpstream() {
        anthropic.close();
    }

    @Test
    void aRateLimitIsRetryableAfterTheWaitAnthropicAskedFor() {
        anthropic.upstream.on(
                "POST",
                AnthropicFixture.MESSAGES,
                Answer.json(
                                429,
                                "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"Number of request"
                                        + " tokens has exceeded your per-minute rate limit\"},\"request_id\":\"req_011\"}")
                        .withHeader("retry-after", "7"));

        assertThatThrownBy(() -> anthropic.channel.open(asking("Hi")))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(429);
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                })
                .hasMessageContaining("per-minute rate limit");
    }

    @ParameterizedTest
    @CsvSource({"500,api_error", "503,api_error", "529,overloaded_error"})
    void serverSideFailuresAreRetryable(int status, String type) {
        anthropic.upstream.on(
                "POST",
                AnthropicFixture.MESSAGES,
                Answer.json(
                        status,
                        "{\"type\":\"error\",\"error\":{\"type\":\"" + type + "\",\"message\":\"Try later\"}}"));

        assertThatThrownBy(() -> anthropic.channel.open(asking("Hi")))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isTrue();
                    assertThat(e.status()).isEqualTo(status);
                });
    }

    @Test
    void aBadRequestIsNotRetryableAndSaysWhatAnthropicSaid() {
        anthropic.upstream.on(
                "POST",
                AnthropicFixture.MESSAGES,
                Answer.json(
                        400,
                        "{\"type\":\"error\",\"error\":{\"type\":\"invalid_request_error\","
                                + "\"message\":\"messages.1.content.0.tool_result: unexpected tool_use_id\"}}"));

        assertThatThrownBy(() -> anthropic.channel.open(asking("Hi")))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.status()).isEqualTo(400);
                })
                .hasMessageContaining("messages.1.content.0.tool_result: unexpected tool_use_id");
    }

    @Test
    void anOverloadBeforeAnyOutputIsRetryableAs529() {
        anthropic.streams(List.of(
                messageStart("{\"input_tokens\": 25, \"output_tokens\": 1}"), error("overloaded_error", "Overloaded")));

        try (ChatStream stream = anthropic.channel.open(asking("Hi"))) {
            assertThatThrownBy(stream::hasNext)
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.status()).isEqualTo(529);
                    })
                    .hasMessageContaining("Overloaded");
        }
    }

    @ParameterizedTest
    @CsvSource({
        "rate_limit_error,429,true",
        "api_error,500,true",
        "invalid_request_error,400,false",
        "request_too_large,413,false"
    })
    void inStreamErrorsTakeTheirTypesStatus(String type, int status, boolean retryable) {
        anthropic.streams(List.of(error(type, "Something about " + type)));

        try (ChatStream stream = anthropic.channel.open(asking("Hi"))) {
            assertThatThrownBy(stream::next).isInstanceOfSatisfying(UpstreamException.class, e -> {
                assertThat(e.status()).isEqualTo(status);
                assertThat(e.retryable()).isEqualTo(retryable);
            });
        }
    }

    @Test
    void anErrorAfterOutputBeganEndsTheReplyForGood() {
        anthropic.streams(List.of(
                messageStart("{\"input_tokens\": 25, \"output_tokens\": 1}"),
                textStart(0),
                textDelta(0, "Once upon a time"),
                error("overloaded_error", "Overloaded")));

        try (ChatStream stream = anthropic.channel.open(asking("A story"))) {
            assertThat(stream.next()).isEqualTo(new ChatEvent.TextDelta("Once upon a time"));
            assertThatThrownBy(stream::hasNext)
                    .as("the caller already has part of the reply, so no other channel may start over")
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.retryable()).isFalse();
                        assertThat(e.status()).isEqualTo(529);
                    });
            assertThat(stream.usageSoFar().output())
                    .as("what was delivered is still counted")
                    .isEqualTo(anthropic.tokens.countText("Once upon a time"));
        }
    }

    @Test
    void aStreamEndingWithoutMessageStopIsAFailure() {
        anthropic.streams(List.of(messageStart("{\"input_tokens\": 25, \"output_tokens\": 1}"), textStart(0)));

        try (ChatStream stream = anthropic.channel.open(asking("Hi"))) {
            assertThatThrownBy(stream::hasNext)
                    .isInstanceOfSatisfying(
                            UpstreamException.class,
                            e -> assertThat(e.retryable())
                                    .as("nothing was passed on yet")
                                    .isTrue())
                    .hasMessageContaining("ended before the reply was complete");
        }
    }

    @Test
    void aStreamCutOffAfterOutputIsNotRetryable() {
        anthropic.streams(List.of(
                messageStart("{\"input_tokens\": 25, \"output_tokens\": 1}"),
                textStart(0),
                textDelta(0, "Half an ans"),
                blockStop(0)));

        try (ChatStream stream = anthropic.channel.open(asking("Hi"))) {
            assertThat(stream.next()).isEqualTo(new ChatEvent.TextDelta("Half an ans"));
            assertThatThrownBy(stream::next)
                    .isInstanceOfSatisfying(
                            UpstreamException.class,
                            e -> assertThat(e.retryable()).isFalse());
        }
    }

    @Test
    @Timeout(10)
    void anUpstreamSilentAfterItsHeadersTimesOutRetryably() throws Exception {
        try (SilentUpstream silent = new SilentUpstream()) {
            ChannelConfig config = new ChannelConfig(
                    "anthropic-silent",
                    ChannelKind.ANTHROPIC,
                    silent.baseUrl(),
                    new ChannelSecret(AnthropicFixture.CHANNEL_KEY),
                    null,
                    Map.of(AnthropicFixture.MODEL.value(), AnthropicFixture.UPSTREAM_MODEL),
                    Duration.ofSeconds(2),
                    Duration.ofMillis(300));
            AnthropicChannel channel =
                    new AnthropicChannel(config, new UpstreamHttp(config), anthropic.json, anthropic.tokens);
            long start = System.nanoTime();

            try (ChatStream stream = channel.open(asking("Hi"))) {
                assertThatThrownBy(stream::hasNext)
                        .isInstanceOfSatisfying(
                                UpstreamException.class,
                                e -> assertThat(e.retryable()).isTrue())
                        .hasMessageContaining("did not start its reply in time");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("the channel's timeout ended the wait for the first event")
                    .isBetween(Duration.ofMillis(250), Duration.ofSeconds(2));
        }
    }

    @Test
    void closingFromAnotherThreadEndsAWaitingRead() throws Exception {
        // the stand-in sends its headers with the first event; the next comes two seconds later
        anthropic.streams(RecordedEvents.hello(), Duration.ofSeconds(2));
        ChatStream stream = anthropic.channel.open(asking("Hi"));
        CompletableFuture<Boolean> reading = CompletableFuture.supplyAsync(stream::hasNext);
        Thread.sleep(200);
        long closedAt = System.nanoTime();

        stream.close();

        assertThat(reading.get(3, TimeUnit.SECONDS))
                .as("the closed stream simply ends, without an upstream failure")
                .isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - closedAt))
                .as("the read ended on close, not on the upstream's next event")
                .isLessThan(Duration.ofMillis(1200));
        assertThat(stream.usageSoFar())
                .as("message_start's prompt count, and nothing output")
                .isEqualTo(new TokenCounts(25, 0, 0, 0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "{\"type\": \"content_block_delta\", \"delta\": "})
    void anEventThatIsNotJsonIsAFailure(String data) {
        anthropic.streams(List.of("event: content_block_delta\ndata: " + data));

        try (ChatStream stream = anthropic.channel.open(asking("Hi"))) {
            assertThatThrownBy(stream::hasNext)
                    .isInstanceOf(UpstreamException.class)
                    .hasMessageContaining("not JSON");
        }
    }
}
