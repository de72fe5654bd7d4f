package dev.tollgate.video;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.tollgate.media.MediaService;
import dev.tollgate.provider.VideoProvider;
import dev.tollgate.provider.VideoRouter;
import dev.tollgate.provider.channel.Routed;
import java.time.Clock;
import java.time.Duration;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;

/**
 * Workers built by hand over the application's own queue, finisher and media store, each with the upstream a test
 * gives it and a name of its own, as if they ran on different instances.
 */
final class TestWorkers {

    private final ApplicationContext context;

    TestWorkers(ApplicationContext context) {
        this.context = context;
    }

    VideoWorker worker(String name, VideoProvider upstream) {
        VideoRouter router = mock(VideoRouter.class);
        when(router.submit(any()))
                .thenAnswer(call -> new Routed<>(upstream.channelName(), upstream.submit(call.getArgument(0))));
        when(router.channel(any())).thenReturn(upstream);
        TaskFollower follower = new TaskFollower(
                router,
                context.getBean(VideoJobRepository.class),
                context.getBean(JobFinisher.class),
                context.getBean(MediaService.class),
                context.getBean(JobChanges.class),
                context.getBean(VideoProperties.class),
                context.getBean(Clock.class),
                context.getBeanProvider(VideoTraceContext.class));
        return new VideoWorker(
                name,
                context.getBean(VideoJobRepository.class),
                follower,
                context.getBean(SecurityContextHolderStrategy.class),
                context.getBean(JobChanges.class),
                new NewJobSignal(),
                context.getBean(VideoProperties.class),
                context.getBean(Clock.class));
    }

    /** Ends whatever a test left unfinished, so the next test's workers find only their own jobs. */
    void failLeftovers() {
        VideoJobRepository jobs = context.getBean(VideoJobRepository.class);
        JobFinisher finisher = context.getBean(JobFinisher.class);
        Clock clock = context.getBean(Clock.class);
        for (VideoJobId id : jobs.unfinishedCreatedBefore(clock.instant().plus(Duration.ofDays(1)), 1000)) {
            finisher.expire(id, "The test ended");
        }
    }
}
