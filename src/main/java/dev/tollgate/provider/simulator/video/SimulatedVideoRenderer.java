package dev.tollgate.provider.simulator.video;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * Renders the simulator's videos: an H.264 MP4 painted from the prompt, the same bytes for the same spec on the same
 * Java runtime and fonts (the caption uses the system's sans-serif font).
 *
 * <p>Encoding runs on the calling thread, one core, at about 35 ms a frame at 1280x720 and 60 ms at 1792x1024: a
 * few seconds a clip, so callers run it off the request thread. Interrupting that thread stops it within a frame.
 * The renderer holds no state; one instance serves any number of threads.
 */
public final class SimulatedVideoRenderer {

    /** Renders {@code spec} to {@code target}, replacing any file there. */
    public void render(VideoSpec spec, Path target, ProgressListener progress)
            throws IOException, InterruptedException {
        Path directory = target.toAbsolutePath().getParent();
        Path partial = Files.createTempFile(directory, target.getFileName() + ".", ".part");
        boolean done = false;
        try {
            encode(spec, partial, new Progress(spec.frameCount(), progress));
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            progress.progressed(100);
        } catch (ClosedByInterruptException e) {
            throw interrupted(e);
        } finally {
            if (!done) {
                Files.deleteIfExists(partial);
            }
        }
    }

    /** The clip's first frame, which a browser shows before playing: a poster for lists and galleries. */
    public BufferedImage posterFrame(VideoSpec spec) {
        BufferedImage frame = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = frame.createGraphics();
        try {
            painter(spec).paint(g, 0);
        } finally {
            g.dispose();
        }
        return frame;
    }

    /** {@link #posterFrame} as a JPEG. */
    public byte[] posterJpeg(VideoSpec spec) {
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(posterFrame(spec), "jpeg", jpeg)) {
                throw new IllegalStateException("This Java runtime writes no JPEG");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return jpeg.toByteArray();
    }

    private void encode(VideoSpec spec, Path file, Progress progress) throws IOException, InterruptedException {
        int keyInterval = spec.fps();
        BufferedImage frame = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
        int[] pixels = ((DataBufferInt) frame.getRaster().getDataBuffer()).getData();
        YuvFrame yuv = new YuvFrame(spec.width(), spec.height());
        AvcEncoder encoder = new AvcEncoder(spec.width(), spec.height(), keyInterval);
        FramePainter painter = painter(spec);
        Graphics2D g = frame.createGraphics();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            Mp4Writer mp4 = null;
            for (int index = 0; index < spec.frameCount(); index++) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("Video rendering interrupted at frame " + index);
                }
                painter.paint(g, (double) index / spec.fps());
                AvcSample sample = encoder.encode(yuv.fill(pixels));
                if (mp4 == null) {
                    TrackFormat format =
                            new TrackFormat(spec.width(), spec.height(), spec.fps(), encoder.parameterSets());
                    mp4 = new Mp4Writer(out, format, SampleTable.planned(spec.frameCount(), keyInterval));
                }
                mp4.write(sample);
                progress.framesDone(index + 1);
            }
            Objects.requireNonNull(mp4, "A clip has at least one frame").finish();
        } finally {
            g.dispose();
        }
    }

    private static FramePainter painter(VideoSpec spec) {
        return new FramePainter(Storyboard.of(spec.prompt()), spec.width(), spec.height(), spec.seconds());
    }

    /** An interrupt during a write closes the channel; it still means the caller asked to stop. */
    private static InterruptedException interrupted(ClosedByInterruptException cause) {
        Thread.interrupted();
        InterruptedException stopped = new InterruptedException("Video rendering interrupted while writing");
        stopped.initCause(cause);
        return stopped;
    }

    /** Turns frames done into whole percentages, each told once; 100 waits until the file is in place. */
    private static final class Progress {

        private final int frames;
        private final ProgressListener listener;
        private int told = -1;

        Progress(int frames, ProgressListener listener) {
            this.frames = frames;
            this.listener = listener;
            tell(0);
        }

        void framesDone(int done) {
            tell(Math.min(99, (int) ((long) done * 100 / frames)));
        }

        private void tell(int percent) {
            if (percent > told) {
                told = percent;
                listener.progressed(percent);
            }
        }
    }
}
