package dev.tollgate.video;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.billing.PrepaidCharge;
import dev.tollgate.media.MediaNotFoundException;
import dev.tollgate.media.MediaService;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A team's video jobs: queued by the gateway once paid for, then worked by whichever instance's workers claim them.
 * Every method checks that the caller is a member of the team; another team's job is simply not found.
 */
@Service
public class VideoJobs {

    /** The longest page {@link #page} returns. */
    public static final int LONGEST_PAGE = 100;

    private final VideoJobRepository jobs;
    private final MediaService media;
    private final TeamAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final @Nullable VideoTraceContext traceContext;

    VideoJobs(
            VideoJobRepository jobs,
            MediaService media,
            TeamAccess access,
            ApplicationEventPublisher events,
            Clock clock,
            ObjectProvider<VideoTraceContext> traceContext) {
        this.jobs = jobs;
        this.media = media;
        this.access = access;
        this.events = events;
        this.clock = clock;
        this.traceContext = traceContext.getIfAvailable();
    }

    /**
     * Queues a paid-for request, in the caller's transaction when there is one, so a charge never exists without its
     * job or a job without its charge. A worker on this instance looks at the queue as soon as that commits. The job
     * keeps the request's trace context, which its worker works in.
     *
     * @throws IllegalArgumentException when the size is not {@code WIDTHxHEIGHT}
     */
    @Transactional(transactionManager = "jdbcTransactionManager")
    public VideoJob enqueue(NewVideoJob job) {
        PrepaidCharge charge = job.charge();
        access.require(charge.team(), TeamRole.MEMBER);
        VideoSize.parse(job.size());
        VideoJob queued = new VideoJob(
                VideoJobId.random(),
                job.caller(),
                job.model(),
                job.prompt(),
                job.seconds(),
                job.size(),
                VideoStatus.QUEUED,
                0,
                null,
                null,
                charge.amount(),
                false,
                clock.instant(),
                null,
                null);
        jobs.insert(
                queued,
                job.reference() == null ? null : job.reference().bytes(),
                charge.id(),
                traceContext == null ? null : traceContext.current());
        events.publishEvent(new VideoJobChanged(queued.id(), queued.team(), VideoStatus.QUEUED, 0));
        return queued;
    }

    @Transactional(transactionManager = "jdbcTransactionManager", readOnly = true)
    public Optional<VideoJob> find(TeamId team, VideoJobId id) {
        access.require(team, TeamRole.MEMBER);
        return jobs.findLive(team, id);
    }

    /**
     * A page of the team's jobs, optionally of one status, in creation order (newest first or oldest first),
     * continuing after {@code after} when given; at most {@link #LONGEST_PAGE}.
     */
    @Transactional(transactionManager = "jdbcTransactionManager", readOnly = true)
    public List<VideoJob> page(
            TeamId team, @Nullable VideoStatus status, @Nullable VideoJobId after, int limit, boolean newestFirst) {
        access.require(team, TeamRole.MEMBER);
        return jobs.page(team, status, after, Math.min(limit, LONGEST_PAGE), newestFirst);
    }

    @Transactional(transactionManager = "jdbcTransactionManager", readOnly = true)
    public long count(TeamId team, @Nullable VideoStatus status) {
        access.require(team, TeamRole.MEMBER);
        return jobs.count(team, status);
    }

    /**
     * Deletes a finished job and its video; it is not found from then on. Who made it, a team admin or one of the
     * team's keys may delete it, as with the gallery's media.
     *
     * @throws VideoJobNotFoundException when the team has no such job
     * @throws VideoJobNotFinishedException when it is still queued or in progress
     * @throws AccessDeniedException when the caller is a member who did not make it
     */
    public void delete(TeamId team, VideoJobId id) {
        TeamRole role = access.require(team, TeamRole.MEMBER);
        VideoJob job = jobs.findLive(team, id).orElseThrow(() -> new VideoJobNotFoundException(id));
        if (!job.status().isFinished()) {
            throw new VideoJobNotFinishedException(id);
        }
        if (!mayDelete(job, role)) {
            throw new AccessDeniedException("Only whoever made this video, or a team admin, can delete it");
        }
        if (job.video() != null) {
            try {
                media.delete(team, job.video());
            } catch (MediaNotFoundException alreadyGone) {
                // deleted from the gallery before, or by an earlier attempt at this delete
            }
        }
        Instant now = clock.instant();
        if (jobs.markDeleted(id, now)) {
            events.publishEvent(new VideoJobChanged(id, team, job.status(), job.progress()));
        }
    }

    private boolean mayDelete(VideoJob job, TeamRole role) {
        return role.isAtLeast(TeamRole.ADMIN)
                || access.isTeamPrincipal()
                || (job.caller().user() != null
                        && access.currentUserId()
                                .filter(job.caller().user()::equals)
                                .isPresent());
    }
}
