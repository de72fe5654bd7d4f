package dev.tollgate.provider.simulator.image;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The words of a prompt that become motifs: letters and digits, three or more of them. */
final class Words {

    private Words() {}

    static List<String> of(String prompt) {
        return Arrays.stream(prompt.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
                .filter(word -> word.length() >= 3)
                .toList();
    }
}
