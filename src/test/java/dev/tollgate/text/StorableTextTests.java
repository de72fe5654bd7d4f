package dev.tollgate.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTests {

    @Test
    void anyUnicodeTextButNulAndHalvesOfSurrogatePairsCanBeStored() {
        assertThat(StorableText.flaw("Grüße, 東京 🚀 \t\n\u0001\u007f")).isEmpty();
        assertThat(StorableText.flaw("a\u0000b"))
                .hasValueSatisfying(flaw -> assertThat(flaw).contains("NUL"));
        assertThat(StorableText.flaw("a\ud83d"))
                .hasValueSatisfying(flaw -> assertThat(flaw).contains("\\ud83d"));
        assertThat(StorableText.flaw("\ude80b")).isPresent();
        assertThat(StorableText.isStorable("\ud83d\ude80")).isTrue();
    }

    @Test
    void scrubbingReplacesWhatCannotBeStoredAndKeepsWholePairs() {
        assertThat(StorableText.scrub("a\u0000b\ud800c🚀", 100)).isEqualTo("a\uFFFDb\uFFFDc🚀");
        assertThat(StorableText.scrub("ab🚀", 3))
                .as("a pair that does not fit whole is left out, never cut in half")
                .isEqualTo("ab");
    }

    @Test
    void fittingCutsLongTextToTheLimitWithAnEllipsis() {
        assertThat(StorableText.fit("x".repeat(10), 10)).isEqualTo("x".repeat(10));
        assertThat(StorableText.fit("x".repeat(11), 10)).isEqualTo("xxxxxxx...").hasSize(10);
        assertThat(StorableText.fit("\u0000", 10)).isEqualTo("\uFFFD");
    }
}
