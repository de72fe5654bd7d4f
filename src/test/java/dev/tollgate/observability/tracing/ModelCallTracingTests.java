package dev.tollgate.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.google.protobuf.ByteString;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.images.ImageGenerateParams;
import com.openai.models.videos.Video;
import dev.tollgate.observability.tracing.OtlpReceiver.ReceivedSpan;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.KeySpender;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.TestTeams;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import dev.tollgate.support.VideoPolls;
import dev.tollgate.support.VideoRequests;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With an OTLP endpoint configured, a chat call that fails over (the first channel answers 503, the second answers)
 * reaches a real OTLP/HTTP receiver as a {@code chat {model}} span in the GenAI conventions with one child span per
 * upstream attempt, and nothing of the prompt or reply.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import({TestTeams.class, Actors.class, KeySpender.class})
@DirtiesContext
class ModelCallTracingTests {

    static final String MODEL = "aws/minimax-m2.1";
    static final String PROMPT = "Tell me the secret word";
    static final String IMAGE_MODEL = "enterprise/image-2";
    static final OtlpReceiver RECEIVER = new OtlpReceiver();

    @DynamicPropertySource
    static void traceToTheReceiver(DynamicPropertyRegistry properties) {
        properties.add("tollgate.tracing.otlp-endpoint", RECEIVER::endpoint);
        properties.add("tollgate.tracing.service-name", () -> "tollgate-traced");
    }

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    @Autowired
    SdkTracerProvider tracerProvider;

    @Autowired
    JdbcClient jdbc;

    final UpstreamStandIn a = new UpstreamStandIn();
    final UpstreamStandIn b = new UpstreamStandIn();

    @AfterEach
    void removeChannels() {
        new TestChannels(channelService, actors).removeAll();
        a.close();
        b.close();
    }

    @AfterAll
    static void stopReceiver() {
        RECEIVER.close();
    }

    @Test
    void aCallThatFailsOverIsOneModelSpanWithASpanPerAttempt() {
        a.on("POST", "/v1/messages", Answer.json(503, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\"}}"));
        b.on("POST", "/v1/messages", UpstreamReplies.anthropicText("The word is PLUM", 40, 7));
        TestChannels channels = new TestChannels(channelService, actors);
        channels.add("trace-a", ChannelKind.ANTHROPIC, a.baseUrl("/v1"), "sk-trace-a", Map.of(MODEL, "up-a"), 0);
        channels.add("trace-b", ChannelKind.ANTHROPIC, b.baseUrl("/v1"), "sk-trace-b", Map.of(MODEL, "up-b"), 1);
        FundedTeam team = FundedTeam.create(port, "Traced", "10.00");
        RECEIVER.clear();

        ChatCompletion completion = team.client()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage(PROMPT)
                        .maxCompletionTokens(50)
                        .build());
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .as("spans exported")
                .isTrue();

