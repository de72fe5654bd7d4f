package dev.tollgate.provider.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.api.Encoding;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class O200kPiecesTests {

    private static final Encoding ENCODER = JtokkitTokenCounterTests.ENCODER;

    /** The encoder's own pre-tokeniser, which the hand-written one must match piece for piece. */
    private static final Pattern REGEX = patternOf(ENCODER);

    private static final List<String> WORDS = List.of(
            "the", "of", "and", "report", "quarterly", "naïve", "café", "über", "straße", "x", "I", "a", "don", "they");

    private static final List<String> CONTRACTIONS = List.of(
            "'s", "'t", "'re", "'ve", "'m", "'ll", "'d", "'S", "'LL", "'Re", "'vE", "'ſ", "'x", "'", "''", "'l");

    private static final List<String> DIGITS = List.of("0", "1", "7", "9", "٣", "３", "Ⅻ", "½", "²", "१");

    private static final List<String> PUNCTUATION = List.of(
            ".", ",", ";", ":", "!", "?", "-", "_", "(", ")", "[", "{", "\"", "'", "`", "/", "\\", "@", "#", "$", "%",
            "&", "*", "+", "=", "|", "<", "~", "…", "—", "«", "’", "∑", "€", "©", "\u200B", "\uFEFF", "\u001C");

    private static final List<String> SPACES = List.of(
            " ", " ", " ", "\t", "\n", "\r", "\r\n", "\u000B", "\u000C", "\u0085", "\u00A0", "\u1680", "\u2003",
            "\u2028", "\u2029", "\u202F", "\u3000", "\u180E");

    private static final List<String> OTHERS = List.of(
            "東京",
            "日本語",
            "ー",
            "ไทย",
            "العربية",
            "עברית",
            "हिन्दी",
            "क\u093F",
            "\u0903",
            "\u0301",
            "\u0308",
            "\u20DD",
            "ǅ",
            "ǈ",
            "ʰ",
            "ˢ",
            "Ⅻ",
            "🎉",
            "🧑\u200D🚀",
            "👍🏽",
            "🇩🇪",
            "𝐀𝐛",
            "𠀋",
            "ſ",
            "İ",
            "ı",
            "\u212A",
            "\uD800",
            "\uDC00",
            "\uDBFF",
            "ß",
            "Σ",
            "ς");

    @Test
    void piecesOfGeneratedTextsAreTheEncodersPieces() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int sample = 0; sample < 20_000; sample++) {
            String text = generated(random, 1 + random.nextInt(30));

            assertThat(pieces(text)).as("pieces of %s", codePoints(text)).isEqualTo(regexPieces(text));
        }
    }

    @Test
    void generatedTextsCountAsTheEncoderCountsThem() {
        SplittableRandom random = new SplittableRandom(4711);
        PieceCounts counts = new PieceCounts(ENCODER);
        for (int sample = 0; sample < 3_000; sample++) {
            String text = generated(random, 1 + random.nextInt(60));

            assertThat(counts.count(text, 0, text.length()))
                    .as("tokens of %s", codePoints(text))
                    .isEqualTo(ENCODER.countTokensOrdinary(text));
            assertThat(String.join("", pieces(text))).isEqualTo(text);
        }
    }

    /**
     * Every character of the Basic Multilingual Plane, and beyond it those where the general category changes (the
     * only property the pattern asks of them), in each place the pattern treats differently.
     */
    @Test
    void everyKindOfCharacterIsReadAsTheEncoderReadsIt() {
        int previousType = -1;
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            int type = Character.getType(codePoint);
            boolean changes = type != previousType;
            previousType = type;
            if (codePoint > 0xFFFF && !changes) {
                continue;
            }
            String c = Character.toString(codePoint);
            String text = c + "a" + c + "Ab'" + c + "e " + c + "1" + c + "\n" + c + c + " !" + c + "  " + c + "'" + c;

            List<String> pieces = pieces(text);

            if (!pieces.equals(regexPieces(text))) {
                assertThat(pieces).as("pieces of %s", codePoints(text)).isEqualTo(regexPieces(text));
            }
        }
    }

    @Test
    void aLongProsePromptCountsAsTheEncoderCountsIt() {
        String text = Texts.words(450_000);

        assertThat(new PieceCounts(ENCODER).count(text, 0, text.length())).isEqualTo(ENCODER.countTokensOrdinary(text));
        assertThat(JtokkitTokenCounterTests.COUNTER.countText(text)).isEqualTo(ENCODER.countTokensOrdinary(text));
    }

    @Test
    void aTextIsPiecedAsIfItEndedWhereTheReadingStops() {
        String text = "He said they'll come   \n\n  tomorrow";

        for (int end = 1; end <= text.length(); end++) {
            List<String> pieces = new ArrayList<>();
            for (int i = 0; i < end; ) {
                int next = O200kPieces.pieceEnd(text, i, end);
                pieces.add(text.substring(i, next));
                i = next;
            }
            assertThat(pieces).isEqualTo(regexPieces(text.substring(0, end)));
        }
    }

    /** Texts mixing the kinds of characters the pre-tokeniser tells apart, in runs as prompts hold them. */
    private static String generated(SplittableRandom random, int fragments) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < fragments; i++) {
            switch (random.nextInt(12)) {
                case 0 -> text.append(word(random));
                case 1 -> text.append(capitalised(word(random)));
                case 2 -> text.append(word(random)).append(capitalised(word(random)));
                case 3 -> text.append(word(random).toUpperCase(Locale.ROOT));
                case 4 -> text.append(pick(random, CONTRACTIONS));
                case 5 -> text.append(repeat(random, DIGITS, 1 + random.nextInt(10)));
                case 6 -> text.append(repeat(random, PUNCTUATION, 1 + random.nextInt(5)));
                case 7, 8 -> text.append(repeat(random, SPACES, 1 + random.nextInt(4)));
                case 9 -> text.append(" ".repeat(1 + random.nextInt(5)));
                case 10 -> text.append(pick(random, OTHERS));
                default -> text.append(pick(random, OTHERS)).append(pick(random, WORDS));
            }
        }
        return text.toString();
    }

    private static String word(SplittableRandom random) {
        return pick(random, WORDS);
    }

    private static String capitalised(String word) {
        return word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1);
    }

    private static String repeat(SplittableRandom random, List<String> choices, int times) {
        StringBuilder run = new StringBuilder();
        for (int i = 0; i < times; i++) {
            run.append(pick(random, choices));
        }
        return run.toString();
    }

    private static String pick(SplittableRandom random, List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    private static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        for (int i = 0; i < text.length(); ) {
            int end = O200kPieces.pieceEnd(text, i, text.length());
            pieces.add(text.substring(i, end));
            i = end;
        }
        return pieces;
    }

    private static List<String> regexPieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher matcher = REGEX.matcher(text);
        while (matcher.find()) {
            pieces.add(matcher.group());
        }
        return pieces;
    }

    private static List<String> codePoints(String text) {
        return text.codePoints().mapToObj(Integer::toHexString).toList();
    }

    private static Pattern patternOf(Encoding encoding) {
        try {
            Field pattern = encoding.getClass().getDeclaredField("pattern");
            pattern.setAccessible(true);
            return (Pattern) pattern.get(encoding);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("The encoder keeps its pre-tokeniser elsewhere", e);
        }
    }
}
