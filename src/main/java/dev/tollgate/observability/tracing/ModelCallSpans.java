package dev.tollgate.observability.tracing;

import dev.tollgate.calls.CallOutcome;
import dev.tollgate.calls.ChatCallFinished;
import dev.tollgate.calls.ImageCallFinished;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.ModelKind;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.UpstreamAttempted;
import dev.tollgate.video.VideoJobFinished;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;

/**
 * A span per chat call in OpenTelemetry's GenAI conventions ({@code chat {model}}: operation, provider, requested and
 * served model, token usage) with the credits charged and the channel, and one per image call
 * ({@code generate_content {model}}, with the images delivered), and beneath each a span per upstream attempt
 * (channel, HTTP status, {@code error.type}). Both are made when the call has ended, from its events, with the times
 * they carry; the attempts are gathered on the thread that runs the call, which is the one that makes them. An
 * attempt's span takes the ids its {@code traceparent} told the upstream, and the call's span the trace they named
 * ({@link AttemptSpanIds}). A video job is one {@code generate_content {model}} span from its acceptance to its end.
 * Nothing of a prompt, a reply or a key is recorded.
 */
final class ModelCallSpans {

    /** More attempts than failover makes; a bound, so a thread that never finishes a call keeps little. */
    private static final int MOST_ATTEMPTS = 32;

    private static final String OPERATION = "chat";

    /** The conventions' operation for multimodal generation; images and videos have none of their own. */
    private static final String GENERATE_CONTENT = "generate_content";

    /** A video job that ended without its video: the upstream failed it, or it took too long. */
    private static final String VIDEO_FAILED = "failed";

    private final Tracer tracer;
    private final AttemptSpanIds ids;
    private final ThreadLocal<List<UpstreamAttempted>> attempts = new ThreadLocal<>();

    ModelCallSpans(Tracer tracer, AttemptSpanIds ids) {
        this.tracer = tracer;
        this.ids = ids;
    }

