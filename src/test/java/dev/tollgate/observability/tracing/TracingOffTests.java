package dev.tollgate.observability.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.IntegrationTest;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

/** With no OTLP endpoint configured, as by default, nothing of tracing exists: no SDK, no listener, no exporter. */
@IntegrationTest
class TracingOffTests {

    @Autowired
    ApplicationContext context;

    @Test
    void withNoEndpointNoTracerListenerOrExporterIsBuilt() {
        assertThat(context.getBeanNamesForType(SdkTracerProvider.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ModelCallSpans.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SpanProcessor.class)).isEmpty();
        assertThat(context.getBeanNamesForType(SpanExporter.class)).isEmpty();
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
}
