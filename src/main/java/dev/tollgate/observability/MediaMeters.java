package dev.tollgate.observability;

import dev.tollgate.calls.CallOutcome;
import dev.tollgate.calls.ImageCallFinished;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.video.VideoJobFinished;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Counts image calls as they end and video jobs as they finish: calls and jobs by model, channel and outcome, how long
 * they took, the images made, and the credits charged (into the same cost counter as chat calls, so that a model's
 * spend is one series). Tags follow {@link RequestMeters}: catalog ids, channel names and closed sets only.
 */
@Component
class MediaMeters {

    static final String IMAGE_REQUESTS = "tollgate.image.requests";
    static final String IMAGE_LATENCY = "tollgate.image.request.latency";
    static final String IMAGES = "tollgate.images";
    static final String VIDEO_JOBS = "tollgate.video.jobs";
    static final String VIDEO_DURATION = "tollgate.video.job.duration";

    private static final String NONE = "none";

    private record Route(String model, String channel) {}

    private record Outcome(Route route, String outcome) {}

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> imageRequests = new ConcurrentHashMap<>();
    private final Map<Route, Timer> imageLatency = new ConcurrentHashMap<>();
    private final Map<String, Counter> images = new ConcurrentHashMap<>();
    private final Map<Outcome, Counter> videoJobs = new ConcurrentHashMap<>();
    private final Map<Route, Timer> videoDuration = new ConcurrentHashMap<>();
    private final Map<String, Counter> cost = new ConcurrentHashMap<>();

    MediaMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    void on(ImageCallFinished call) {
        Route route = new Route(label(call.model()), call.channel() == null ? NONE : call.channel());
        imageRequests
                .computeIfAbsent(new Outcome(route, call.outcome().label()), this::imageRequestCounter)
                .increment();
        if (call.channel() != null) {
            imageLatency.computeIfAbsent(route, this::imageTimer).record(call.latency());
        }
        if (call.model() != null && call.outcome() == CallOutcome.OK) {
            images.computeIfAbsent(route.model(), this::imageCounter).increment(call.images());
            cost.computeIfAbsent(route.model(), model -> RequestMeters.cost(registry, model))
                    .increment(call.charged().amount().doubleValue());
        }
    }

    @EventListener
    void on(VideoJobFinished job) {
        Route route = new Route(job.model().value(), job.channel() == null ? NONE : job.channel());
        videoJobs
                .computeIfAbsent(new Outcome(route, job.completed() ? "completed" : "failed"), this::videoJobCounter)
                .increment();
        if (job.completed()) {
            videoDuration.computeIfAbsent(route, this::videoTimer).record(job.took());
            cost.computeIfAbsent(route.model(), model -> RequestMeters.cost(registry, model))
                    .increment(job.charged().amount().doubleValue());
        }
    }

    private static String label(@Nullable ModelId model) {
        return model == null ? NONE : model.value();
    }

    private Counter imageRequestCounter(Outcome key) {
        return outcomeCounter(IMAGE_REQUESTS, "Image generations and edits by how they ended", key);
    }

    private Timer imageTimer(Route route) {
        return timer(IMAGE_LATENCY, "From an image call's arrival to its end, for calls a channel answered", route)
                .minimumExpectedValue(Duration.ofMillis(50))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    private Counter imageCounter(String model) {
        return Counter.builder(IMAGES)
                .description("Images delivered to callers")
                .tag("model", model)
                .register(registry);
    }

    private Counter videoJobCounter(Outcome key) {
        return outcomeCounter(VIDEO_JOBS, "Video jobs by how they ended: completed, or failed and refunded", key);
    }

    private Counter outcomeCounter(String name, String description, Outcome key) {
        return Counter.builder(name)
                .description(description)
                .tag("model", key.route().model())
                .tag("channel", key.route().channel())
                .tag("outcome", key.outcome())
                .register(registry);
    }

    private Timer videoTimer(Route route) {
        return timer(VIDEO_DURATION, "From a video job's acceptance to its completion", route)
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(registry);
    }

    private static Timer.Builder timer(String name, String description, Route route) {
        return Timer.builder(name)
                .description(description)
                .tag("model", route.model())
                .tag("channel", route.channel())
                .publishPercentileHistogram();
    }
}
