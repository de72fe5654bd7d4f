package dev.tollgate.observability;

import dev.tollgate.billing.CreditHolds;
import dev.tollgate.usage.UsageRollupBacklog;
import dev.tollgate.video.VideoQueue;
import dev.tollgate.webhook.WebhookBacklog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * What the deployment holds at the moment of a scrape: calls of this instance holding credit (counted in memory), and
 * the shared video queue, webhook backlog and usage rows waiting for their roll-up (read from the database, at most
 * once per {@code tollgate.metrics.database-reading-age}).
 */
@Component
class OperationalGauges implements MeterBinder {

    static final String HOLDS_OPEN = "tollgate.holds.open";
    static final String VIDEO_QUEUE_DEPTH = "tollgate.video.queue.depth";
    static final String VIDEO_QUEUE_OLDEST_AGE = "tollgate.video.queue.oldest.age";
    static final String WEBHOOK_BACKLOG = "tollgate.webhook.backlog";
    static final String USAGE_ROLLUP_WAITING = "tollgate.usage.rollup.waiting";

    private final CreditHolds holds;
    private final DatabaseReading<VideoQueue.Depth> queue;
    private final DatabaseReading<Long> backlog;
    private final DatabaseReading<Long> unrolled;
    private final Clock clock;

    OperationalGauges(
            CreditHolds holds,
            VideoQueue queue,
            WebhookBacklog backlog,
            UsageRollupBacklog unrolled,
            MetricsProperties properties,
            Clock clock) {
        this.holds = holds;
        this.queue = new DatabaseReading<>(queue::depth, properties.databaseReadingAge(), clock);
        this.backlog = new DatabaseReading<>(backlog::undelivered, properties.databaseReadingAge(), clock);
        this.unrolled = new DatabaseReading<>(unrolled::waiting, properties.databaseReadingAge(), clock);
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(HOLDS_OPEN, holds, CreditHolds::heldOnThisInstance)
                .description("Calls on this instance holding credit while they run")
                .register(registry);
        Gauge.builder(VIDEO_QUEUE_DEPTH, this, gauges -> gauges.queue.current().queued())
                .description("Video jobs waiting for a worker, across all instances")
                .register(registry);
        Gauge.builder(VIDEO_QUEUE_OLDEST_AGE, this, OperationalGauges::oldestQueuedSeconds)
                .baseUnit("seconds")
                .description("How long the longest-waiting queued video job has waited; 0 with none waiting")
                .register(registry);
        Gauge.builder(WEBHOOK_BACKLOG, this, gauges -> gauges.backlog.current())
                .description("Webhook events not yet delivered that will be tried again")
                .register(registry);
        Gauge.builder(USAGE_ROLLUP_WAITING, this, gauges -> gauges.unrolled.current())
                .description(
                        "Usage rows waiting for their daily roll-up; reports count them, but it grows if roll-ups stop")
                .register(registry);
    }

    private double oldestQueuedSeconds() {
        Instant oldest = queue.current().oldestQueuedAt();
        return oldest == null
                ? 0
                : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
    }
}
