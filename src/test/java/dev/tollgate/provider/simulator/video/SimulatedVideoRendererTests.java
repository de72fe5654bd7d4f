package dev.tollgate.provider.simulator.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulatedVideoRendererTests {

    static final String PROMPT = "A red fox running through fresh snow at golden hour";

    final SimulatedVideoRenderer renderer = new SimulatedVideoRenderer();

    @TempDir
    Path dir;

    @Test
    void writesAnMp4WithItsHeaderFirst() throws Exception {
        List<Mp4Box> boxes = Mp4Box.parse(render(new VideoSpec(PROMPT, 200, 120, 2), "clip.mp4"));

        assertThat(boxes)
                .as("top-level boxes, header before the media data so playback can start early")
                .extracting(Mp4Box::type)
                .containsExactly("ftyp", "moov", "mdat");
        assertThat(new String(boxes.getFirst().bytes(0, 4), StandardCharsets.US_ASCII))
                .isEqualTo("isom");
    }

    @Test
    void describesOneH264TrackOfTheRequestedSizeAndLength() throws Exception {
        VideoSpec spec = new VideoSpec(PROMPT, 200, 120, 2, 12);
        Mp4Box moov = moov(render(spec, "clip.mp4"));

        Mp4Box mvhd = moov.find("mvhd").orElseThrow();
        assertThat((double) mvhd.u32(16) / mvhd.u32(12))
                .as("movie duration in seconds")
                .isEqualTo(2.0);
        Mp4Box mdhd = moov.find("trak/mdia/mdhd").orElseThrow();
        assertThat((double) mdhd.u32(16) / mdhd.u32(12))
                .as("track duration in seconds")
                .isEqualTo(2.0);
        Mp4Box tkhd = moov.find("trak/tkhd").orElseThrow();
        assertThat(tkhd.u32(76) >> 16).as("track width").isEqualTo(200);
        assertThat(tkhd.u32(80) >> 16).as("track height").isEqualTo(120);
        assertThat(moov.find("trak/mdia/hdlr").orElseThrow().bytes(8, 4))
                .asString()
                .isEqualTo("vide");

        Mp4Box avc1 = moov.find("trak/mdia/minf/stbl/stsd/avc1").orElseThrow();
        assertThat(avc1.u16(24)).as("sample entry width").isEqualTo(200);
        assertThat(avc1.u16(26)).as("sample entry height").isEqualTo(120);
        Mp4Box avcC = avc1.child("avcC").orElseThrow();
        assertThat(avcC.u8(0)).as("avcC version").isEqualTo(1);
        assertThat(avcC.u8(1)).as("profile: Baseline").isEqualTo(66);
        assertThat(avcC.u8(5) & 0x1F).as("sequence parameter sets").isEqualTo(1);
    }

    @Test
    void indexesEverySampleInsideTheMediaData() throws Exception {
        VideoSpec spec = new VideoSpec(PROMPT, 160, 96, 2, 10);
        List<Mp4Box> boxes = Mp4Box.parse(render(spec, "clip.mp4"));
        Mp4Box stbl = boxes.get(1).find("trak/mdia/minf/stbl").orElseThrow();
        Mp4Box mdat = boxes.get(2);

        Mp4Box stsz = stbl.child("stsz").orElseThrow();
        int samples = (int) stsz.u32(8);
        long sampleBytes = 0;
        for (int i = 0; i < samples; i++) {
            sampleBytes += stsz.u32(12 + 4 * i);
        }
        assertThat(samples).as("one sample a frame").isEqualTo(20);
        assertThat(sampleBytes)
                .as("samples fill the media data")
                .isEqualTo(mdat.content().limit());
        assertThat(stbl.child("stco").orElseThrow().u32(8))
                .as("the chunk starts where the media data does")
                .isEqualTo(mdat.offset() + 8);
        Mp4Box stss = stbl.child("stss").orElseThrow();
        assertThat(List.of(stss.u32(4), stss.u32(8), stss.u32(12)))
                .as("a key frame every second: count, then frame numbers")
                .containsExactly(2L, 1L, 11L);
    }

    @Test
    void theSameSpecGivesTheSameBytes() throws Exception {
        VideoSpec spec = new VideoSpec(PROMPT, 160, 96, 1);

        byte[] first = render(spec, "first.mp4");
        byte[] second = render(spec, "second.mp4");

        assertThat(second).as("a second render of the same spec").isEqualTo(first);
    }

    @Test
    void differentPromptsGiveDifferentVideos() throws Exception {
        byte[] fox = render(new VideoSpec(PROMPT, 160, 96, 1), "fox.mp4");
        byte[] whale = render(new VideoSpec("A blue whale singing in the deep ocean", 160, 96, 1), "whale.mp4");

        assertThat(whale).isNotEqualTo(fox);
    }

    @Test
    void progressGrowsStepByStepToAHundred() throws Exception {
        List<Integer> told = new ArrayList<>();

        renderer.render(new VideoSpec(PROMPT, 160, 96, 2), dir.resolve("clip.mp4"), told::add);

        assertThat(told).first().isEqualTo(0);
        assertThat(told).last().isEqualTo(100);
        assertThat(told).as("each percentage once, in order").isSorted().doesNotHaveDuplicates();
        assertThat(told.size()).as("steps told for 30 frames").isGreaterThan(20);
    }

    @Test
    void replacesAnExistingFileAndLeavesNothingElse() throws Exception {
        Path target = dir.resolve("clip.mp4");
        Files.writeString(target, "an older clip");

        renderer.render(new VideoSpec(PROMPT, 160, 96, 1), target, ProgressListener.NONE);

        assertThat(Mp4Box.parse(Files.readAllBytes(target))).hasSize(3);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void anInterruptStopsTheRenderAndLeavesNoFile() throws Exception {
        Path target = dir.resolve("long.mp4");
        VideoSpec longClip = new VideoSpec(PROMPT, 320, 180, 60);
        CountDownLatch underway = new CountDownLatch(1);
        AtomicReference<Throwable> outcome = new AtomicReference<>();
        Thread worker = Thread.ofPlatform().start(() -> {
            try {
                renderer.render(longClip, target, percent -> {
                    if (percent > 0) {
                        underway.countDown();
                    }
                });
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        assertThat(underway.await(30, TimeUnit.SECONDS)).as("render under way").isTrue();

        worker.interrupt();
        worker.join(TimeUnit.SECONDS.toMillis(2));

        assertThat(worker.isAlive())
                .as("still rendering two seconds after the interrupt")
                .isFalse();
        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        try (var files = Files.list(dir)) {
            assertThat(files).as("neither the clip nor a partial file").isEmpty();
        }
    }

    @Test
    void thePosterIsTheFirstFrameAtFullSize() {
        VideoSpec spec = new VideoSpec(PROMPT, 320, 180, 4);

        BufferedImage poster = renderer.posterFrame(spec);
        byte[] jpeg = renderer.posterJpeg(spec);

        assertThat(poster.getWidth()).isEqualTo(320);
        assertThat(poster.getHeight()).isEqualTo(180);
        assertThat(poster.getRGB(10, 10))
                .as("not a blank image")
                .isNotEqualTo(poster.getRGB(160, 90))
                .isNotEqualTo(poster.getRGB(310, 170));
        assertThat(jpeg).startsWith(0xFF, 0xD8, 0xFF);
    }

    private byte[] render(VideoSpec spec, String name) throws Exception {
        Path target = dir.resolve(name);
        renderer.render(spec, target, ProgressListener.NONE);
        return Files.readAllBytes(target);
    }

    private static Mp4Box moov(byte[] file) {
        return Mp4Box.parse(file).stream()
                .filter(box -> box.type().equals("moov"))
                .findFirst()
                .orElseThrow();
    }
}
