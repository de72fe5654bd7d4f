package dev.tollgate.observability.tracing;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/** Tracing is on when an OTLP endpoint is set to something; an empty value, as the defaults give, leaves it off. */
final class OtlpEndpointConfigured implements Condition {

    static final String PROPERTY = "tollgate.tracing.otlp-endpoint";

    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
        return StringUtils.hasText(context.getEnvironment().getProperty(PROPERTY));
    }
}
