package dev.tollgate.video;

import dev.tollgate.provider.VideoProvider;
import dev.tollgate.provider.VideoRequest;
import dev.tollgate.provider.VideoResult;
import dev.tollgate.provider.VideoTaskStatus;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * An upstream the test scripts: it answers each poll from a script (by the request's prompt and how many times that
 * prompt was polled before), counts what it was asked, and delivers the first box of an MP4 as the video.
 */
final class FakeVideoProvider implements VideoProvider {

    static final byte[] MP4_START = {0, 0, 0, 16, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0};

    private final BiFunction<String, Integer, VideoTaskStatus> polls;
    private final Duration downloadTime;
    private final AtomicInteger tasks = new AtomicInteger();
    private final Map<String, AtomicInteger> submits = new ConcurrentHashMap<>();
    private final Map<String, List<String>> polledTasks = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> downloads = new ConcurrentHashMap<>();
    private final CountDownLatch downloading = new CountDownLatch(1);

    FakeVideoProvider(BiFunction<String, Integer, VideoTaskStatus> polls, Duration downloadTime) {
        this.polls = polls;
        this.downloadTime = downloadTime;
    }

    /** Every task has succeeded by its first poll. */
    static FakeVideoProvider succeeding() {
        return new FakeVideoProvider((prompt, poll) -> succeeded(), Duration.ZERO);
    }

    static VideoTaskStatus succeeded() {
        return new VideoTaskStatus(VideoTaskStatus.State.SUCCEEDED, 100, null);
    }

    @Override
    public String channelName() {
        return "fake";
    }

    @Override
    public String submit(VideoRequest request) {
        submits.computeIfAbsent(request.prompt(), prompt -> new AtomicInteger()).incrementAndGet();
        return "fake-task-" + tasks.incrementAndGet();
    }

    @Override
    public VideoTaskStatus poll(String taskId, VideoRequest request) {
        List<String> polled = polledTasks.computeIfAbsent(request.prompt(), prompt -> new CopyOnWriteArrayList<>());
        polled.add(taskId);
        return polls.apply(request.prompt(), polled.size() - 1);
    }

    @Override
    public VideoResult download(String taskId, VideoRequest request, OutputStream target) {
        downloads
                .computeIfAbsent(request.prompt(), prompt -> new AtomicInteger())
                .incrementAndGet();
        downloading.countDown();
        try {
            Thread.sleep(downloadTime);
            target.write(MP4_START);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new VideoResult(request.width(), request.height(), null);
    }

    /** Waits until a download has begun; false when none began within {@code most}. */
    boolean awaitDownload(Duration most) throws InterruptedException {
        return downloading.await(most.toMillis(), TimeUnit.MILLISECONDS);
    }

    int submits(String prompt) {
        AtomicInteger count = submits.get(prompt);
        return count == null ? 0 : count.get();
    }

    List<String> polledTasks(String prompt) {
        return polledTasks.getOrDefault(prompt, List.of());
    }

    int downloads(String prompt) {
        AtomicInteger count = downloads.get(prompt);
        return count == null ? 0 : count.get();
    }
}