    @EventListener
    void on(UpstreamAttempted attempt) {
        if (attempt.kind() != ModelKind.CHAT && attempt.kind() != ModelKind.IMAGE) {
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
        List<UpstreamAttempted> ofThisCall = attemptsSince(call.started(), ModelKind.CHAT);
        String model =
                call.model() == null ? call.requested().value() : call.model().value();
        Span span = start(callSpan(call, model, answering(ofThisCall)), ofThisCall);
        end(span, call.outcome(), OPERATION, model, ofThisCall, call.started().plus(call.latency()));
    }

    /**
     * A video job's span, from its acceptance to its end, under the span of the request that queued it when that one
     * came with a trace context. Its attempts ran on a worker, perhaps on another replica, and have no spans.
     */
    @EventListener
    void on(VideoJobFinished job) {
        SpanContext caller = W3cTraceHeaders.read(job.traceContext());
        Context parent = caller.isValid() ? Context.root().with(Span.wrap(caller)) : Context.root();
        SpanBuilder builder = tracer.spanBuilder(
                        GENERATE_CONTENT + " " + job.model().value())
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(job.accepted())
                .setAttribute("gen_ai.operation.name", GENERATE_CONTENT)
                .setAttribute("gen_ai.output.type", "video")
                .setAttribute("gen_ai.request.model", job.model().value())
                .setAttribute("tollgate.cost.credits", job.charged().amount().doubleValue())
                .setAttribute("tollgate.outcome", job.completed() ? CallOutcome.OK.label() : VIDEO_FAILED);
        if (job.channel() != null) {
            builder.setAttribute("tollgate.channel", job.channel());
        }
        if (job.completed()) {
            builder.setAttribute("gen_ai.response.model", job.model().value());
        } else {
            builder.setAttribute("error.type", VIDEO_FAILED);
        }
        Span span = builder.startSpan();
        if (!job.completed()) {
            span.setStatus(StatusCode.ERROR);
        }
        span.end(job.accepted().plus(job.took()));
    }

    @EventListener
    void on(ImageCallFinished call) {
        List<UpstreamAttempted> ofThisCall = attemptsSince(call.started(), ModelKind.IMAGE);
        String model = call.model() == null ? call.requested() : call.model().value();
        Span span = start(imageSpan(call, model, answering(ofThisCall)), ofThisCall);
        end(
                span,
                call.outcome(),
                GENERATE_CONTENT,
                model,
                ofThisCall,
                call.started().plus(call.latency()));
    }

    /** The attempts of the call that began at {@code started} on this thread; forgets every one gathered. */
    private List<UpstreamAttempted> attemptsSince(Instant started, ModelKind kind) {
        List<UpstreamAttempted> gathered = attempts.get();
        attempts.remove();
        return gathered == null
                ? List.of()
                : gathered.stream()
                        .filter(attempt -> attempt.kind() == kind)
                        .filter(attempt -> !attempt.started().isBefore(started))
                        .toList();
    }

    /** Starts a call's span in the trace its attempts named to their upstreams, if they named one. */
    private Span start(SpanBuilder call, List<UpstreamAttempted> ofThisCall) {
        SpanContext named = ofThisCall.stream()
                .map(attempt -> W3cTraceHeaders.read(attempt.traceparent()))
                .filter(SpanContext::isValid)
                .findFirst()
                .orElse(SpanContext.getInvalid());
        return ids.startAs(ids.inTraceOf(named), call::startSpan);
    }

    /** Ends the call's span with a child for each of its attempts. */
    private void end(
            Span span,
            CallOutcome outcome,
            String operation,
            String model,
            List<UpstreamAttempted> ofThisCall,
            Instant ended) {
        if (outcome != CallOutcome.OK) {
            span.setStatus(StatusCode.ERROR);
        }
        Context parent = Context.current().with(span);
        for (UpstreamAttempted attempt : ofThisCall) {
            SpanBuilder builder = attemptSpan(attempt, operation, model, parent);
            Span tried = ids.startAs(W3cTraceHeaders.read(attempt.traceparent()), builder::startSpan);
            if (!attempt.answered()) {
                tried.setStatus(StatusCode.ERROR);
            }
            tried.end(attempt.started().plus(attempt.took()));
        }
        span.end(ended);
    }

    private SpanBuilder imageSpan(ImageCallFinished call, String model, @Nullable UpstreamAttempted answered) {
        SpanBuilder span = tracer.spanBuilder(GENERATE_CONTENT + " " + model)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(call.started())
                .setAttribute("gen_ai.operation.name", GENERATE_CONTENT)
                .setAttribute("gen_ai.output.type", "image")
                .setAttribute("gen_ai.request.model", call.requested())
                .setAttribute("tollgate.images", call.images())
                .setAttribute("tollgate.cost.credits", call.charged().amount().doubleValue())
                .setAttribute("tollgate.outcome", call.outcome().label());
        return servedBy(span, call.model(), call.channel(), call.outcome(), answered);
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
        return servedBy(span, call.model(), call.channel(), call.outcome(), answered);
    }

    /** What served a call and how it ended, alike for chat and image calls. */
    private static SpanBuilder servedBy(
            SpanBuilder span,
            @Nullable ModelId model,
            @Nullable String channel,
            CallOutcome outcome,
            @Nullable UpstreamAttempted answered) {
        if (model != null && answered != null) {
            span.setAttribute("gen_ai.response.model", model.value());
        }
        if (answered != null) {
            span.setAttribute("gen_ai.provider.name", providerName(answered.channelKind()));
        }
        if (channel != null) {
            span.setAttribute("tollgate.channel", channel);
        }
        if (outcome != CallOutcome.OK) {
            span.setAttribute("error.type", outcome.label());
        }
        return span;
    }

    private SpanBuilder attemptSpan(UpstreamAttempted attempt, String operation, String model, Context parent) {
        SpanBuilder span = tracer.spanBuilder(operation + " " + model + " on " + attempt.channel())
                .setParent(parent)
                .setSpanKind(SpanKind.CLIENT)
                .setStartTimestamp(attempt.started())
                .setAttribute("gen_ai.operation.name", operation)
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
