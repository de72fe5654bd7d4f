package dev.tollgate.provider.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.videos.Video;
import dev.tollgate.support.Actors;
import dev.tollgate.support.Books;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.TestImages;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import dev.tollgate.support.VideoPolls;
import dev.tollgate.support.VideoRequests;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests through the gateway to real HTTP upstreams (Anthropic's wire format on loopback stand-ins), called with the
 * official OpenAI SDK: failover before the first byte, {@code retry-after}, the circuit breaker, one charge on the
 * answering attempt, and the channel's key as the only credential the upstream sees.
 */
@IntegrationTest
class ChannelRoutingTests {

    static final String MODEL = "aws/minimax-m2.1";
    static final BigDecimal INPUT_PRICE = new BigDecimal("0.30");
    static final BigDecimal OUTPUT_PRICE = new BigDecimal("1.50");

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChannelDirectory directory;

    @Autowired
    dev.tollgate.secret.SecretBox secrets;

    TestChannels channels;
    UpstreamStandIn a;
    UpstreamStandIn b;
    FundedTeam team;
    String key;
    OpenAIClient client;

    @BeforeEach
    void upstreamsAndATeam() {
        channels = new TestChannels(channelService, actors);
        a = new UpstreamStandIn();
        b = new UpstreamStandIn();
        team = FundedTeam.create(port, "Routing", "10.00");
        key = team.key();
        client = team.client();
    }

    @AfterEach
    void removeChannels() {
        channels.removeAll();
        a.close();
        b.close();
    }

    @Test
    void whenTheFirstChannelAnswers503TheSecondAnswersAndTheRequestIsChargedOnceForItsUsage() {
        a.on("POST", "/v1/messages", Answer.json(503, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\"}}"));
        b.on("POST", "/v1/messages", UpstreamReplies.anthropicText("Answer from B", 40, 7));
        channels.add("route-a", ChannelKind.ANTHROPIC, a.baseUrl("/v1"), "sk-channel-a", Map.of(MODEL, "up-a"), 0);
        channels.add("route-b", ChannelKind.ANTHROPIC, b.baseUrl("/v1"), "sk-channel-b", Map.of(MODEL, "up-b"), 1);

        ChatCompletion completion = client.chat().completions().create(params());

        assertThat(completion.choices().getFirst().message().content()).hasValue("Answer from B");
        assertThat(a.received()).hasSize(1);
        assertThat(b.received()).hasSize(1);
        Map<String, Object> usage = onlyUsageRow();
        assertThat(usage.get("channel")).isEqualTo("route-b");
        assertThat(usage.get("input_tokens")).isEqualTo(40L);
        assertThat(usage.get("output_tokens")).isEqualTo(7L);
        BigDecimal cost = INPUT_PRICE
                .multiply(BigDecimal.valueOf(40))
                .add(OUTPUT_PRICE.multiply(BigDecimal.valueOf(7)))
                .movePointLeft(6);
        assertThat((BigDecimal) usage.get("total_cost")).isEqualByComparingTo(cost);
        assertThat(charges()).containsExactly(cost.negate().stripTrailingZeros());
        assertThat(balance()).isEqualByComparingTo(new BigDecimal("10.00").subtract(cost));
    }

    @Test
    void anImageRequestFailsOverToTheNextChannelAndIsChargedItsPriceOnce() throws Exception {
        String model = "enterprise/gemini-3-pro-image-preview-1k";
        String path = "/v1beta/models/gemini-3-pro-image-preview:generateContent";
        byte[] png = TestImages.png(1024, 1024);
        a.on(
                "POST",
                path,
                Answer.json(503, "{\"error\":{\"code\":503,\"message\":\"overloaded\",\"status\":\"UNAVAILABLE\"}}"));
        b.on(
                "POST",
                path,
                Answer.json("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":"
                        + "{\"mimeType\":\"image/png\",\"data\":\""
                        + Base64.getEncoder().encodeToString(png)
                        + "\"}}]},\"finishReason\":\"STOP\"}]}"));
        channels.add(
                "image-a",
                ChannelKind.GEMINI_IMAGE,
                a.baseUrl("/v1beta"),
                "key-a",
                Map.of(model, "gemini-3-pro-image-preview"),
                0);
        channels.add(
                "image-b",
                ChannelKind.GEMINI_IMAGE,
                b.baseUrl("/v1beta"),
                "key-b",
                Map.of(model, "gemini-3-pro-image-preview"),
                1);

        String b64 = client.images()
                .generate(ImageGenerateParams.builder()
                        .model(model)
                        .prompt("A harbour at dawn")
                        .responseFormat(ImageGenerateParams.ResponseFormat.B64_JSON)
                        .build())
                .data()
                .orElseThrow()
                .getFirst()
                .b64Json()
                .orElseThrow();

        assertThat(Base64.getDecoder().decode(b64)).isEqualTo(png);
        assertThat(a.received()).hasSize(1);
        assertThat(b.received()).hasSize(1);
        assertThat(onlyUsageRow().get("channel")).isEqualTo("image-b");
        assertThat(charges()).containsExactly(new BigDecimal("-0.32"));
        assertThat(balance()).isEqualByComparingTo("9.68");
    }

    @Test
    void aChannelThatCannotBeReachedIsPassedOverForTheNext() throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        b.on("POST", "/v1/messages", UpstreamReplies.anthropicText("B picked it up", 5, 3));
        channels.add(
                "unreachable",
                ChannelKind.ANTHROPIC,
                java.net.URI.create("http://127.0.0.1:" + closedPort + "/v1"),
                "sk-a",
                Map.of(MODEL, "up-a"),
                0);
        channels.add("reachable", ChannelKind.ANTHROPIC, b.baseUrl("/v1"), "sk-b", Map.of(MODEL, "up-b"), 1);

        assertThat(replyText()).hasValue("B picked it up");
        assertThat(onlyUsageRow().get("channel")).isEqualTo("reachable");
        assertThat(charges()).hasSize(1);
    }

    @Test
    void aChannelAddedByAnotherInstanceIsRoutedToOnceThisOneLooksAgain() {
        b.on("POST", "/v1/messages", UpstreamReplies.anthropicText("from elsewhere", 5, 2));
        UUID id = UUID.randomUUID();
        // written straight to the table, as another instance's admin view would
        jdbc.sql("""
                        insert into upstream_channel (id, name, kind, base_url, secret_sealed, models, priority,
                            weight, connect_timeout_ms, timeout_ms, enabled, from_config, created_at, updated_at)
                        values (?, 'other-instance', 'anthropic', ?, ?, cast(? as jsonb), 0, 1, 2000, 10000, true,
                            false, now(), now())""")
                .params(
                        id,
                        b.baseUrl("/v1").toString(),
                        secrets.seal("sk-from-elsewhere", "channel:" + id),
                        "{\"" + MODEL + "\":\"up-b\"}")
                .update();

        directory.followOtherInstances();

        assertThat(replyText()).hasValue("from elsewhere");
        assertThat(b.last().header("x-api-key")).isEqualTo("sk-from-elsewhere");
    }

    @Test
    void aVideoTaskGoesToTheNextChannelWhenTheFirstRefusesAndIsFollowedThere() throws Exception {
        String model = "enterprise/seedance-1-5-pro";
        byte[] mp4 = "bytes of the finished video".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        a.on("POST", "/api/v3/contents/generations/tasks", Answer.json(503, "{\"error\":{\"message\":\"busy\"}}"));
        b.on("POST", "/api/v3/contents/generations/tasks", Answer.json("{\"id\":\"cgt-b-1\"}"));
        b.on(
                "GET",
                "/api/v3/contents/generations/tasks/cgt-b-1",
                Answer.json("{\"id\":\"cgt-b-1\",\"status\":\"succeeded\",\"content\":{\"video_url\":\""
                        + b.baseUrl("/files/b.mp4") + "\"}}"));
        b.on("GET", "/files/b.mp4", Answer.bytes(200, "video/mp4", mp4));
        channels.add("video-a", ChannelKind.SEEDANCE, a.baseUrl("/api/v3"), "ark-a", Map.of(model, "seedance"), 0);
        channels.add("video-b", ChannelKind.SEEDANCE, b.baseUrl("/api/v3"), "ark-b", Map.of(model, "seedance"), 1);

        Video created = client.videos()
                .create(VideoRequests.fourSecondLandscape(model, "A kite over dunes")
                        .build());
        Video done = VideoPolls.untilFinished(client, created.id());

        assertThat(done.status().asString()).isEqualTo("completed");
        try (java.io.InputStream body =
                client.videos().downloadContent(created.id()).body()) {
            assertThat(body.readAllBytes()).isEqualTo(mp4);
        }
        assertThat(a.received()).hasSize(1);
        assertThat(b.received("GET", "/api/v3/contents/generations/tasks/cgt-b-1"))
                .isNotEmpty();
        assertThat(jdbc.sql("select channel from video_job where team_id = ?::uuid")
                        .param(team.id())
                        .query(String.class)
                        .single())
                .isEqualTo("video-b");
        assertThat(charges()).containsExactly(new BigDecimal("-0.6"));
    }

    @Test
    void theUpstreamSeesTheChannelsKeyAndNothingOfTheCaller() {
        b.on("POST", "/v1/messages", UpstreamReplies.anthropicText("ok", 5, 1));
        channels.add("keys-b", ChannelKind.ANTHROPIC, b.baseUrl("/v1"), "sk-channel-b", Map.of(MODEL, "up-b"), 0);

        client.chat().completions().create(params());

        UpstreamStandIn.Received request = b.last();
        assertThat(request.header("x-api-key")).isEqualTo("sk-channel-b");
        assertThat(request.headers()).doesNotContainKey("authorization");
        assertThat(request.headers().values()).noneMatch(value -> value.contains(key) || value.contains("vai-"));
        assertThat(request.bodyText()).doesNotContain(key).doesNotContain("vai-");
        assertThat(request.bodyText()).contains("\"model\":\"up-b\"");
    }

    @Test
    void aShortRetryAfterIsWaitedOutWhenNoOtherChannelServesTheModel() {
        a.on(
                "POST",
                "/v1/messages",
                Answer.json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"slow\"}}")
                        .withHeader("retry-after", "1"),
                UpstreamReplies.anthropicText("after the wait", 5, 3));
        channels.add("wait-a", ChannelKind.ANTHROPIC, a.baseUrl("/v1"), "sk-a", Map.of(MODEL, "up-a"), 0);

        ChatCompletion completion = client.chat().completions().create(params());

        assertThat(completion.choices().getFirst().message().content()).hasValue("after the wait");
        List<UpstreamStandIn.Received> calls = a.received();
        assertThat(calls).hasSize(2);
        assertThat(Duration.between(calls.get(0).at(), calls.get(1).at()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(charges()).hasSize(1);
    }

    @Test
    void aLongRetryAfterIsPassedOnToTheCallerInsteadOfHoldingTheRequest() {
        a.on(
                "POST",
                "/v1/messages",
                Answer.json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"busy\"}}")
                        .withHeader("retry-after", "45"));
        channels.add("long-a", ChannelKind.ANTHROPIC, a.baseUrl("/v1"), "sk-a", Map.of(MODEL, "up-a"), 0);

        long started = System.nanoTime();
        assertThatThrownBy(() -> client.chat().completions().create(params()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.headers().values("retry-after")).containsExactly("45");
                });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(a.received()).hasSize(1);
        assertThat(charges()).isEmpty();
    }

    @Test
    void aChannelThatAskedToWaitIsSkippedByLaterRequestsUntilItsTimeIsUp() {
        a.on(
                "POST",
                "/v1/messages",
                Answer.json(429, "{\"type\":\"error\",\"error\":{\"type\":\"rate_limit_error\",\"message\":\"later\"}}")
                        .withHeader("retry-after", "60"));
        b.on("POST", "/v1/messages", UpstreamReplies.anthropicText("from B", 5, 2));
        channels.add("cool-a", ChannelKind.ANTHROPIC, a.baseUrl("/v1"), "sk-a", Map.of(MODEL, "up-a"), 0);
        channels.add("cool-b", ChannelKind.ANTHROPIC, b.baseUrl("/v1"), "sk-b", Map.of(MODEL, "up-b"), 1);

        for (int i = 0; i < 3; i++) {
            assertThat(replyText()).hasValue("from B");
        }

        assertThat(a.received()).as("asked once, then left alone for 60 s").hasSize(1);
        assertThat(b.received()).hasSize(3);
        ChannelView coolA = actors.asPlatformAdmin(() -> channelService.list().stream()
                .filter(c -> c.name().equals("cool-a"))
                .findFirst()
                .orElseThrow());
        ChannelHealth health =
                actors.asPlatformAdmin(() -> channelService.health().get(coolA.id()));
        assertThat(health.coolingUntil()).isNotNull();
        assertThat(health.lastError()).contains("429");
    }

    @Test
    void theCircuitOpensAfterRepeatedFailuresAndClosesAgainOnceAProbeSucceeds() throws Exception {
        a.on("POST", "/v1/messages", Answer.json(500, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\"}}"));
        b.on("POST", "/v1/messages", UpstreamReplies.anthropicText("from B", 5, 2));
        ChannelView channelA =
                channels.add("breaker-a", ChannelKind.ANTHROPIC, a.baseUrl("/v1"), "sk-a", Map.of(MODEL, "up-a"), 0);
        channels.add("breaker-b", ChannelKind.ANTHROPIC, b.baseUrl("/v1"), "sk-b", Map.of(MODEL, "up-b"), 1);

        for (int i = 0; i < 8; i++) {
            client.chat().completions().create(params());
        }
        assertThat(a.received())
                .as("the circuit opened after the fifth failure")
                .hasSize(5);
        assertThat(health(channelA).circuit()).isEqualTo(ChannelHealth.Circuit.OPEN);
        assertThat(health(channelA).errorRate()).isEqualTo(1.0);

        a.reset();
        a.on("POST", "/v1/messages", UpstreamReplies.anthropicText("A is back", 5, 2));
        Thread.sleep(2100); // tollgate.routing.open-for in tests
        assertThat(replyText()).hasValue("A is back");
        assertThat(health(channelA).circuit()).isEqualTo(ChannelHealth.Circuit.CLOSED);
        assertThat(replyText()).hasValue("A is back");
    }

    @Test
    void whenEveryChannelFailsTheCallerGetsA503AndPaysNothing() {
        a.on("POST", "/v1/messages", Answer.json(503, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\"}}"));
        b.on("POST", "/v1/messages", Answer.json(502, "bad gateway"));
        channels.add("down-a", ChannelKind.ANTHROPIC, a.baseUrl("/v1"), "sk-a", Map.of(MODEL, "up-a"), 0);
        channels.add("down-b", ChannelKind.ANTHROPIC, b.baseUrl("/v1"), "sk-b", Map.of(MODEL, "up-b"), 0);

        assertThatThrownBy(() -> client.chat().completions().create(params()))
                .isInstanceOfSatisfying(
                        InternalServerException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(503));
        assertThat(a.received()).hasSize(1);
        assertThat(b.received()).hasSize(1);
        assertThat(charges()).isEmpty();
        assertThat(balance()).isEqualByComparingTo("10.00");
    }

    @Test
    void aDisabledChannelIsNotUsedAndTheModelGoesBackToTheSimulator() {
        b.on("POST", "/v1/messages", UpstreamReplies.anthropicText("from B", 5, 2));
        ChannelView channelB =
                channels.add("off-b", ChannelKind.ANTHROPIC, b.baseUrl("/v1"), "sk-b", Map.of(MODEL, "up-b"), 0);
        actors.asPlatformAdmin(() -> channelService.setEnabled(channelB.id(), false));

        client.chat().completions().create(params());

        assertThat(b.received()).isEmpty();
        assertThat(onlyUsageRow().get("channel")).isEqualTo("simulator");
    }

    /** One chat call through the gateway, and the text it answered. */
    private java.util.Optional<String> replyText() {
        return client.chat()
                .completions()
                .create(params())
                .choices()
                .getFirst()
                .message()
                .content();
    }

    private ChannelHealth health(ChannelView channel) {
        return actors.asPlatformAdmin(() -> channelService.health().get(channel.id()));
    }

    private static ChatCompletionCreateParams params() {
        return ChatCompletionCreateParams.builder()
                .model(MODEL)
                .addUserMessage("Say something")
                .maxCompletionTokens(50)
                .build();
    }

    private Map<String, Object> onlyUsageRow() {
        List<Map<String, Object>> rows = jdbc.sql("select * from usage_record where team_id = ?::uuid")
                .param(team.id())
                .query()
                .listOfRows();
        assertThat(rows).hasSize(1);
        return rows.getFirst();
    }

    private List<BigDecimal> charges() {
        return new Books(jdbc).chargesAndRefunds(team.teamId());
    }

    private BigDecimal balance() {
        return team.balance(jdbc);
    }
}
