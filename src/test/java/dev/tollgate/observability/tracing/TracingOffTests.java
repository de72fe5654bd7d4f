package dev.tollgate.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.videos.Video;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import dev.tollgate.support.VideoPolls;
import dev.tollgate.support.VideoRequests;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;

/**
 * With no OTLP endpoint configured, as by default, nothing of tracing exists: no SDK, no listener, no exporter. A
 * caller's trace context still reaches the upstream unchanged, as through any hop that does not trace.
 */
@IntegrationTest
class TracingOffTests {

    static final String MODEL = "aws/minimax-m2.1";

    @Autowired
    ApplicationContext context;

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    @Test
    void withNoEndpointNoTracerListenerOrExporterIsBuilt() {
        assertThat(context.getBeanNamesForType(SdkTracerProvider.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ModelCallSpans.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SpanProcessor.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SpanExporter.class)).isEmpty();
        assertThat(context.getBeanNamesForType(IdGenerator.class)).isEmpty();
        assertThat(context.getEnvironment().getProperty(OtlpEndpointConfigured.PROPERTY))
                .as("the default configuration names no endpoint")
                .isBlank();
    }

    @Test
    void withNoEndpointNoExporterThreadRuns() {
        assertThat(Thread.getAllStackTraces().keySet())
                .extracting(Thread::getName)
                .noneMatch(name -> name.contains("BatchSpanProcessor"));
    }

    @Test
    void aVideoJobsWorkerTellsTheUpstreamTheContextOfTheRequestThatQueuedIt() throws Exception {
        String videoModel = "enterprise/seedance-1-5-pro";
        String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        TestChannels channels = new TestChannels(channelService, actors);
        try (UpstreamStandIn upstream = new UpstreamStandIn()) {
            upstream.on("POST", "/api/v3/contents/generations/tasks", Answer.json("{\"id\":\"cgt-traced\"}"));
            upstream.on(
                    "GET",
                    "/api/v3/contents/generations/tasks/cgt-traced",
                    Answer.json("{\"id\":\"cgt-traced\",\"status\":\"succeeded\",\"content\":{\"video_url\":\""
                            + upstream.baseUrl("/files/traced.mp4") + "\"}}"));
            upstream.on("GET", "/files/traced.mp4", Answer.bytes(200, "video/mp4", new byte[] {0, 0, 0, 24}));
            channels.addSeedance("traced-videos", upstream, videoModel);
            FundedTeam team = FundedTeam.create(port, "Untraced videos", "10.00");

            Video created = team.client()
                    .videos()
                    .create(VideoRequests.fourSecondLandscape(videoModel, "A lantern on a pier")
                            .putAdditionalHeader("traceparent", traceparent)
                            .build());
            VideoPolls.untilFinished(team.client(), created.id());

            assertThat(upstream.received("POST", "/api/v3/contents/generations/tasks"))
                    .singleElement()
                    .satisfies(submitted -> assertThat(submitted.header("traceparent"))
                            .as("the worker submits in the caller's trace")
                            .isEqualTo(traceparent));
        } finally {
            channels.removeAll();
        }
    }

    @Test
    void aCallersTraceContextReachesTheUpstreamUnchangedAndNoneIsMadeUpWithout() {
        String traceparent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
        String tracestate = "congo=t61rcWkgMzE";
        TestChannels channels = new TestChannels(channelService, actors);
        try (UpstreamStandIn upstream = new UpstreamStandIn()) {
            upstream.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("Passed along", 9, 2));
            channels.addOpenAiCompatible("untraced-hop", upstream, Map.of(MODEL, "up-model"));
            FundedTeam team = FundedTeam.create(port, "Untraced hop", "10.00");

            for (Map<String, String> headers : List.of(
                    Map.of("traceparent", traceparent, "tracestate", tracestate),
                    Map.of("traceparent", "00-not-a-valid-context-01"),
                    Map.<String, String>of())) {
                ChatCompletionCreateParams.Builder call =
                        ChatCompletionCreateParams.builder().model(MODEL).addUserMessage("pass my trace on");
                headers.forEach(call::putAdditionalHeader);
                team.client().chat().completions().create(call.build());
            }

            List<UpstreamStandIn.Received> sent = upstream.received("POST", "/v1/chat/completions");
            assertThat(sent).hasSize(3);
            assertThat(sent.get(0).header("traceparent")).isEqualTo(traceparent);
            assertThat(sent.get(0).header("tracestate")).isEqualTo(tracestate);
            assertThat(sent.get(1).header("traceparent"))
                    .as("a context that does not parse is not passed on")
                    .isNull();
            assertThat(sent.get(2).header("traceparent"))
                    .as("a gateway that does not trace starts no trace")
                    .isNull();
            assertThat(sent.get(2).header("tracestate")).isNull();
        } finally {
            channels.removeAll();
        }
    }
}
