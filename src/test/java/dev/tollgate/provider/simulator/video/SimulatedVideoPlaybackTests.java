package dev.tollgate.provider.simulator.video;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.microsoft.playwright.Page;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Chromium plays the rendered MP4s: it decodes them, at their size and length, and shows what was painted. */
class SimulatedVideoPlaybackTests {

    /** A clip as the API asks for it, and a small one whose sides are not whole macroblocks. */
    static final VideoSpec LANDSCAPE =
            new VideoSpec("A red fox running through fresh snow at golden hour", 1280, 720, 4);

    static final VideoSpec ODD_SIZE = new VideoSpec("Lanterns drifting above a quiet harbour at night", 200, 120, 2);

    /** Cells across and down in which the browser's picture and the painted one are compared. */
    static final int GRID = 8;

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    static VideoServer server;

    Page page;

    @BeforeAll
    static void serveVideos(@TempDir Path dir) throws Exception {
        server = new VideoServer();
        SimulatedVideoRenderer renderer = new SimulatedVideoRenderer();
        for (Map.Entry<String, VideoSpec> clip :
                Map.of("landscape", LANDSCAPE, "odd", ODD_SIZE).entrySet()) {
            Path file = dir.resolve(clip.getKey() + ".mp4");
            renderer.render(clip.getValue(), file, ProgressListener.NONE);
            server.put("/" + clip.getKey() + ".mp4", "video/mp4", Files.readAllBytes(file));
        }
        server.put("/player.html", "text/html", """
                <!doctype html>
                <video id="landscape" src="/landscape.mp4" muted playsinline preload="auto"></video>
                <video id="odd" src="/odd.mp4" muted playsinline preload="auto"></video>
                <script>
                  function picture(id, grid) {
                    const video = document.getElementById(id);
                    const canvas = document.createElement('canvas');
                    canvas.width = video.videoWidth;
                    canvas.height = video.videoHeight;
                    const context = canvas.getContext('2d', {willReadFrequently: true});
                    context.drawImage(video, 0, 0);
                    return cells(context.getImageData(0, 0, canvas.width, canvas.height), grid);
                  }
                  function cells(image, grid) {
                    const means = [];
                    for (let row = 0; row < grid; row++) {
                      for (let column = 0; column < grid; column++) {
                        const x0 = Math.floor(column * image.width / grid), x1 = Math.floor((column + 1) * image.width / grid);
                        const y0 = Math.floor(row * image.height / grid), y1 = Math.floor((row + 1) * image.height / grid);
                        const sum = [0, 0, 0];
                        for (let y = y0; y < y1; y++) {
                          for (let x = x0; x < x1; x++) {
                            const at = 4 * (y * image.width + x);
                            sum[0] += image.data[at]; sum[1] += image.data[at + 1]; sum[2] += image.data[at + 2];
                          }
                        }
                        const count = (x1 - x0) * (y1 - y0);
                        means.push(sum[0] / count, sum[1] / count, sum[2] / count);
                      }
                    }
                    return means;
                  }
                </script>
                """.getBytes(StandardCharsets.UTF_8));
    }

    @AfterAll
    static void stopServing() {
        server.close();
    }

    @BeforeEach
    void openPlayer() {
        page = chromium.open(server.port());
        page.navigate("/player.html");
    }

    @AfterEach
    void closePlayer() {
        page.context().close();
    }

    @Test
    void chromiumLoadsTheClipsAtTheirSizeAndLength() {
        for (VideoSpec spec : List.of(LANDSCAPE, ODD_SIZE)) {
            String id = id(spec);
            awaitLoaded(id);

            assertThat(page.evaluate("id => document.getElementById(id).videoWidth", id))
                    .as("%s width", id)
                    .isEqualTo(spec.width());
            assertThat(page.evaluate("id => document.getElementById(id).videoHeight", id))
                    .as("%s height", id)
                    .isEqualTo(spec.height());
            assertThat(((Number) page.evaluate("id => document.getElementById(id).duration", id)).doubleValue())
                    .as("%s duration in seconds", id)
                    .isCloseTo(spec.seconds(), within(0.1));
        }
    }

    @Test
    void chromiumPlaysTheClipsToTheEnd() {
        for (VideoSpec spec : List.of(LANDSCAPE, ODD_SIZE)) {
            awaitLoaded(id(spec));
            page.evaluate("id => document.getElementById(id).play()", id(spec));
        }
        page.waitForFunction("() => document.getElementById('landscape').currentTime > 0.5");
        for (VideoSpec spec : List.of(LANDSCAPE, ODD_SIZE)) {
            String id = id(spec);
            page.waitForFunction("id => document.getElementById(id).ended", id);

            assertThat(page.evaluate("id => document.getElementById(id).error", id))
                    .as("%s playback error", id)
                    .isNull();
            assertThat(((Number) page.evaluate("id => document.getElementById(id).currentTime", id)).doubleValue())
                    .as("%s position at the end", id)
                    .isCloseTo(spec.seconds(), within(0.1));
            assertThat(((Number) page.evaluate(
                                    "id => document.getElementById(id).getVideoPlaybackQuality().totalVideoFrames", id))
                            .intValue())
                    .as("%s frames shown or dropped", id)
                    .isGreaterThan(spec.frameCount() / 2);
        }
        BrowserSupport.screenshot(page, "simulated-video");
    }

