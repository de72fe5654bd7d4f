package dev.tollgate.provider.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.JsonValue;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StopReason;
import com.anthropic.models.messages.Tool;
import com.anthropic.models.messages.ToolUseBlock;
import com.openai.client.OpenAIClient;
import com.openai.core.http.HttpResponse;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.images.ImagesResponse;
import com.openai.models.videos.Video;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.TestTeams;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import dev.tollgate.support.VideoPolls;
import dev.tollgate.support.VideoRequests;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.postgresql.PGConnection;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Channels defined in {@code tollgate.channels} (application-channels.yml, in the issue's own YAML form) with the
 * simulator switched off there: each kind serves its models end to end, models without a channel are unavailable,
 * configured channels and the simulator's switch are read-only, and secrets appear neither in the database's contents
 * nor in the log.
 */
@ExtendWith(OutputCaptureExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles({"test", "channels"})
@Import({TestTeams.class, Actors.class})
class ConfiguredChannelsTests {

    static final List<String> SECRETS =
            List.of("sk-upstream-5ecret-7f3a9c", "AIza-gemini-5ecret-1b2c", "ark-5ecret-9d8e");
    static final UpstreamStandIn UPSTREAM = new UpstreamStandIn();

    @DynamicPropertySource
    static void upstream(DynamicPropertyRegistry registry) {
        registry.add("test.upstream", () -> "http://127.0.0.1:" + UPSTREAM.port());
    }

    @AfterAll
    static void stop() {
        UPSTREAM.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channels;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DataSource dataSource;

    @Autowired
    ConfiguredChannels configured;

    @Autowired
    dev.tollgate.calls.ChatPipeline chatPipeline;

    @Autowired
    dev.tollgate.calls.ImagePipeline imagePipeline;

    OpenAIClient client;
    String key;

    @BeforeEach
    void fundedKey() {
        UPSTREAM.reset();
        FundedTeam team = FundedTeam.create(port, "Configured", "10.00");
        key = team.key();
        client = team.client();
    }

    @Test
    void theConfiguredChannelsAreStoredFromTheYamlWithTheirModels() {
        List<ChannelView> stored = actors.asPlatformAdmin(() -> channels.list());

        assertThat(stored)
                .extracting(ChannelView::name)
                .containsExactlyInAnyOrder("primary", "images", "videos", "simulator");
        ChannelView primary = stored.stream()
                .filter(c -> c.name().equals("primary"))
                .findFirst()
                .orElseThrow();
        assertThat(primary.kind()).isEqualTo(ChannelKind.OPENAI_COMPATIBLE);
        assertThat(primary.fromConfig()).isTrue();
        assertThat(primary.hasSecret()).isTrue();
        assertThat(primary.models())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "aws/claude-haiku-4-5", "claude-haiku",
                        "aws/minimax-m2.5", "minimax-m2.5-instruct"));
        assertThat(primary.speaksResponses())
                .as("speaks-responses: true in the YAML")
                .isTrue();
        assertThat(stored)
                .filteredOn(channel -> !channel.name().equals("primary"))
                .as("the channels that do not say so speak their own API")
                .noneMatch(ChannelView::speaksResponses);
    }

    @Test
    void chatGoesToTheOpenAiCompatibleChannelUnderItsUpstreamIdWithTheChannelsKey() {
        UPSTREAM.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("Hello from upstream", 9, 3));

        String reply = hi("aws/claude-haiku-4-5");

        assertThat(reply).isEqualTo("Hello from upstream");
        UpstreamStandIn.Received request = UPSTREAM.last();
        assertThat(request.header("authorization")).isEqualTo("Bearer sk-upstream-5ecret-7f3a9c");
        assertThat(request.bodyText()).contains("\"model\":\"claude-haiku\"").doesNotContain(key);
        assertThat(request.path())
                .as("a Chat Completions caller's request goes to Chat Completions on a channel that speaks Responses")
                .isEqualTo("/v1/chat/completions");
    }

    @Test
    void anAnthropicCallerGetsTheToolCallAndCacheReadsOfAnOpenAiCompatibleUpstream() {
        String chunk = "data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",";
        UPSTREAM.on(
                "POST",
                "/v1/chat/completions",
                Answer.sse(
                        List.of(
                                chunk + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":null,"
                                        + "\"tool_calls\":[{\"index\":0,\"id\":\"call_abc\",\"type\":\"function\","
                                        + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"\"}}]},"
                                        + "\"finish_reason\":null}]}",
                                chunk + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                                        + "\"function\":{\"arguments\":\"{\\\"city\\\":\"}}]},\"finish_reason\":null}]}",
                                chunk + "\"choices\":[{\"index\":0,\"delta\":{\"tool_calls\":[{\"index\":0,"
                                        + "\"function\":{\"arguments\":\"\\\"Paris\\\"}\"}}]},\"finish_reason\":null}]}",
                                chunk + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"tool_calls\"}]}",
                                chunk + "\"choices\":[],\"usage\":{\"prompt_tokens\":1500,\"completion_tokens\":12,"
                                        + "\"total_tokens\":1512,\"prompt_tokens_details\":{\"cached_tokens\":1280}}}",
                                "data: [DONE]"),
                        Duration.ZERO));
        AnthropicClient anthropic = AnthropicClients.forKey(port, key);

        Message reply = anthropic
                .messages()
                .create(MessageCreateParams.builder()
                        .model("aws/claude-haiku-4-5")
                        .maxTokens(200)
                        .system("You check the weather.")
                        .addTool(Tool.builder()
                                .name("get_weather")
                                .description("Current weather for a city")
                                .inputSchema(Tool.InputSchema.builder()
                                        .properties(JsonValue.from(Map.of("city", Map.of("type", "string"))))
                                        .required(List.of("city"))
                                        .build())
                                .build())
                        .addUserMessage("Weather in Paris?")
                        .build());

        assertThat(reply.stopReason()).contains(StopReason.TOOL_USE);
        ToolUseBlock call = reply.content().stream()
                .flatMap(block -> block.toolUse().stream())
                .findFirst()
                .orElseThrow();
        assertThat(call.name()).isEqualTo("get_weather");
        assertThat(call._input().convert(Map.class)).isEqualTo(Map.of("city", "Paris"));
        assertThat(reply.usage().inputTokens()).isEqualTo(220);
        assertThat(reply.usage().cacheReadInputTokens()).contains(1280L);
        assertThat(reply.usage().outputTokens()).isEqualTo(12);
        String sent = UPSTREAM.last().bodyText();
        assertThat(sent)
                .contains("\"role\":\"system\"")
                .contains("You check the weather.")
                .contains("\"name\":\"get_weather\"")
                .contains("\"stream\":true")
                .contains("\"include_usage\":true");
        assertThat(UPSTREAM.last().headers()).doesNotContainKey("x-api-key");
        assertThat(UPSTREAM.last().header("authorization")).isEqualTo("Bearer sk-upstream-5ecret-7f3a9c");
    }

    @Test
    void aDottedModelIdFromTheYamlIsServedToo() {
        UPSTREAM.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("dots survive", 9, 3));

        hi("aws/minimax-m2.5");

        assertThat(UPSTREAM.last().bodyText()).contains("\"model\":\"minimax-m2.5-instruct\"");
    }

    @Test
    void theModelListShowsOnlyWhatAChannelServesWhenTheSimulatorIsOff() {
        List<String> listed = client.models().list().data().stream()
                .map(com.openai.models.models.Model::id)
                .toList();

        assertThat(listed)
                .containsExactlyInAnyOrder(
                        "aws/claude-haiku-4-5",
                        "aws/minimax-m2.5",
                        "enterprise/gemini-3.1-flash-image-preview-1k",
                        "enterprise/seedance-1-5-pro");
        assertThat(chatPipeline.models())
                .as("the playground's pickers offer the same")
                .extracting(model -> model.id().value())
                .containsExactlyInAnyOrder("aws/claude-haiku-4-5", "aws/minimax-m2.5");
        assertThat(imagePipeline.models())
                .extracting(model -> model.id().value())
                .containsExactly("enterprise/gemini-3.1-flash-image-preview-1k");
    }

    @Test
    void aModelNoChannelServesIsA503WhenTheSimulatorIsOff() {
        assertThatThrownBy(() -> hi("aws/glm-5")).isInstanceOfSatisfying(InternalServerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.getMessage()).contains("No upstream channel serves the model 'aws/glm-5'");
        });
        assertThat(UPSTREAM.received()).isEmpty();
    }

    @Test
    void theSimulatorSwitchedOffInTheConfigurationIsOffAndSwitchedOnlyThere() {
        ChannelView simulator = simulator();

        assertThat(simulator.enabled()).as("tollgate.simulator.enabled: false").isFalse();
        assertThat(simulator.fromConfig()).isTrue();
        assertThatThrownBy(() -> actors.asPlatformAdmin(() -> channels.setEnabled(simulator.id(), true)))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("TOLLGATE_SIMULATOR_ENABLED");
        assertThatThrownBy(() -> actors.asPlatformAdmin(() -> channels.delete(simulator.id())))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("cannot be deleted");
    }

    @Test
    void aSwitchTheConfigurationNoLongerSetsIsLeftWhereItWasForAdministratorsToChange() {
        try {
            channels.keepSimulator(null);

            ChannelView simulator = simulator();
            assertThat(simulator.enabled())
                    .as("still off, as the last start left it")
                    .isFalse();
            assertThat(simulator.fromConfig()).isFalse();
            actors.asPlatformAdmin(() -> channels.setEnabled(simulator.id(), true));
            channels.keepSimulator(null);
            assertThat(simulator().enabled())
                    .as("a start without the setting keeps the administrators' switch")
                    .isTrue();
        } finally {
            channels.keepSimulator(false);
        }
        assertThat(simulator().enabled())
                .as("the setting wins again at the next start")
                .isFalse();
        assertThat(simulator().fromConfig()).isTrue();
    }

    @Test
    void imagesComeFromTheGeminiChannel() throws Exception {
        byte[] png = png(1024, 1024);
        UPSTREAM.on(
                "POST",
                "/v1beta/models/gemini-3.1-flash-image-preview:generateContent",
                Answer.json("{\"candidates\":[{\"content\":{\"role\":\"model\",\"parts\":[{\"inlineData\":"
                        + "{\"mimeType\":\"image/png\",\"data\":\""
                        + Base64.getEncoder().encodeToString(png)
                        + "\"}}]},\"finishReason\":\"STOP\"}]}"));

        ImagesResponse images = client.images()
                .generate(ImageGenerateParams.builder()
                        .model("enterprise/gemini-3.1-flash-image-preview-1k")
                        .prompt("A lighthouse")
                        .build());

        String url = images.data().orElseThrow().getFirst().url().orElseThrow();
        byte[] served = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url)).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray())
                .body();
        assertThat(served).isEqualTo(png);
        assertThat(UPSTREAM.last().header("x-goog-api-key")).isEqualTo("AIza-gemini-5ecret-1b2c");
    }

    @Test
    void videosAreMadeOnTheSeedanceChannelAndFollowedToTheEnd() throws Exception {
        byte[] mp4 = "not really an mp4, but the bytes the upstream made".getBytes(StandardCharsets.UTF_8);
        UPSTREAM.on("POST", "/api/v3/contents/generations/tasks", Answer.json("{\"id\":\"cgt-20261125-abc\"}"));
        UPSTREAM.on(
                "GET",
                "/api/v3/contents/generations/tasks/cgt-20261125-abc",
                Answer.json("{\"id\":\"cgt-20261125-abc\",\"status\":\"running\",\"created_at\":1764070000}"),
                Answer.json("{\"id\":\"cgt-20261125-abc\",\"status\":\"succeeded\",\"content\":{\"video_url\":\""
                        + UPSTREAM.baseUrl("/files/cgt.mp4") + "\"},\"created_at\":1764070000}"));
        UPSTREAM.on("GET", "/files/cgt.mp4", Answer.bytes(200, "video/mp4", mp4));

        Video created = client.videos()
                .create(VideoRequests.fourSecondLandscape("enterprise/seedance-1-5-pro", "A paper boat")
                        .build());
        Video done = VideoPolls.untilFinished(client, created.id());

        assertThat(done.status().asString()).isEqualTo("completed");
        HttpResponse content = client.videos().downloadContent(created.id());
        try (InputStream body = content.body()) {
            assertThat(body.readAllBytes()).isEqualTo(mp4);
        }
        assertThat(UPSTREAM.received("POST", "/api/v3/contents/generations/tasks"))
                .singleElement()
                .satisfies(submit -> assertThat(submit.header("authorization")).isEqualTo("Bearer ark-5ecret-9d8e"));
        assertThat(UPSTREAM.received("GET", "/files/cgt.mp4").getFirst().headers())
                .as("a presigned file URL is fetched without the channel's key")
                .doesNotContainKey("authorization");
    }

    @Test
    void aStartWithTheSameConfigurationRewritesNothing() {
        List<String> before = jdbc.sql("select name || ' ' || updated_at from upstream_channel order by name")
                .query(String.class)
                .list();

        configured.afterSingletonsInstantiated();

        assertThat(jdbc.sql("select name || ' ' || updated_at from upstream_channel order by name")
                        .query(String.class)
                        .list())
                .isEqualTo(before)
                .hasSize(4);
    }

    @Test
    void aSecretThatNoLongerOpensIsSealedAgainFromTheConfigurationAtTheNextStart() {
        // another channel's sealed secret, bound to that channel, does not open on this row (as after a key change)
        jdbc.sql("""
                        update upstream_channel
                        set secret_sealed = (select secret_sealed from upstream_channel where name = 'images')
                        where name = 'primary'""").update();

        configured.afterSingletonsInstantiated();

        UPSTREAM.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("sealed again", 9, 3));
        String reply = hi("aws/claude-haiku-4-5");
        assertThat(reply).isEqualTo("sealed again");
        assertThat(UPSTREAM.last().header("authorization")).isEqualTo("Bearer sk-upstream-5ecret-7f3a9c");
    }

    @Test
    void configuredChannelsAreChangedOnlyInTheConfiguration() {
        ChannelView primary = actors.asPlatformAdmin(() -> channels.list().getFirst());

        assertThatThrownBy(() -> actors.asPlatformAdmin(() -> channels.setEnabled(primary.id(), false)))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("defined in the configuration");
    }

    @Test
    void secretsAreNeitherInTheDatabaseNorInTheLog(CapturedOutput output) throws Exception {
        UPSTREAM.on("POST", "/v1/chat/completions", Answer.json(401, "{\"error\":{\"message\":\"bad key\"}}"));
        assertThatThrownBy(() -> hi("aws/claude-haiku-4-5"));

        String dump = databaseContents();
        assertThat(dump).contains("primary").contains("claude-haiku");
        for (String secret : SECRETS) {
            assertThat(dump).doesNotContain(secret);
            assertThat(dump)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)));
            assertThat(output.getAll()).doesNotContain(secret);
        }
        assertThat(output.getAll()).contains("Channel 'primary' failed");
    }

    private ChannelView simulator() {
        return actors.asPlatformAdmin(() -> channels.list().stream()
                .filter(channel -> channel.kind() == ChannelKind.SIMULATOR)
                .findFirst()
                .orElseThrow());
    }

    /** Says "Hi" to the model through the gateway with the OpenAI SDK; the reply's text. */
    private String hi(String model) {
        return client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("Hi")
                        .build())
                .choices()
                .getFirst()
                .message()
                .content()
                .orElse("");
    }

    /** Every row of every table, as {@code COPY … TO STDOUT} writes them: the data part of a {@code pg_dump}. */
    private String databaseContents() throws Exception {
        List<String> tables = jdbc.sql("select tablename from pg_tables where schemaname = 'public'")
                .query(String.class)
                .list();
        StringWriter dump = new StringWriter();
        try (Connection connection = dataSource.getConnection()) {
            PGConnection pg = connection.unwrap(PGConnection.class);
            for (String table : tables) {
                pg.getCopyAPI().copyOut("COPY \"" + table + "\" TO STDOUT", new java.io.Writer() {
                    @Override
                    public void write(char[] buffer, int offset, int length) {
                        dump.write(buffer, offset, length);
                    }

                    @Override
                    public void flush() {}

                    @Override
                    public void close() {}
                });
            }
        }
        return dump.toString();
    }

    private static byte[] png(int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        image.setRGB(10, 10, 0xFF8800);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