        assertThat(RECEIVER.failures())
                .as("posts the receiver could not decode")
                .isEmpty();
        assertThat(completion.choices().getFirst().message().content()).hasValue("The word is PLUM");
        List<ReceivedSpan> spans = RECEIVER.spans();
        ReceivedSpan call = spans.stream()
                .filter(span -> span.name().equals("chat " + MODEL))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no chat span among " + names(spans)));
        assertThat(call.service()).isEqualTo("tollgate-traced");
        assertThat(call.span().getParentSpanId().isEmpty())
                .as("a call without a traceparent is a trace's root")
                .isTrue();
        assertThat(call.attributes())
                .containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "anthropic")
                .containsEntry("gen_ai.request.model", MODEL)
                .containsEntry("gen_ai.response.model", MODEL)
                .containsEntry("gen_ai.usage.input_tokens", "40")
                .containsEntry("gen_ai.usage.output_tokens", "7")
                .containsEntry("tollgate.channel", "trace-b")
                .containsEntry("tollgate.outcome", "ok");
        BigDecimal cost = new BigDecimal("0.30")
                .multiply(BigDecimal.valueOf(40))
                .add(new BigDecimal("1.50").multiply(BigDecimal.valueOf(7)))
                .movePointLeft(6);
        assertThat(Double.parseDouble(call.attribute("tollgate.cost.credits"))).isEqualTo(cost.doubleValue());
        List<ReceivedSpan> attempts = spans.stream()
                .filter(span -> span.span().getParentSpanId().equals(call.span().getSpanId()))
                .filter(span -> span.span().getTraceId().equals(call.span().getTraceId()))
                .sorted(Comparator.comparingLong(span -> span.span().getStartTimeUnixNano()))
                .toList();
        assertThat(attempts).as("one child span per upstream attempt").hasSize(2);
        assertThat(attempts.get(0).attributes())
                .containsEntry("tollgate.channel", "trace-a")
                .containsEntry("http.response.status_code", "503")
                .containsEntry("error.type", "503")
                .containsEntry("gen_ai.provider.name", "anthropic");
        assertThat(attempts.get(1).attributes())
                .containsEntry("tollgate.channel", "trace-b")
                .containsEntry("http.response.status_code", "200")
                .doesNotContainKey("error.type");
        List<String> told = List.of(
                a.received("POST", "/v1/messages").getFirst().header("traceparent"),
                b.received("POST", "/v1/messages").getFirst().header("traceparent"));
        for (int i = 0; i < 2; i++) {
            assertThat(told.get(i))
                    .as("each upstream is told its attempt's span, in the call's trace, sampled")
                    .isEqualTo("00-" + hex(call.span().getTraceId()) + "-"
                            + hex(attempts.get(i).span().getSpanId()) + "-01");
        }
        assertThat(attempts)
                .allSatisfy(attempt -> assertThat(attempt.span().getStartTimeUnixNano())
                        .isBetween(
                                call.span().getStartTimeUnixNano(), call.span().getEndTimeUnixNano()));
        assertThat(spans)
                .as("no prompt, reply or key in any span")
                .allSatisfy(span -> assertThat(span.attributes().values())
                        .noneMatch(value -> value.contains("secret word")
                                || value.contains("PLUM")
                                || value.contains("sk-trace")
                                || value.contains(team.key())));
        assertThat(RECEIVER.contentTypes()).allMatch(type -> type.startsWith("application/x-protobuf"));
    }

    @Test
    void anImageCallIsAGenerateContentSpanWithASpanForItsAttempt() {
        FundedTeam team = FundedTeam.create(port, "Traced images", "10.00");
        RECEIVER.clear();

        team.client()
                .images()
                .generate(ImageGenerateParams.builder()
                        .model(IMAGE_MODEL)
                        .prompt("A secret lighthouse")
                        .n(2)
                        .build());
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .isTrue();

        List<ReceivedSpan> spans = RECEIVER.spans();
        ReceivedSpan call = spans.stream()
                .filter(span -> span.name().equals("generate_content " + IMAGE_MODEL))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no image span among " + names(spans)));
        assertThat(call.attributes())
                .containsEntry("gen_ai.operation.name", "generate_content")
                .containsEntry("gen_ai.output.type", "image")
                .containsEntry("gen_ai.provider.name", "tollgate.simulator")
                .containsEntry("gen_ai.request.model", IMAGE_MODEL)
                .containsEntry("gen_ai.response.model", IMAGE_MODEL)
                .containsEntry("tollgate.images", "2")
                .containsEntry("tollgate.channel", "simulator")
                .containsEntry("tollgate.outcome", "ok");
        assertThat(Double.parseDouble(call.attribute("tollgate.cost.credits")))
                .as("what the two images were charged")
                .isEqualTo(10.0 - team.balance(jdbc).doubleValue(), within(1e-9));
        assertThat(spans)
                .filteredOn(
                        span -> span.span().getParentSpanId().equals(call.span().getSpanId()))
                .singleElement()
                .satisfies(attempt -> assertThat(attempt.attributes())
                        .containsEntry("gen_ai.operation.name", "generate_content")
                        .containsEntry("tollgate.channel", "simulator"));
        assertThat(spans)
                .as("no prompt in any span")
                .allSatisfy(span ->
                        assertThat(span.attributes().values()).noneMatch(value -> value.contains("secret lighthouse")));
    }

    @Test
    void anImageCallForANameThatIsNoModelIdIsTracedWithoutIt() {
        FundedTeam team = FundedTeam.create(port, "Traced refusals", "10.00");
        String name = "Not A Model " + "x".repeat(5_000);
        RECEIVER.clear();

        assertThatThrownBy(() -> team.client()
                        .images()
                        .generate(ImageGenerateParams.builder()
                                .model(name)
                                .prompt("A lighthouse")
                                .build()))
                .isInstanceOf(OpenAIServiceException.class);
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .isTrue();

        assertThat(RECEIVER.spans())
                .filteredOn(span -> span.name().startsWith("generate_content "))
                .singleElement()
                .satisfies(span -> {
                    assertThat(span.name()).isEqualTo("generate_content unknown");
                    assertThat(span.attributes())
                            .containsEntry("gen_ai.request.model", "unknown")
                            .containsEntry("tollgate.outcome", "invalid_request");
                    assertThat(span.attributes().values()).noneMatch(value -> value.contains("xxxx"));
                });
    }

    @Test
    void aCallerTraceparentMakesTheCallSpanAChildOfTheCallersSpanEvenWhenTheCallerDidNotSample() {
        b.on("POST", "/v1/messages", UpstreamReplies.anthropicText("Traced along", 12, 3));
        new TestChannels(channelService, actors)
                .add("trace-parent", ChannelKind.ANTHROPIC, b.baseUrl("/v1"), "sk-trace-p", Map.of(MODEL, "up-b"), 0);
        FundedTeam team = FundedTeam.create(port, "Traced along", "10.00");
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String callerSpan = "00f067aa0ba902b7";

        RECEIVER.clear();
        team.client()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("continue my trace")
                        .putAdditionalHeader("traceparent", "00-" + traceId + "-" + callerSpan + "-00")
                        .putAdditionalHeader("tracestate", "congo=t61rcWkgMzE,rojo=00f067aa0ba902b7")
                        .build());
        team.client()
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .addUserMessage("a trace of its own")
                        .putAdditionalHeader("traceparent", "00-not-a-valid-context-01")
                        .build());
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .isTrue();

        List<ReceivedSpan> calls = RECEIVER.spans().stream()
                .filter(span -> span.name().equals("chat " + MODEL))
                .sorted(Comparator.comparingLong(span -> span.span().getStartTimeUnixNano()))
                .toList();
        assertThat(calls).as("both calls traced, the unsampled caller's too").hasSize(2);
        assertThat(hex(calls.get(0).span().getTraceId()))
                .as("the call is in the caller's trace")
                .isEqualTo(traceId);
        assertThat(hex(calls.get(0).span().getParentSpanId()))
                .as("under the caller's span")
                .isEqualTo(callerSpan);
        assertThat(hex(calls.get(1).span().getTraceId()))
                .as("a traceparent that does not parse starts a trace of its own")
                .isNotEqualTo(traceId);
        assertThat(calls.get(1).span().getParentSpanId().isEmpty()).isTrue();

        List<UpstreamStandIn.Received> sent = b.received("POST", "/v1/messages");
        ReceivedSpan firstAttempt = childOf(calls.get(0));
        assertThat(sent.get(0).header("traceparent"))
                .as("the upstream joins the caller's trace beneath the gateway's attempt, not the caller's span")
                .isEqualTo("00-" + traceId + "-" + hex(firstAttempt.span().getSpanId()) + "-01");
        assertThat(sent.get(0).header("tracestate"))
                .as("the caller's vendors' state goes on")
                .isEqualTo("congo=t61rcWkgMzE,rojo=00f067aa0ba902b7");
        assertThat(sent.get(1).header("traceparent"))
                .as("a call in a trace of its own tells its upstream that trace")
                .isEqualTo("00-" + hex(calls.get(1).span().getTraceId()) + "-"
                        + hex(childOf(calls.get(1)).span().getSpanId()) + "-01");
        assertThat(sent.get(1).header("tracestate")).isNull();
    }

    @Test
    void aVideoJobIsASpanFromItsAcceptanceToItsEndUnderTheSpanOfTheRequestThatQueuedIt() throws Exception {
        String videoModel = "enterprise/seedance-1-5-pro";
        FundedTeam team = FundedTeam.create(port, "Traced videos", "10.00");
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String callerSpan = "b7ad6b7169203331";
        RECEIVER.clear();

        Video created = team.client()
                .videos()
                .create(VideoRequests.fourSecondLandscape(videoModel, "A secret harbour at dawn")
                        .putAdditionalHeader("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                        .build());
        Video done = VideoPolls.untilFinished(team.client(), created.id());
        assertThat(done.status().asString()).isEqualTo("completed");
        assertThat(jdbc.sql("select trace_context from video_job where team_id = ?::uuid")
                        .param(team.id())
                        .query(String.class)
                        .single())
                .as("the job keeps the context of the request that queued it")
                .isEqualTo("00-" + traceId + "-" + callerSpan + "-01");
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .isTrue();

        List<ReceivedSpan> jobs = RECEIVER.spans().stream()
                .filter(span -> span.name().equals("generate_content " + videoModel))
                .toList();
        assertThat(jobs).as("one span for the job").hasSize(1);
        ReceivedSpan job = jobs.getFirst();
        assertThat(hex(job.span().getTraceId())).as("in the caller's trace").isEqualTo(traceId);
        assertThat(hex(job.span().getParentSpanId()))
                .as("under the caller's span")
                .isEqualTo(callerSpan);
        assertThat(job.attributes())
                .containsEntry("gen_ai.operation.name", "generate_content")
                .containsEntry("gen_ai.output.type", "video")
                .containsEntry("gen_ai.request.model", videoModel)
                .containsEntry("gen_ai.response.model", videoModel)
                .containsEntry("tollgate.channel", "simulator")
                .containsEntry("tollgate.outcome", "ok")
                .doesNotContainKey("error.type");
        assertThat(Double.parseDouble(job.attribute("tollgate.cost.credits")))
                .as("what the job was charged")
                .isEqualTo(10.0 - team.balance(jdbc).doubleValue(), within(1e-9));
        assertThat(job.span().getEndTimeUnixNano() - job.span().getStartTimeUnixNano())
                .as("from acceptance to its end: the simulator takes a while")
                .isPositive();
        assertThat(job.attributes().values()).noneMatch(value -> value.contains("secret harbour"));
    }

    @Test
    void aVideoJobTheUpstreamFailsIsASpanInErrorWithNothingCharged() throws Exception {
        String videoModel = "enterprise/seedance-1-5-pro";
        a.on("POST", "/api/v3/contents/generations/tasks", Answer.json("{\"id\":\"cgt-refused\"}"));
        a.on(
                "GET",
                "/api/v3/contents/generations/tasks/cgt-refused",
                Answer.json("{\"id\":\"cgt-refused\",\"status\":\"failed\",\"error\":{\"code\":\"Busy\","
                        + "\"message\":\"try later\"}}"));
        new TestChannels(channelService, actors).addSeedance("trace-videos", a, videoModel);
        FundedTeam team = FundedTeam.create(port, "Traced failures", "10.00");
        RECEIVER.clear();

        Video created = team.client()
                .videos()
                .create(VideoRequests.fourSecondLandscape(videoModel, "A harbour that fails")
                        .build());
        assertThat(VideoPolls.untilFinished(team.client(), created.id())
                        .status()
                        .asString())
                .isEqualTo("failed");
        assertThat(tracerProvider.forceFlush().join(10, TimeUnit.SECONDS).isSuccess())
                .isTrue();

        List<ReceivedSpan> jobs = RECEIVER.spans().stream()
                .filter(span -> span.name().equals("generate_content " + videoModel))
                .toList();
        assertThat(jobs).hasSize(1);
        ReceivedSpan job = jobs.getFirst();
        assertThat(job.span().getParentSpanId().isEmpty())
                .as("a job queued without a trace context is a root")
                .isTrue();
        assertThat(job.span().getStatus().getCode())
                .isEqualTo(io.opentelemetry.proto.trace.v1.Status.StatusCode.STATUS_CODE_ERROR);
        assertThat(job.attributes())
                .containsEntry("tollgate.outcome", "failed")
                .containsEntry("error.type", "failed")
                .containsEntry("tollgate.channel", "trace-videos")
                .doesNotContainKey("gen_ai.response.model");
        assertThat(Double.parseDouble(job.attribute("tollgate.cost.credits")))
                .as("refunded")
                .isZero();
        assertThat(a.received("POST", "/api/v3/contents/generations/tasks")
                        .getFirst()
                        .header("traceparent"))
                .as("a job without a caller's context tells its upstream none")
                .isNull();
    }

    private static ReceivedSpan childOf(ReceivedSpan call) {
        List<ReceivedSpan> children = RECEIVER.spans().stream()
                .filter(span -> span.span().getParentSpanId().equals(call.span().getSpanId()))
                .toList();
        assertThat(children).as("the call's one attempt").hasSize(1);
        return children.getFirst();
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }

    private static List<String> names(List<ReceivedSpan> spans) {
        return spans.stream().map(ReceivedSpan::name).toList();
    }
}
