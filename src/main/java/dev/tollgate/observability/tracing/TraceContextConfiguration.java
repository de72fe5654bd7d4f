package dev.tollgate.observability.tracing;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * W3C trace context in and out, whether or not tracing is on: a caller's {@code traceparent} is read
 * ({@link CallerTraceContext}) and reaches the upstreams ({@link UpstreamTraceContext}), with the gateway's attempt as
 * the parent when it traces and unchanged when it does not; a video job keeps it for its worker
 * ({@link VideoJobTraceContext}).
 */
@Configuration(proxyBeanMethods = false)
class TraceContextConfiguration {

    @Bean
    CallerTraceContext callerTraceContext() {
        return new CallerTraceContext();
    }

    @Bean
    VideoJobTraceContext videoJobTraceContext() {
        return new VideoJobTraceContext();
    }

    @Bean
    UpstreamTraceContext upstreamTraceContext(ObjectProvider<AttemptSpanIds> ids) {
        return new UpstreamTraceContext(ids.getIfAvailable());
    }
}
