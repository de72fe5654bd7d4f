package dev.tollgate.provider.bedrock;

import static dev.tollgate.provider.bedrock.ConverseWire.blockStop;
import static dev.tollgate.provider.bedrock.ConverseWire.error;
import static dev.tollgate.provider.bedrock.ConverseWire.exception;
import static dev.tollgate.provider.bedrock.ConverseWire.messageStart;
import static dev.tollgate.provider.bedrock.ConverseWire.stream;
import static dev.tollgate.provider.bedrock.ConverseWire.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.provider.ChatEvent.TextDelta;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bedrock's failures, as error answers and as exception events inside a stream, and whether routing may retry. */
class BedrockErrorTests extends BedrockStandInFixture {

    @Test
    void throttlingIsRetryableWith429AndTheWaitBedrockAskedFor() {
        standIn.on(
                "POST",
                PATH,
                error(429, "ThrottlingException", "Too many requests, please wait before trying again.")
                        .withHeader("retry-after", "7"));

        UpstreamException failure = catchThrowableOfType(UpstreamException.class, () -> channel.open(ask("hi")));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.status()).isEqualTo(429);
        assertThat(failure.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(failure).hasMessageContaining("ThrottlingException").hasMessageContaining("Too many requests");
        assertThat(standIn.received()).as("the SDK itself does not retry").hasSize(1);
    }

    @Test
    void anInvalidRequestIsNotRetryableAndCarriesBedrocksMessage() {
        standIn.on("POST", PATH, error(400, "ValidationException", "A conversation must start with a user message."));

        UpstreamException failure = catchThrowableOfType(UpstreamException.class, () -> channel.open(ask("hi")));

        assertThat(failure.retryable()).as("it would fail on any channel").isFalse();
        assertThat(failure.status()).isEqualTo(400);
        assertThat(failure).hasMessageContaining("A conversation must start with a user message.");
    }

    @Test
    void serverErrorsAndOverloadAreRetryable() {
        standIn.on(
                "POST",
                PATH,
                error(500, "InternalServerException", "The server encountered an internal error."),
                error(503, "ServiceUnavailableException", "The service is unavailable."));

        UpstreamException internal = catchThrowableOfType(UpstreamException.class, () -> channel.open(ask("hi")));
        UpstreamException unavailable = catchThrowableOfType(UpstreamException.class, () -> channel.open(ask("hi")));

        assertThat(internal.retryable()).isTrue();
        assertThat(internal.status()).isEqualTo(500);
        assertThat(unavailable.retryable()).isTrue();
        assertThat(unavailable.status()).isEqualTo(503);
        assertThat(standIn.received())
                .as("one attempt each: routing does the retrying")
                .hasSize(2);
    }

    @Test
    void aChannelWithoutAccessIsRetryableOnAnother() {
        standIn.on(
                "POST",
                PATH,
                error(403, "AccessDeniedException", "You don't have access to the model with the specified model ID."));

        UpstreamException failure = catchThrowableOfType(UpstreamException.class, () -> channel.open(ask("hi")));

        assertThat(failure.retryable()).isTrue();
        assertThat(failure.status()).isEqualTo(403);
    }

    @Test
    void aThrottlingEventBeforeAnyOutputIsRetryable() {
        standIn.on(
                "POST",
                PATH,
                stream(List.of(messageStart(), exception("throttlingException", "Too many tokens")), Duration.ZERO));

        try (ChatStream stream = channel.open(ask("hi"))) {
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, stream::hasNext);

            assertThat(failure.retryable()).isTrue();
            assertThat(failure.status()).isEqualTo(429);
            assertThat(failure).hasMessageContaining("Too many tokens");
        }
    }

    @Test
    void aModelStreamErrorAfterOutputEndsTheStreamWithoutRetry() {
        standIn.on(
                "POST",
                PATH,
                stream(
                        List.of(
                                messageStart(),
                                text(0, "Partial"),
                                exception("modelStreamErrorException", "The model stream broke")),
                        Duration.ofMillis(20)));

        try (ChatStream stream = channel.open(ask("hi"))) {
            assertThat(stream.next()).isEqualTo(new TextDelta("Partial"));
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, stream::hasNext);

            assertThat(failure.retryable())
                    .as("output already reached the caller, so another channel cannot take over")
                    .isFalse();
            assertThat(failure.status()).isBetween(500, 599);
            assertThat(failure).hasMessageContaining("The model stream broke");
        }
    }

    @Test
    void aModelStreamErrorBeforeOutputIsRetryableAs5xx() {
        standIn.on(
                "POST",
                PATH,
                stream(
                        List.of(messageStart(), exception("modelStreamErrorException", "The model stream broke")),
                        Duration.ZERO));

        try (ChatStream stream = channel.open(ask("hi"))) {
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, stream::hasNext);

            assertThat(failure.retryable()).isTrue();
            assertThat(failure.status()).isBetween(500, 599);
        }
    }

    @Test
    void aStreamEndingBeforeMessageStopIsABrokenReply() {
        standIn.on("POST", PATH, stream(List.of(messageStart(), text(0, "Half a"), blockStop(0)), Duration.ZERO));

        try (ChatStream stream = channel.open(ask("hi"))) {
            assertThat(stream.next()).isEqualTo(new TextDelta("Half a"));
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, stream::hasNext);

            assertThat(failure).hasMessageContaining("ended before the reply did");
            assertThat(failure.retryable()).isFalse();
        }
    }

    @Test
    void anUnreachableEndpointIsRetryable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ChannelConfig unreachable = new ChannelConfig(
                "bedrock-gone",
                ChannelKind.BEDROCK,
                URI.create("http://127.0.0.1:" + closedPort),
                new ChannelSecret(ACCESS_KEY_ID + ":secret"),
                "us-east-1",
                Map.of(MODEL.value(), UPSTREAM_MODEL),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2));

        try (BedrockChannel gone = new BedrockChannel(unreachable, tokens)) {
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, () -> gone.open(ask("hi")));

            assertThat(failure.retryable()).isTrue();
            assertThat(failure.status()).isZero();
        }
    }

    @Test
    void aSilentUpstreamTimesOutRetryably() {
        standIn.on("POST", PATH, stream(List.of(messageStart(), text(0, "late")), Duration.ofSeconds(3)));
        ChannelConfig impatient = new ChannelConfig(
                "bedrock-impatient",
                ChannelKind.BEDROCK,
                standIn.baseUrl(""),
                new ChannelSecret(ACCESS_KEY_ID + ":secret"),
                "us-east-1",
                Map.of(MODEL.value(), UPSTREAM_MODEL),
                Duration.ofSeconds(1),
                Duration.ofMillis(500));

        try (BedrockChannel channel = new BedrockChannel(impatient, tokens)) {
            long started = System.nanoTime();
            UpstreamException failure = catchThrowableOfType(UpstreamException.class, () -> {
                try (ChatStream stream = channel.open(ask("hi"))) {
                    stream.hasNext();
                }
            });

            assertThat(failure.retryable()).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("given up after the channel's timeout, not after the upstream's pause")
                    .isLessThan(Duration.ofMillis(2900));
        }
    }
}
