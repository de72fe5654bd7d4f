package dev.tollgate.provider.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.Encoding;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PieceCountsTests {

    private static final Encoding ENCODER = JtokkitTokenCounterTests.ENCODER;

    @Test
    void moreDistinctPiecesThanItRemembersStillCountAsTheEncoderCountsThem() {
        PieceCounts counts = new PieceCounts(ENCODER);
        String text = randomWords(new SplittableRandom(3), PieceCounts.REMEMBERED_PIECES * 3, 2, 12);

        assertThat(counts.count(text, 0, text.length()))
                .as("counted with the memory filling up")
                .isEqualTo(ENCODER.countTokensOrdinary(text));
        assertThat(counts.count(text, 0, text.length()))
                .as("counted again with the memory full and pieces pushed out")
                .isEqualTo(ENCODER.countTokensOrdinary(text));
    }

    @Test
    void piecesTooLongToRememberAreCountedEachTime() {
        PieceCounts counts = new PieceCounts(ENCODER);
        String text = randomWords(
                new SplittableRandom(5),
                2_000,
                PieceCounts.LONGEST_REMEMBERED_PIECE,
                3 * PieceCounts.LONGEST_REMEMBERED_PIECE);

        assertThat(counts.count(text, 0, text.length())).isEqualTo(ENCODER.countTokensOrdinary(text));
        assertThat(counts.count(text, 0, text.length())).isEqualTo(ENCODER.countTokensOrdinary(text));
    }

    @Test
    void threadsSharingTheMemoryEachGetTheirTextsCount() throws Exception {
        PieceCounts counts = new PieceCounts(ENCODER);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            texts.add(randomWords(new SplittableRandom(i), 40_000, 1, 8));
        }

        List<Future<Long>> counted = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
            for (String text : texts) {
                counted.add(threads.submit(() -> counts.count(text, 0, text.length())));
            }
        }

        for (int i = 0; i < texts.size(); i++) {
            assertThat(counted.get(i).get())
                    .as("text %d counted among others", i)
                    .isEqualTo(ENCODER.countTokensOrdinary(texts.get(i)));
        }
    }

    @Test
    void countsTheSubstringItIsGiven() {
        PieceCounts counts = new PieceCounts(ENCODER);
        String text = "They'll say   hello\n\nto 12345 worlds!  ";

        for (int start = 0; start < text.length(); start++) {
            for (int end = start; end <= text.length(); end++) {
                assertThat(counts.count(text, start, end))
                        .as("tokens of [%s]", text.substring(start, end))
                        .isEqualTo(ENCODER.countTokensOrdinary(text.substring(start, end)));
            }
        }
    }

    /** Words of random lowercase letters and lengths between the bounds, a space before each. */
    private static String randomWords(SplittableRandom random, int words, int shortest, int longest) {
        StringBuilder text = new StringBuilder();
        for (int word = 0; word < words; word++) {
            text.append(' ');
            int length = random.nextInt(shortest, longest + 1);
            for (int letter = 0; letter < length; letter++) {
                text.append((char) ('a' + random.nextInt(26)));
            }
        }
        return text.toString();
    }
}
