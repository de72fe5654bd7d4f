package dev.tollgate.webhook;

import dev.tollgate.database.FailureStreak;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An instance's delivery worker: claims due events from the outbox ({@link #MOST_AT_ONCE} at most in flight), posts
 * each on a virtual thread of its own so a slow receiver delays no other team, renews the claims of those in flight
 * every third of a lease, and looks again after a poll interval, when woken, or when a post ends. Its name is what
 * the outbox records as holding an event.
 */
final class DeliveryWorker {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    static final int MOST_AT_ONCE = 8;

    private final String name;
    private final WebhookOutbox outbox;
    private final EventDelivery delivery;
    private final WebhookProperties properties;
    private final Clock clock;
    private final FailureStreak outboxFailures;
    private final OutboxSignal signal = new OutboxSignal();
    private final Semaphore slots = new Semaphore(MOST_AT_ONCE);
    private final Set<UUID> held = ConcurrentHashMap.newKeySet();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final ExecutorService posts;
    private final Thread poller;
    private final Thread renewer;
    private volatile boolean running;

    DeliveryWorker(
            String name, WebhookOutbox outbox, EventDelivery delivery, WebhookProperties properties, Clock clock) {
        this.name = name;
        this.outbox = outbox;
        this.delivery = delivery;
        this.properties = properties;
        this.clock = clock;
        this.outboxFailures = new FailureStreak(LOG, "Webhook worker " + name + " reaching the outbox", clock);
        this.posts = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("webhook-post-", 0).factory());
        this.poller = Thread.ofVirtual().name("webhook-worker").unstarted(this::poll);
        this.renewer = Thread.ofVirtual().name("webhook-claims").unstarted(this::renewClaims);
    }

    String name() {
        return name;
    }

    void start() {
        running = true;
        poller.start();
        renewer.start();
    }

    /** Looks at the outbox now rather than at the next poll. */
    void wake() {
        signal.ring();
    }

    /**
     * Stops claiming and waits up to {@code wait} for the posts in flight; the claims of any still running then lapse
     * after their lease and other instances take them. Nothing is interrupted, so no statement is cut in the middle.
     */
    void stop(Duration wait) {
        running = false;
        signal.ring();
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            poller.join(wait);
            posts.shutdown();
            if (!posts.awaitTermination(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                LOG.warn(
                        "Webhook worker {} stopped with {} posts in flight; their claims will lapse",
                        name,
                        held.size());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stopped.countDown();
        }
    }

    private void poll() {
        while (running) {
            try {
                int free = slots.availablePermits();
                int claimed = free == 0 ? 0 : claimDue(free);
                outboxFailures.succeeded();
                if (claimed < free || free == 0) {
                    signal.await(properties.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                outboxFailures.failed(e);
                if (!pause()) {
                    return;
                }
            }
        }
    }

    /** Claims up to {@code free} due events and starts posting each; how many it claimed. */
    private int claimDue(int free) {
        List<ClaimedEvent> claimed = outbox.claim(name, clock.instant(), properties.lease(), free);
        for (ClaimedEvent event : claimed) {
            // only this thread takes slots, and it saw this many free
            slots.acquireUninterruptibly();
            held.add(event.event().id());
            posts.execute(() -> post(event));
        }
        return claimed.size();
    }

    private void post(ClaimedEvent event) {
        try {
            delivery.attempt(event, name);
        } catch (RuntimeException e) {
            // the claim lapses and the attempt is made again, by this instance or another
            LOG.error("Delivering webhook event {} failed", event.event().id(), e);
        } finally {
            held.remove(event.event().id());
            slots.release();
            signal.ring();
        }
    }

    private void renewClaims() {
        long every = Math.max(1, properties.lease().toMillis() / 3);
        try {
            while (!stopped.await(every, TimeUnit.MILLISECONDS)) {
                if (held.isEmpty()) {
                    continue;
                }
                try {
                    outbox.renew(name, Set.copyOf(held), clock.instant(), properties.lease());
                } catch (RuntimeException e) {
                    // a database hiccup: the next renewal may still come before the claims lapse
                    LOG.warn("Webhook worker {} could not renew its claims: {}", name, e.getMessage());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean pause() {
        try {
            Thread.sleep(properties.pollInterval());
            return true;
        } catch (InterruptedException e) {
            return false;
        }
    }
}
