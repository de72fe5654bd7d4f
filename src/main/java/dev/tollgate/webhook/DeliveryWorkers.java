package dev.tollgate.webhook;

import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * This instance's webhook delivery worker. It starts with the application and is stopped first when it shuts down,
 * letting the posts in flight finish; an event whose instance could not (the process was killed) is claimed again by
 * any instance when its lease runs out.
 */
@Component
class DeliveryWorkers implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorkers.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final WebhookOutbox outbox;
    private final TeamWebhookStore webhooks;
    private final WebhookSender sender;
    private final WebhookDeliveryLog log;
    private final WebhookProperties properties;
    private final Clock clock;
    private volatile @Nullable DeliveryWorker worker;

    DeliveryWorkers(
            WebhookOutbox outbox,
            TeamWebhookStore webhooks,
            WebhookSender sender,
            WebhookDeliveryLog log,
            WebhookProperties properties,
            Clock clock) {
        this.outbox = outbox;
        this.webhooks = webhooks;
        this.sender = sender;
        this.log = log;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        DeliveryWorker started = worker(instanceName(), properties, clock);
        started.start();
        worker = started;
        LOG.info("Webhook deliveries started as {}", started.name());
    }

    @Override
    public synchronized void stop() {
        DeliveryWorker running = worker;
        worker = null;
        if (running != null) {
            running.stop(STOP_WAIT);
        }
    }

    @Override
    public boolean isRunning() {
        return worker != null;
    }

    /** Has this instance's worker look at the outbox now: an event was committed here. */
    void wake() {
        DeliveryWorker running = worker;
        if (running != null) {
            running.wake();
        }
    }

    /** A worker over this application's outbox, not yet started; the tests make more than one to play replicas. */
    DeliveryWorker worker(String name, WebhookProperties properties, Clock clock) {
        return new DeliveryWorker(
                name, outbox, new EventDelivery(webhooks, sender, outbox, log, properties, clock), properties, clock);
    }

    /** Unique per process start, so a restarted instance never mistakes its predecessor's claims for its own. */
    private static String instanceName() {
        String host = System.getenv().getOrDefault("HOSTNAME", "tollgate");
        byte[] random = new byte[3];
        ThreadLocalRandom.current().nextBytes(random);
        String name = host + "-" + ProcessHandle.current().pid() + "-"
                + HexFormat.of().formatHex(random);
        return name.length() <= 90 ? name : name.substring(name.length() - 90);
    }
}
