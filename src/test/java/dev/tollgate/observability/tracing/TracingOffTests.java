package dev.tollgate.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
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
