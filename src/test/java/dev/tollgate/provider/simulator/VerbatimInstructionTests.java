package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VerbatimInstructionTests {

    @Test
    void findsTheInstructionAfterOtherSentences() {
        assertThat(VerbatimInstruction.in("This is a connectivity check. Reply with only OK."))
                .contains("OK");
        assertThat(VerbatimInstruction.in("Warm-up first.\nNow say exactly: ready"))
                .contains("ready");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Can you answer only in French?",
                "Say exactly what you think about the new release and why it matters to you.",
                "How do I print just the first line of a file?"
            })
    void ordinaryQuestionsDictateNothing(String prompt) {
        assertThat(VerbatimInstruction.in(prompt)).isEmpty();
    }
}
