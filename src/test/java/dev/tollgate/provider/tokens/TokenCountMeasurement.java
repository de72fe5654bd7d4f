package dev.tollgate.provider.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.Encoding;
import dev.tollgate.support.Measured;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * What counting a 450 kB prose prompt (about 100,000 tokens) costs once warm, in CPU time of the counting thread: the
 * way counting went before, span by span through the encoder, against piece by piece through {@link PieceCounts}; and
 * what a full {@link PieceCounts} holds. The median of many rounds is reported, and the first calls on their own. Run on its own with
 * {@code -Dtest=TokenCountMeasurement -Dtollgate.measure=true}; it prints its figures.
 */
@EnabledIfSystemProperty(named = "tollgate.measure", matches = "true")
class TokenCountMeasurement {

    private static final Encoding ENCODER = JtokkitTokenCounterTests.ENCODER;
    private static final int ROUNDS = 21;

    @Test
    void countingALongPromptOnceWarm() {
        String prompt = Texts.words(450_000);
        String shortPrompt = Texts.words(400);
        JtokkitTokenCounter counter = new JtokkitTokenCounter();
        long expected = ENCODER.countTokensOrdinary(prompt);

        long firstCall = Measured.of(() -> counter.countText(prompt)).cpuTime().toNanos();
        PieceCounts emptyMemory = new PieceCounts(ENCODER);
        long emptyMemoryCall = Measured.of(() -> emptyMemory.count(prompt, 0, prompt.length()))
                .cpuTime()
                .toNanos();
        double[] prose = medianMillis(
                () -> spanBySpanThroughTheEncoder(prompt),
                () -> counter.countText(prompt),
                () -> counter.countText(shortPrompt));

        System.out.printf(
                "%nCounting %d characters, %d tokens: before %.2f ms, after %.2f ms (first call %.2f ms; with the code"
                        + " warm but no piece remembered %.2f ms), a %d-character prompt %.3f ms%n",
                prompt.length(),
                expected,
                prose[0],
                prose[1],
                firstCall / 1e6,
                emptyMemoryCall / 1e6,
                shortPrompt.length(),
                prose[2]);
        for (String kind : List.of("mixed", "unseen words")) {
            String text = kind.equals("mixed") ? Texts.mixed(450_000) : unseenWords(450_000);
            double[] medians = medianMillis(
                    () -> spanBySpanThroughTheEncoder(text),
                    () -> counter.countText(text),
                    () -> new PieceCounts(ENCODER).count(text, 0, text.length()));
            System.out.printf(
                    "%s, %d characters: before %.2f ms, after %.2f ms, with no piece remembered %.2f ms%n",
                    kind, text.length(), medians[0], medians[1], medians[2]);
        }
        System.out.printf("A full piece cache holds about %.1f MB%n%n", fullCacheMegabytes());
        assertThat(counter.countText(prompt)).isEqualTo(expected);
    }

    /** How JtokkitTokenCounter counted before pieces: each span handed to the encoder whole. */
    private static long spanBySpanThroughTheEncoder(String text) {
        long tokens = 0;
        Spans spans = new Spans(text, 1 << 16);
        while (spans.hasNext()) {
            Spans.Span span = spans.next();
            tokens += ENCODER.countTokensOrdinary(text.substring(span.start(), span.end()));
        }
        return tokens;
    }

    /** The median CPU time of each piece of work, round after round taking turns, so load varies for all alike. */
    private static double[] medianMillis(LongSupplier... works) {
        long[][] nanos = new long[works.length][ROUNDS];
        for (int round = -ROUNDS; round < ROUNDS; round++) {
            for (int work = 0; work < works.length; work++) {
                long taken = Measured.of(works[work]::getAsLong).cpuTime().toNanos();
                if (round >= 0) {
                    nanos[work][round] = taken;
                }
            }
        }
        double[] medians = new double[works.length];
        for (int work = 0; work < works.length; work++) {
            Arrays.sort(nanos[work]);
            medians[work] = nanos[work][ROUNDS / 2] / 1e6;
        }
        return medians;
    }

    /** Words of random letters, so hardly a piece has been seen before. */
    private static String unseenWords(int length) {
        SplittableRandom random = new SplittableRandom(length);
        StringBuilder text = new StringBuilder(length + 20);
        while (text.length() < length) {
            text.append(' ');
            for (int letter = random.nextInt(2, 12); letter > 0; letter--) {
                text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }

    /** Heap that a cache filled with pieces of the longest remembered length keeps, give or take the collector. */
    private static double fullCacheMegabytes() {
        SplittableRandom random = new SplittableRandom(1);
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < PieceCounts.REMEMBERED_PIECES * 2; i++) {
            text.append(' ');
            for (int letter = 1; letter < PieceCounts.LONGEST_REMEMBERED_PIECE; letter++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
        }
        String pieces = text.toString();
        long before = usedHeap();
        PieceCounts counts = new PieceCounts(ENCODER);
        counts.count(pieces, 0, pieces.length());
        long after = usedHeap();
        assertThat(counts.count(" a", 0, 2)).isEqualTo(1);
        return (after - before) / 1e6;
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
