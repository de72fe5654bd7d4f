package dev.tollgate.observability.tracing;

import dev.tollgate.calls.CallOutcome;
import dev.tollgate.calls.ChatCallFinished;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.UpstreamAttempted;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;

/**
 * A span per chat call in OpenTelemetry's GenAI conventions ({@code chat {model}}: operation, provider, requested and
 * served model, token usage) with the credits charged and the channel, and beneath it a span per upstream attempt
 * (channel, HTTP status, {@code error.type}). Both are made when the call has ended, from its events, with the times
 * they carry; the attempts are gathered on the thread that runs the call, which is the one that makes them. Nothing of
 * a prompt, a reply or a key is recorded.
 */
final class ModelCallSpans {

    /** More attempts than failover makes; a bound, so a thread that never finishes a call keeps little. */
    private static final int MOST_ATTEMPTS = 32;

    private static final String OPERATION = "chat";

    private final Tracer tracer;
    private final ThreadLocal<List<UpstreamAttempted>> attempts = new ThreadLocal<>();

    ModelCallSpans(Tracer tracer) {
        this.tracer = tracer;
    }

    @EventListener
    void on(UpstreamAttempted attempt) {
        if (attempt.kind() != ModelKind.CHAT) {
            return;
        }
        List<UpstreamAttempted> tried = attempts.get();
        if (tried == null) {
            tried = new ArrayList<>(2);
            attempts.set(tried);
        }
        if (tried.size() < MOST_ATTEMPTS) {
            tried.add(attempt);
        }
    }

    @EventListener
    void on(ChatCallFinished call) {
        List<UpstreamAttempted> gathered = attempts.get();
        attempts.remove();
        List<UpstreamAttempted> ofThisCall = gathered == null
                ? List.of()
                : gathered.stream()
                        .filter(attempt -> !attempt.started().isBefore(call.started()))
                        .toList();
        String model =
                call.model() == null ? call.requested().value() : call.model().value();
        Span span = callSpan(call, model, answering(ofThisCall)).startSpan();
        if (call.outcome() != CallOutcome.OK) {
            span.setStatus(StatusCode.ERROR);
        }
        Context parent = Context.current().with(span);
        for (UpstreamAttempted attempt : ofThisCall) {
            Span tried = attemptSpan(attempt, model, parent).startSpan();
            if (!attempt.answered()) {
                tried.setStatus(StatusCode.ERROR);
            }
            tried.end(attempt.started().plus(attempt.took()));
        }
        span.end(call.started().plus(call.latency()));
    }

    private SpanBuilder callSpan(ChatCallFinished call, String model, @Nullable UpstreamAttempted answered) {
        TokenCounts tokens = call.tokens();
        SpanBuilder span = tracer.spanBuilder(OPERATION + " " + model)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(call.started())
                .setAttribute("gen_ai.operation.name", OPERATION)
                .setAttribute("gen_ai.request.model", call.requested().value())
                .setAttribute("gen_ai.usage.input_tokens", tokens.input() + tokens.cacheRead() + tokens.cacheWrites())
                .setAttribute("gen_ai.usage.output_tokens", tokens.output())
                .setAttribute("gen_ai.usage.cache_read.input_tokens", tokens.cacheRead())
                .setAttribute("tollgate.cost.credits", call.charged().amount().doubleValue())
                .setAttribute("tollgate.outcome", call.outcome().label())
                .setAttribute(
                        "tollgate.dialect",
                        call.dialect() == null ? "portal" : call.dialect().storedName());
        if (call.model() != null && answered != null) {
            span.setAttribute("gen_ai.response.model", call.model().value());
        }
        if (answered != null) {
            span.setAttribute("gen_ai.provider.name", providerName(answered.channelKind()));
        }
        if (call.channel() != null) {
            span.setAttribute("tollgate.channel", call.channel());
        }
        if (call.outcome() != CallOutcome.OK) {
            span.setAttribute("error.type", call.outcome().label());
        }
        return span;
    }

    private SpanBuilder attemptSpan(UpstreamAttempted attempt, String model, Context parent) {
        SpanBuilder span = tracer.spanBuilder(OPERATION + " " + model + " on " + attempt.channel())
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(attempt.started())
                .setAttribute("gen_ai.operation.name", OPERATION)
                .setAttribute("gen_ai.provider.name", providerName(attempt.channelKind()))
                .setAttribute("gen_ai.request.model", model)
                .setAttribute("tollgate.channel", attempt.channel());
        if (attempt.httpStatus() > 0) {
            span.setAttribute("http.response.status_code", attempt.httpStatus());
        }
        if (attempt.errorType() != null) {
            span.setAttribute("error.type", attempt.errorType());
        }
        return span;
    }

    private static @Nullable UpstreamAttempted answering(List<UpstreamAttempted> attempts) {
        return attempts.stream()
                .filter(UpstreamAttempted::answered)
                .reduce((first, second) -> second)
                .orElse(null);
    }

    /** The {@code gen_ai.provider.name} of the conventions' list where the channel's kind is on it. */
    static String providerName(ChannelKind kind) {
        return switch (kind) {
            case OPENAI_COMPATIBLE -> "openai";
            case ANTHROPIC -> "anthropic";
            case BEDROCK -> "aws.bedrock";
            case GEMINI_IMAGE -> "gcp.gemini";
            case SEEDANCE -> "seedance";
            case SIMULATOR -> "tollgate.simulator";
        };
    }
}
