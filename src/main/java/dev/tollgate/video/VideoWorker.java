package dev.tollgate.video;

import dev.tollgate.account.TeamAgent;
import dev.tollgate.database.FailureStreak;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * One worker: claims the oldest job it may, works it as the job's team, and looks again; when the queue is empty it
 * waits a poll interval or until a job is queued here. Its name is what the queue records as holding a job.
 */
final class VideoWorker implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(VideoWorker.class);

    private final String name;
    private final VideoJobRepository jobs;
    private final TaskFollower follower;
    private final SecurityContextHolderStrategy contexts;
    private final JobChanges changes;
    private final NewJobSignal newJobs;
    private final VideoProperties properties;
    private final Clock clock;
    private final FailureStreak queueFailures;

    VideoWorker(
            String name,
            VideoJobRepository jobs,
            TaskFollower follower,
            SecurityContextHolderStrategy contexts,
            JobChanges changes,
            NewJobSignal newJobs,
            VideoProperties properties,
            Clock clock) {
        this.name = name;
        this.jobs = jobs;
        this.follower = follower;
        this.contexts = contexts;
        this.changes = changes;
        this.newJobs = newJobs;
        this.properties = properties;
        this.clock = clock;
        this.queueFailures = new FailureStreak(log, "Video worker " + name + " reaching the queue", clock);
    }

    String name() {
        return name;
    }

    /** Works until the thread is interrupted. */
    @Override
    public void run() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                boolean worked = workOne();
                queueFailures.succeeded();
                if (!worked) {
                    newJobs.await(properties.pollInterval());
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                queueFailures.failed(e);
                if (!pause()) {
                    return;
                }
            }
        }
    }

    /** Claims one job and works it to its end; false when there was none to claim. */
    boolean workOne() {
        Instant now = clock.instant();
        Optional<JobTicket> claimed = jobs.claim(name, properties.lease(), now.minus(properties.timeout()), now);
        if (claimed.isEmpty()) {
            return false;
        }
        JobTicket job = claimed.get();
        changes.publish(job.id(), job.team(), VideoStatus.IN_PROGRESS, job.progress());
        asTeam(job, () -> follower.follow(job, name));
        return true;
    }

    /** Runs the work as the team's agent, so media and billing make the same tenancy checks as for its keys. */
    private void asTeam(JobTicket job, Runnable work) {
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(new TeamAgent(job.team(), "video worker " + name).authentication());
        contexts.setContext(context);
        try {
            work.run();
        } finally {
            contexts.clearContext();
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
