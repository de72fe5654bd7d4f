package dev.tollgate.provider.simulator.image;

import static dev.tollgate.provider.simulator.image.TestImages.PROMPT;
import static dev.tollgate.provider.simulator.image.TestImages.generation;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.catalog.Resolution;
import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageFormat;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.ImageSink;
import dev.tollgate.provider.InputImage;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.simulator.SimulatorImageProvider;
import dev.tollgate.provider.simulator.SimulatorProperties;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SimulatorImageProviderTests {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void writesEachImageAsAPngToItsOwnStreamAndClosesIt() {
        RecordingSink sink = new RecordingSink();

        List<GeneratedImage> images = simulator(Duration.ZERO).generate(generation(PROMPT, 1024, 2), sink);

        assertThat(images).hasSize(2).allSatisfy(image -> {
            assertThat(image.format()).isEqualTo(ImageFormat.PNG);
            assertThat(image.width()).isEqualTo(1024);
            assertThat(image.height()).isEqualTo(1024);
            assertThat(image.revisedPrompt()).startsWith(PROMPT.replace(", watercolor style", ""));
        });
        assertThat(sink.streams).hasSize(2).allSatisfy(stream -> {
            assertThat(stream.closed).as("closed by the provider").isTrue();
            assertThat(ImageFormat.sniff(stream.toByteArray())).contains(ImageFormat.PNG);
        });
        assertThat(sink.streams.get(0).toByteArray())
                .isNotEqualTo(sink.streams.get(1).toByteArray());
    }

    @Test
    void waitsTheImageDelayOncePerRequest() {
        long start = System.nanoTime();

        simulator(Duration.ofMillis(300)).generate(generation("a cat", 1024, 2), new RecordingSink());

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void anInterruptDuringTheDelayFailsTheRequest() {
        Thread caller = Thread.currentThread();
        try (ScheduledExecutorService interrupter = Executors.newSingleThreadScheduledExecutor()) {
            interrupter.schedule(caller::interrupt, 100, TimeUnit.MILLISECONDS);

            assertThatThrownBy(() -> simulator(Duration.ofSeconds(30)).generate(generation(PROMPT, 1024, 1), index -> {
                        throw new AssertionError("nothing is written after an interrupt");
                    }))
                    .isInstanceOfSatisfying(
                            UpstreamException.class,
                            e -> assertThat(e.retryable()).isFalse());
            assertThat(Thread.currentThread().isInterrupted())
                    .as("the interrupt is kept")
                    .isTrue();
        }
    }

    @Test
    void anInterruptWhilePaintingFailsTheRequest() {
        RecordingSink sink = new RecordingSink() {
            @Override
            public OutputStream open(int index) {
                Thread.currentThread().interrupt();
                return super.open(index);
            }
        };

        assertThatThrownBy(() -> simulator(Duration.ZERO).generate(generation(PROMPT, 4096, 1), sink))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(sink.streams.getFirst().closed).isTrue();
    }

    @Test
    void aSinkThatCannotOpenAStreamFailsTheRequest() {
        ImageSink full = index -> {
            throw new IOException("No space left on device");
        };

        assertThatThrownBy(() -> simulator(Duration.ZERO).generate(generation(PROMPT, 1024, 1), full))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse())
                .hasRootCauseMessage("No space left on device");
    }

    @Test
    void aStreamThatFailsMidImageFailsTheRequestAndIsClosed() {
        RecordingSink sink = new RecordingSink() {
            @Override
            public OutputStream open(int index) {
                return new FailingStream(super.open(index), 10_000);
            }
        };

        assertThatThrownBy(() -> simulator(Duration.ZERO).generate(generation(PROMPT, 1024, 1), sink))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse());
        assertThat(sink.streams.getFirst().closed).isTrue();
    }

    @Test
    void anUnreadableImageToEditFailsTheRequest() {
        byte[] broken = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 'I', 'H'};
        ImageRequest request = new ImageRequest(
                TestImages.MODEL,
                PROMPT,
                new Resolution(1024, 1024),
                1,
                List.of(InputImage.of(broken).orElseThrow()),
                null);

        assertThatThrownBy(() -> simulator(Duration.ZERO).generate(request, new RecordingSink()))
                .isInstanceOfSatisfying(
                        UpstreamException.class, e -> assertThat(e.retryable()).isFalse());
    }

    private static SimulatorImageProvider simulator(Duration imageDelay) {
        return new SimulatorImageProvider(new SimulatorProperties(true, Duration.ZERO, 0, imageDelay, Duration.ZERO));
    }

    private static class RecordingSink implements ImageSink {

        final List<RecordingStream> streams = new ArrayList<>();

        @Override
        public OutputStream open(int index) {
            RecordingStream stream = new RecordingStream();
            streams.add(stream);
            return stream;
        }
    }

    private static final class RecordingStream extends ByteArrayOutputStream {

        boolean closed;

        @Override
        public void close() {
            closed = true;
        }
    }

    /** Passes bytes on until {@code limit} have gone through, then fails as a broken connection would. */
    private static final class FailingStream extends OutputStream {

        private final OutputStream out;
        private long left;

        FailingStream(OutputStream out, long limit) {
            this.out = out;
            this.left = limit;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            if (length > left) {
                throw new IOException("Connection reset");
            }
            left -= length;
            out.write(bytes, offset, length);
        }

        @Override
        public void close() throws IOException {
            out.close();
        }
    }
}
