package dev.tollgate.provider.simulator.video;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Color;
import org.junit.jupiter.api.Test;

class StoryboardTests {

    @Test
    void salientWordsSkipShortAndCommonOnesAndRepeats() {
        assertThat(Storyboard.salientWords("A fox and a dog: the fox jumps over the lazy dog, in a video"))
                .containsExactly("fox", "dog", "jumps", "lazy");
    }

    @Test
    void eachSalientWordBecomesALabelledShape() {
        Storyboard storyboard = Storyboard.of("Lanterns drifting above a quiet harbour");

        assertThat(storyboard.motifs())
                .extracting(Motif::word)
                .containsExactly("lanterns", "drifting", "quiet", "harbour");
    }

    @Test
    void aPromptWithoutSalientWordsStillGetsShapes() {
        assertThat(Storyboard.of("a b c").motifs())
                .hasSize(3)
                .allMatch(motif -> motif.word().isEmpty());
    }

    @Test
    void theFirstColourWordSetsThePalette() {
        Color red = Storyboard.of("a red kite over green hills").palette().accent();
        Color blue = Storyboard.of("a blue kite over green hills").palette().accent();

        assertThat(red.getRed()).as("accent of a red kite").isGreaterThan(red.getBlue());
        assertThat(blue.getBlue()).as("accent of a blue kite").isGreaterThan(blue.getRed());
    }

    @Test
    void theSamePromptGivesTheSameStoryboardAndAnotherPromptAnother() {
        assertThat(Storyboard.of("a paper boat in the rain")).isEqualTo(Storyboard.of("a paper boat in the rain"));
        assertThat(Storyboard.of("a paper boat in the rain")).isNotEqualTo(Storyboard.of("a paper boat in the sun"));
    }

    @Test
    void theCaptionIsThePromptOnOneLine() {
        assertThat(Storyboard.of("  a paper boat\n\tin the rain ").caption()).isEqualTo("a paper boat in the rain");
    }
}
