package dev.tollgate.provider.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.ChannelConfig;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelSecret;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Error answers become upstream failures that say whether to try elsewhere, and never carry the channel's key. */
class UpstreamHttpTests {

    static final String SECRET = "sk-echoed-by-a-careless-upstream";

    final UpstreamStandIn upstream = new UpstreamStandIn();
    final UpstreamHttp http = new UpstreamHttp(new ChannelConfig(
            "echo",
            ChannelKind.OPENAI_COMPATIBLE,
            upstream.baseUrl("/v1"),
            new ChannelSecret(SECRET),
            null,
            Map.of(),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5)));

    @AfterEach
    void stop() {
        http.close();
        upstream.close();
    }

    @Test
    void anUpstreamThatEchoesTheKeyInItsErrorDoesNotGetItIntoTheMessage() {
        upstream.on(
                "GET",
                "/v1/models",
                Answer.json(401, "{\"error\":{\"message\":\"Incorrect API key: " + SECRET + "\"}}"));

        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.getMessage())
                            .isEqualTo("The upstream answered 401: Incorrect API key: [channel secret]")
                            .doesNotContain(SECRET);
                    assertThat(e.retryable())
                            .as("another channel may hold a working key")
                            .isTrue();
                    assertThat(e.status()).isEqualTo(401);
                });
    }

    @Test
    void retryAfterInSecondsOrMillisecondsIsRead() {
        upstream.on(
                "GET",
                "/v1/models",
                Answer.json(429, "{}").withHeader("retry-after", "7"),
                Answer.json(429, "{}").withHeader("retry-after-ms", "1500"));

        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7)));
        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofMillis(1500)));
    }

    @Test
    void theRequestsOwnFaultsAreNotRetriedElsewhere() {
        upstream.on(
                "GET",
                "/v1/models",
                Answer.json(400, "{\"error\":{\"message\":\"bad schema\"}}"),
                Answer.json(422, "{}"),
                Answer.json(503, "{}"));

        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(UpstreamException.class, e -> {
                    assertThat(e.retryable()).isFalse();
                    assertThat(e.getMessage()).isEqualTo("The upstream answered 400: bad schema");
                });
        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse());
        assertThatThrownBy(() -> http.send(http.request("/models").GET().build()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isTrue());
    }

    @Test
    void anUnreachableUpstreamIsRetryableWithNoStatus() throws Exception {
        int port = upstream.port();
        upstream.close();
        try (UpstreamHttp closed = new UpstreamHttp(new ChannelConfig(
                "gone",
                ChannelKind.OPENAI_COMPATIBLE,
                java.net.URI.create("http://127.0.0.1:" + port + "/v1"),
                null,
                null,
                Map.of(),
                Duration.ofSeconds(1),
                Duration.ofSeconds(1)))) {
            assertThatThrownBy(() -> closed.send(closed.request("/models").GET().build()))
                    .isInstanceOfSatisfying(UpstreamException.class, e -> {
                        assertThat(e.retryable()).isTrue();
                        assertThat(e.status()).isZero();
                    });
        }
    }
}