    @Test
    void chromiumShowsWhatWasPaintedAtTheStartAndBetweenKeyFrames() {
        for (VideoSpec spec : List.of(LANDSCAPE, ODD_SIZE)) {
            String id = id(spec);
            awaitLoaded(id);
            // a loaded video may not have its first frame decoded for drawing yet; a seek's end says it has
            seek(spec, 0);
            assertLooksLike(spec, 0);

            // the last frame before the second key frame, so every P frame of a group is decoded first
            int frame = spec.fps() - 1;
            seek(spec, frame);
            assertLooksLike(spec, frame);
        }
    }

    /** Shows the middle of {@code frame}, once the seek there has ended. */
    private void seek(VideoSpec spec, int frame) {
        page.evaluate(
                "([id, time]) => new Promise(seeked => {"
                        + "const video = document.getElementById(id);"
                        + "video.addEventListener('seeked', seeked, {once: true});"
                        + "video.currentTime = time; })",
                List.of(id(spec), (frame + 0.5) / spec.fps()));
    }

    /**
     * Compares cell means, so that edges blurred by compression do not count: a wrong frame, a shifted crop or a
     * broken stream is off by far more than this encoder's own drift, up to about 17 levels in flat gradients.
     */
    private void assertLooksLike(VideoSpec spec, int frame) {
        @SuppressWarnings("unchecked")
        List<Number> shown = (List<Number>) page.evaluate("([id, grid]) => picture(id, grid)", List.of(id(spec), GRID));
        double[] painted = cellMeans(painted(spec, frame));
        for (int i = 0; i < painted.length; i++) {
            assertThat(shown.get(i).doubleValue())
                    .as("%s frame %d, cell %d, channel %d", id(spec), frame, i / 3, i % 3)
                    .isCloseTo(painted[i], within(24.0));
        }
        if (frame > 0) {
            assertThat(distance(shown, painted))
                    .as("%s frame %d is nearer to its own picture than to the first", id(spec), frame)
                    .isLessThan(distance(shown, cellMeans(painted(spec, 0))));
        }
    }

    private static double distance(List<Number> shown, double[] painted) {
        double sum = 0;
        for (int i = 0; i < painted.length; i++) {
            double difference = shown.get(i).doubleValue() - painted[i];
            sum += difference * difference;
        }
        return sum;
    }

    private static BufferedImage painted(VideoSpec spec, int frame) {
        BufferedImage image = new BufferedImage(spec.width(), spec.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        new FramePainter(Storyboard.of(spec.prompt()), spec.width(), spec.height(), spec.seconds())
                .paint(g, (double) frame / spec.fps());
        g.dispose();
        return image;
    }

    /** The same cells as the page's {@code cells}, red, green and blue means in rows. */
    private static double[] cellMeans(BufferedImage image) {
        double[] means = new double[GRID * GRID * 3];
        for (int row = 0; row < GRID; row++) {
            for (int column = 0; column < GRID; column++) {
                int x0 = column * image.getWidth() / GRID;
                int x1 = (column + 1) * image.getWidth() / GRID;
                int y0 = row * image.getHeight() / GRID;
                int y1 = (row + 1) * image.getHeight() / GRID;
                long[] sum = new long[3];
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++) {
                        int rgb = image.getRGB(x, y);
                        sum[0] += (rgb >> 16) & 0xFF;
                        sum[1] += (rgb >> 8) & 0xFF;
                        sum[2] += rgb & 0xFF;
                    }
                }
                int cell = 3 * (row * GRID + column);
                for (int channel = 0; channel < 3; channel++) {
                    means[cell + channel] = (double) sum[channel] / ((x1 - x0) * (y1 - y0));
                }
            }
        }
        return means;
    }

    /** Waits until the first frame is decoded, failing at once with the browser's reason if it cannot be. */
    private void awaitLoaded(String id) {
        page.waitForFunction(
                "id => { const video = document.getElementById(id); return video.readyState >= 2 || video.error; }",
                id);
        assertThat(page.evaluate(
                        "id => { const error = document.getElementById(id).error;"
                                + " return error && error.code + ': ' + error.message; }",
                        id))
                .as("%s media error", id)
                .isNull();
    }

    private static String id(VideoSpec spec) {
        return spec == LANDSCAPE ? "landscape" : "odd";
    }
}
