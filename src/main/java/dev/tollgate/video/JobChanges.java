package dev.tollgate.video;

import dev.tollgate.account.TeamId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * Tells listeners (the portal's live queue) that a job moved, after the move is committed. A listener that fails is
 * logged and otherwise ignored: it must not make a worker retry or abandon a job that has moved on.
 */
@Component
class JobChanges {

    private static final Logger log = LoggerFactory.getLogger(JobChanges.class);

    private final ApplicationEventPublisher events;

    JobChanges(ApplicationEventPublisher events) {
        this.events = events;
    }

    void publish(VideoJobId id, TeamId team, VideoStatus status, int progress) {
        try {
            events.publishEvent(new VideoJobChanged(id, team, status, progress));
        } catch (RuntimeException e) {
            log.warn("A listener failed on the change of video job {} to {}", id, status, e);
        }
    }

    /** Tells metrics how a job ended; it has ended by then, so a listener's failure is only logged. */
    void finished(VideoJobFinished finished) {
        try {
            events.publishEvent(finished);
        } catch (RuntimeException e) {
            log.warn("A listener of finished video jobs failed", e);
        }
    }
}
