package dev.tollgate.observability;

import dev.tollgate.caller.Dialect;
import dev.tollgate.calls.CallOutcome;
import dev.tollgate.calls.ChatCallFinished;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
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
 * Counts every chat call as it ends: requests by model, channel, dialect and outcome; latency and time to first token
 * by model, channel and dialect; tokens and credits charged by model. Tags are the catalog's model ids, the channels'
 * names and closed sets, never a team, key or a model name a caller made up. Meters are looked up once per tag set and
 * kept, so a call costs a map lookup and a few additions.
 */
@Component
class RequestMeters {

    static final String REQUESTS = "tollgate.requests";
    static final String LATENCY = "tollgate.request.latency";
    static final String TIME_TO_FIRST_TOKEN = "tollgate.time.to.first.token";
    static final String TOKENS = "tollgate.tokens";
    static final String COST = "tollgate.cost";

    /** Refused before a model of the catalog was found, or not through a channel, or from the portal. */
    private static final String NONE = "none";

    private static final String PORTAL = "portal";

    private record Route(String model, String channel, String dialect) {}

    private record Outcome(Route route, CallOutcome outcome) {}

    private record Timings(Timer latency, Timer timeToFirstToken) {}

    private record ModelMeters(Counter input, Counter output, Counter cached, Counter cacheWrite, Counter credits) {}

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> requests = new ConcurrentHashMap<>();
    private final Map<Route, Timings> timings = new ConcurrentHashMap<>();
    private final Map<String, ModelMeters> models = new ConcurrentHashMap<>();

    RequestMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    @EventListener
    void on(ChatCallFinished call) {
        String model = label(call.model());
        Route route = new Route(model, call.channel() == null ? NONE : call.channel(), label(call.dialect()));
        requests.computeIfAbsent(new Outcome(route, call.outcome()), this::requestCounter)
                .increment();
        if (call.channel() != null) {
            Timings timing = timings.computeIfAbsent(route, this::timings);
            timing.latency().record(call.latency());
            Duration firstToken = call.timeToFirstToken();
            if (firstToken != null) {
                timing.timeToFirstToken().record(firstToken);
            }
        }
        if (call.model() != null) {
            count(models.computeIfAbsent(model, this::modelMeters), call);
        }
    }

    private static void count(ModelMeters meters, ChatCallFinished call) {
        TokenCounts tokens = call.tokens();
        meters.input().increment(tokens.input());
        meters.output().increment(tokens.output());
        meters.cached().increment(tokens.cacheRead());
        meters.cacheWrite().increment(tokens.cacheWrites());
        meters.credits().increment(call.charged().amount().doubleValue());
    }

    private static String label(@Nullable ModelId model) {
        return model == null ? NONE : model.value();
    }

    private static String label(@Nullable Dialect dialect) {
        return dialect == null ? PORTAL : dialect.storedName();
    }

    private Counter requestCounter(Outcome key) {
        return Counter.builder(REQUESTS)
                .description("Chat calls by how they ended")
                .tag("model", key.route().model())
                .tag("channel", key.route().channel())
                .tag("dialect", key.route().dialect())
                .tag("outcome", key.outcome().label())
                .register(registry);
    }

    private Timings timings(Route route) {
        return new Timings(
                timer(LATENCY, "From a chat call's arrival to its end, for calls a channel answered", route),
                timer(TIME_TO_FIRST_TOKEN, "From a chat call's arrival to its first output", route));
    }

    private Timer timer(String name, String description, Route route) {
        return Timer.builder(name)
                .description(description)
                .tag("model", route.model())
                .tag("channel", route.channel())
                .tag("dialect", route.dialect())
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(5))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
    }

    private ModelMeters modelMeters(String model) {
        return new ModelMeters(
                tokens(model, "input"),
                tokens(model, "output"),
                tokens(model, "cached"),
                tokens(model, "cache_write"),
                cost(registry, model));
    }

    /** The credits charged for the model's calls: chat, image and video alike. */
    static Counter cost(MeterRegistry registry, String model) {
        return Counter.builder(COST)
                .baseUnit("credits")
                .description("Credits charged for calls of the model: chat, images and videos")
                .tag("model", model)
                .register(registry);
    }

    private Counter tokens(String model, String type) {
        return Counter.builder(TOKENS)
                .description("Tokens of chat calls by kind: input (uncached), output, cached (read), cache_write")
                .tag("model", model)
                .tag("type", type)
                .register(registry);
    }
}
