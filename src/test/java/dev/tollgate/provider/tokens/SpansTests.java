package dev.tollgate.provider.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.Encoding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpansTests {

    private static final Encoding ENCODER = JtokkitTokenCounterTests.ENCODER;

    /** Characters of every kind the pre-tokeniser tells apart, and the ones its rules treat specially. */
    private static final List<String> ALPHABET = List.of(
            "a", "b", "e", "n", "Z", "Q", "é", "ß", "ǅ", "ʰ", "東", "語", "ไ", "\u0301", "\u0301", "\u0308", "\u0303",
            "\u20DD", "\u0903", "क", "र", "न", "\u093F", "\u093E", "\u094D", "\u0947", "0", "7", "Ⅻ", "½", "٣", "'",
            "’", "\"", ".", ",", "/", "-", "_", "(", "!", "?", "#", "🎉", "🧑", "\u200D", " ", " ", " ", "\t", "\n",
            "\r", "\u000B", "\u00A0", "\u2003", "\u0085", "\u001F", "\uD800", "\uDC00");

    private static final List<String> WORDS = List.of("s", "t", "re", "ve", "m", "ll", "d", "S", "LL", "don", "RE");

    @Test
    void textCutAtAnySafeCutTokenisesAsTheWhole() {
        SplittableRandom random = new SplittableRandom(42);
        for (int sample = 0; sample < 3_000; sample++) {
            String text = randomText(random, 2 + random.nextInt(40));
            List<Integer> whole = ENCODER.encodeOrdinary(text).boxed();

            for (int cut = 1; cut < text.length(); cut++) {
                if (Spans.isSafeCut(text, cut)) {
                    List<Integer> pieces = new ArrayList<>(
                            ENCODER.encodeOrdinary(text.substring(0, cut)).boxed());
                    pieces.addAll(ENCODER.encodeOrdinary(text.substring(cut)).boxed());
                    assertThat(pieces)
                            .as("cut at %d of %s", cut, codePoints(text))
                            .isEqualTo(whole);
                }
            }
        }
    }

    @Test
    void tokenisingSpanBySpanGivesTheCountOfTheWhole() {
        SplittableRandom random = new SplittableRandom(7);
        for (int sample = 0; sample < 300; sample++) {
            String text = randomText(random, 1 + random.nextInt(3_000));

            long bySpan = 0;
            Spans spans = new Spans(text, 1);
            while (spans.hasNext()) {
                Spans.Span span = spans.next();
                bySpan += ENCODER.countTokensOrdinary(text.substring(span.start(), span.end()));
            }

            assertThat(bySpan).as("span by span, %s", codePoints(text)).isEqualTo(ENCODER.countTokensOrdinary(text));
        }
    }

    @Test
    void stretchesAreMeasuredInBytes() {
        // with the space before it, as the pre-tokeniser takes a word
        String fits = "é".repeat((Spans.LONGEST_TOKENISED_RUN - 1) / 2);
        String tooLong = fits + "é";

        assertThat(all(new Spans("1 " + fits + " 2", 1 << 16)))
                .allSatisfy(span -> assertThat(span.tokenised()).isTrue());
        assertThat(all(new Spans("1 " + tooLong + " 2", 1 << 16)))
                .extracting(Spans.Span::tokenised)
                .containsExactly(true, false, true);
        String sample = "aé東🎉\uD800";
        assertThat(Spans.utf8Length(sample, 0, sample.length()))
                .as("an unpaired surrogate is one byte, as Java encodes it")
                .isEqualTo(sample.getBytes(StandardCharsets.UTF_8).length)
                .isEqualTo(1 + 2 + 3 + 4 + 1);
    }

    @Test
    void spansCoverTheTextInOrderAndMarkOnlyLongStretches() {
        String longWord = "w".repeat(Spans.LONGEST_TOKENISED_RUN + 1);
        String text = "Some words, then " + longWord + " and more words 12345 after.";

        List<Spans.Span> spans = all(new Spans(text, 4));

        int position = 0;
        for (Spans.Span span : spans) {
            assertThat(span.start()).isEqualTo(position);
            position = span.end();
        }
        assertThat(position).isEqualTo(text.length());
        assertThat(spans.stream().filter(span -> !span.tokenised()))
                .singleElement()
                .satisfies(span -> {
                    assertThat(text.substring(span.start(), span.end()))
                            .as("the word with the space before it, as the pre-tokeniser takes them")
                            .isEqualTo(" " + longWord);
                    assertThat(span.tokenised()).isFalse();
                });
        assertThat(all(new Spans("w".repeat(Spans.LONGEST_TOKENISED_RUN), 1 << 16)))
                .singleElement()
                .satisfies(span -> assertThat(span.tokenised()).isTrue());
    }

    @Test
    void ordinaryTextLongerThanTheTargetIsCutNearIt() {
        String text = Texts.prose(100_000);

        List<Spans.Span> spans = all(new Spans(text, 4_096));

        assertThat(spans).allSatisfy(span -> assertThat(span.tokenised()).isTrue());
        assertThat(spans.subList(0, spans.size() - 1))
                .allSatisfy(span ->
                        assertThat(span.end() - span.start()).isBetween(4_096, 4_096 + Spans.LONGEST_TOKENISED_RUN));
        assertThat(all(new Spans("Short text.", 4_096))).hasSize(1);
    }

    private static List<String> codePoints(String text) {
        return text.codePoints().mapToObj(Integer::toHexString).toList();
    }

    private static String randomText(SplittableRandom random, int pieces) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < pieces; i++) {
            if (random.nextInt(8) == 0) {
                text.append('\'').append(WORDS.get(random.nextInt(WORDS.size())));
            } else {
                text.append(ALPHABET.get(random.nextInt(ALPHABET.size())));
            }
        }
        return text.toString();
    }

    private static List<Spans.Span> all(Spans spans) {
        List<Spans.Span> all = new ArrayList<>();
        spans.forEachRemaining(all::add);
        return all;
    }
}
