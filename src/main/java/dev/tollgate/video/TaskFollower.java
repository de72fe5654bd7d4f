package dev.tollgate.video;

import dev.tollgate.media.MediaItem;
import dev.tollgate.media.MediaKind;
import dev.tollgate.media.MediaService;
import dev.tollgate.media.MediaUpload;
import dev.tollgate.media.NewMedia;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.VideoProvider;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoRouter;
import dev.tollgate.provider.VideoTaskStatus;
import dev.tollgate.provider.channel.Routed;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.imageio.ImageIO;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Works one claimed job to its end: submits it upstream unless an earlier claim already did, follows the task while
 * writing its progress, then stores the video and completes the job, or fails it. Every write is conditional on the
 * worker still holding the job; when it does not, the worker just stops. Interrupting the worker lets the job go
 * for another worker to take up. It works in the trace context of the request that queued the job, so the upstream's
 * requests carry it.
 */
@Component
class TaskFollower {

    private static final Logger log = LoggerFactory.getLogger(TaskFollower.class);

    private final VideoRouter router;
    private final VideoJobRepository jobs;
    private final JobFinisher finisher;
    private final MediaService media;
    private final JobChanges changes;
    private final VideoProperties properties;
    private final Clock clock;
    private final @Nullable VideoTraceContext traceContext;

    TaskFollower(
            VideoRouter router,
            VideoJobRepository jobs,
            JobFinisher finisher,
            MediaService media,
            JobChanges changes,
            VideoProperties properties,
            Clock clock,
            ObjectProvider<VideoTraceContext> traceContext) {
        this.router = router;
        this.jobs = jobs;
        this.finisher = finisher;
        this.media = media;
        this.changes = changes;
        this.properties = properties;
        this.clock = clock;
        this.traceContext = traceContext.getIfAvailable();
    }

    /** Works the job held by {@code worker}, as its team; returns when the job is finished, lost or let go. */
    void follow(JobTicket job, String worker) {
        try (VideoTraceContext.Scope ignored =
                traceContext == null ? () -> {} : traceContext.open(job.traceContext())) {
            work(job, worker);
        } catch (InterruptedException e) {
            letGo(job, worker);
        } catch (UpstreamException e) {
            if (Thread.interrupted()) {
                letGo(job, worker);
            } else if (e.retryable() && job.attempts() < properties.maxAttempts()) {
                retryLater(job, worker, e.getMessage());
            } else {
                finisher.fail(job.id(), worker, reason(e));
            }
        } catch (RuntimeException e) {
            if (Thread.interrupted()) {
                letGo(job, worker);
            } else if (job.attempts() < properties.maxAttempts()) {
                log.warn("Video job {} failed on {}; it will be tried again", job.id(), worker, e);
                retryLater(job, worker, e.getMessage());
            } else {
                log.error("Video job {} failed on {}", job.id(), worker, e);
                finisher.fail(job.id(), worker, "The video could not be made");
            }
        }
    }

    private void work(JobTicket claimed, String worker) throws InterruptedException {
        VideoRequest request = request(claimed);
        Optional<JobTicket> submitted =
                claimed.upstreamTaskId() == null ? submit(claimed, worker, request) : Optional.of(claimed);
        if (submitted.isEmpty()) {
            return;
        }
        JobTicket job = submitted.get();
        String task = Objects.requireNonNull(job.upstreamTaskId());
        VideoProvider provider = router.channel(Objects.requireNonNull(job.channel()));
        int progress = job.progress();
        while (true) {
            VideoTaskStatus status = provider.poll(task, request);
            switch (status.state()) {
                case SUCCEEDED -> {
                    deliver(job, worker, provider, request, task);
                    return;
                }
                case FAILED -> {
                    finisher.fail(job.id(), worker, failure(status));
                    return;
                }
                case RUNNING -> {
                    // 100 is for a job whose video is stored
                    int now = Math.min(99, status.progress());
                    if (!jobs.progress(job.id(), worker, now, properties.lease(), clock.instant())) {
                        return;
                    }
                    if (now > progress) {
                        progress = now;
                        changes.publish(job.id(), job.team(), VideoStatus.IN_PROGRESS, progress);
                    }
                    Thread.sleep(properties.pollInterval());
                }
            }
        }
    }

    /** Starts the upstream task and keeps its id with the job; empty when the worker lost the job meanwhile. */
    private Optional<JobTicket> submit(JobTicket job, String worker, VideoRequest request) {
        Routed<String> task = router.submit(request);
        if (!jobs.recordTask(job.id(), worker, task.channel(), task.value(), clock.instant())) {
            log.warn("Video job {} was taken from {} while it submitted upstream task {}", job.id(), worker, task);
            return Optional.empty();
        }
        return Optional.of(job.withTask(task.channel(), task.value()));
    }

    private void deliver(JobTicket job, String worker, VideoProvider provider, VideoRequest request, String task) {
        MediaUpload upload = media.newUpload();
        MediaItem video;
        try (LeaseKeeper lease = LeaseKeeper.start(jobs, job.id(), worker, properties.lease(), clock)) {
            VideoResult result = download(provider, task, request, upload);
            video = media.store(upload, newMedia(job, result));
            storePoster(video, result);
        } catch (RuntimeException e) {
            media.discard(upload);
            throw e;
        }
        if (!finisher.complete(job, worker, video.id())) {
            log.info("Video job {} ended elsewhere while {} stored its video; removing that copy", job.id(), worker);
            media.delete(job.team(), video.id());
        }
    }

    private static VideoResult download(VideoProvider provider, String task, VideoRequest request, MediaUpload upload) {
        try (OutputStream out = upload.stream()) {
            return provider.download(task, request, out);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the video", e);
        }
    }

    private void storePoster(MediaItem video, VideoResult result) {
        byte[] jpeg = result.posterJpeg();
        if (jpeg == null) {
            return;
        }
        try {
            BufferedImage poster = ImageIO.read(new ByteArrayInputStream(jpeg));
            if (poster != null) {
                media.storePoster(video.id(), poster);
            }
        } catch (IOException | RuntimeException e) {
            // the video plays without one; lists then show the video itself
            log.warn("No poster for video {}: {}", video.id(), e.getMessage());
        }
    }

    private void retryLater(JobTicket job, String worker, String reason) {
        Instant now = clock.instant();
        Instant again = now.plus(properties.pollInterval().multipliedBy(job.attempts()));
        log.info("Video job {} (attempt {}) will be tried again: {}", job.id(), job.attempts(), reason);
        jobs.release(job.id(), worker, again, true, now);
    }

    /** Hands the job back at shutdown, claimable at once and without counting the attempt. */
    private void letGo(JobTicket job, String worker) {
        Instant now = clock.instant();
        try {
            jobs.release(job.id(), worker, now, false, now);
        } finally {
            Thread.currentThread().interrupt();
        }
    }

    private static VideoRequest request(JobTicket job) {
        try {
            return job.request();
        } catch (IllegalArgumentException e) {
            throw new UpstreamException("The request cannot be made: " + e.getMessage(), false, e);
        }
    }

    private static NewMedia newMedia(JobTicket job, VideoResult result) {
        return new NewMedia(
                job.caller(),
                MediaKind.VIDEO,
                job.model().value(),
                job.prompt(),
                result.width(),
                result.height(),
                "video/mp4",
                "mp4",
                job.cost(),
                null);
    }

    private static String reason(UpstreamException e) {
        return e.getMessage() == null ? "The upstream could not make the video" : e.getMessage();
    }

    private static String failure(VideoTaskStatus status) {
        return status.error() == null ? "The upstream could not make the video" : status.error();
    }
}
