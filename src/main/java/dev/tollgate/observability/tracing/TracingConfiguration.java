package dev.tollgate.observability.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenTelemetry SDK, built only when an OTLP endpoint is configured: without one there is no tracer, no span
 * buffer and no exporter thread, and the call events have no tracing listener at all. Spans are batched and posted as
 * OTLP/HTTP protobuf; closing the provider at shutdown sends what is left. A caller's W3C trace context is continued
 * and upstreams are told theirs ({@link TraceContextConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(OtlpEndpointConfigured.class)
class TracingConfiguration {

    static final String INSTRUMENTATION = "dev.tollgate";

    @Bean
    AttemptSpanIds attemptSpanIds() {
        return new AttemptSpanIds();
    }

    @Bean(destroyMethod = "close")
    SdkTracerProvider tracerProvider(TracingProperties properties, AttemptSpanIds ids) {
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(properties.tracesUrl())
                .build();
        Resource service =
                Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), properties.serviceName()));
        return SdkTracerProvider.builder()
                .setResource(Resource.getDefault().merge(service))
                // every call is traced: a caller's traceparent places the call in its trace, but its sampled flag
                // does not decide whether the operator sees the call
                .setSampler(Sampler.alwaysOn())
                .setIdGenerator(ids)
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
    }

    @Bean
    ModelCallSpans modelCallSpans(SdkTracerProvider tracerProvider, AttemptSpanIds ids) {
        return new ModelCallSpans(tracerProvider.get(INSTRUMENTATION), ids);
    }
}
