package dev.tollgate.video;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * This instance's workers, {@code tollgate.video.workers} virtual threads. They start with the application and are
 * stopped first when it shuts down: each hands its job back, and a job whose worker could not (the process was
 * killed) is claimed again when its lease runs out.
 */
@Component
class VideoWorkers implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(VideoWorkers.class);
    private static final Duration STOP_WAIT = Duration.ofSeconds(10);

    private final VideoJobRepository jobs;
    private final TaskFollower follower;
    private final ObjectProvider<SecurityContextHolderStrategy> contexts;
    private final JobChanges changes;
    private final VideoProperties properties;
    private final Clock clock;
    private final NewJobSignal newJobs = new NewJobSignal();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;

    VideoWorkers(
            VideoJobRepository jobs,
            TaskFollower follower,
            ObjectProvider<SecurityContextHolderStrategy> contexts,
            JobChanges changes,
            VideoProperties properties,
            Clock clock) {
        this.jobs = jobs;
        this.follower = follower;
        this.contexts = contexts;
        this.changes = changes;
        this.properties = properties;
        this.clock = clock;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        String instance = instanceName();
        SecurityContextHolderStrategy strategy =
                contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        for (int i = 1; i <= properties.workers(); i++) {
            VideoWorker worker =
                    new VideoWorker(instance + "/" + i, jobs, follower, strategy, changes, newJobs, properties, clock);
            threads.add(Thread.ofVirtual().name("video-worker-" + i).start(worker));
        }
        running = true;
        if (!threads.isEmpty()) {
            log.info("{} video workers started as {}", threads.size(), instance);
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        threads.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (Thread thread : threads) {
            try {
                if (!thread.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())))) {
                    log.warn("Video worker {} did not stop in time; its lease will free its job", thread.getName());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.clear();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** A job queued here is looked at once the transaction that queued it has committed, not a poll later. */
    @TransactionalEventListener(fallbackExecution = true)
    void onJobChanged(VideoJobChanged changed) {
        if (changed.status() == VideoStatus.QUEUED) {
            newJobs.ring();
        }
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
