package dev.tollgate.provider.simulator.video;

import java.awt.Color;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything a clip shows, decided from the prompt alone: its colour words set the palette, its salient words become
 * labelled shapes, and the SHA-256 of its text seeds every other choice, so a prompt always gives the same clip and
 * any change to it gives another.
 *
 * @param caption the prompt on one line
 */
record Storyboard(String caption, Palette palette, List<Motif> motifs, List<Mote> motes) {

    private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}'-]*");
    private static final Set<String> COMMON = Set.of(
            "the", "and", "with", "for", "from", "into", "onto", "over", "under", "through", "its", "his", "her",
            "their", "that", "this", "are", "was", "were", "has", "have", "very", "some", "who", "which", "while",
            "then", "than", "out", "off", "about", "above", "below", "near", "around", "across", "along", "behind",
            "beside", "video", "clip", "scene", "shot", "showing");
    private static final int MOST_MOTIFS = 6;
    private static final int FEWEST_MOTIFS = 3;
    private static final int MOTES = 60;

    static Storyboard of(String prompt) {
        byte[] digest = sha256(prompt);
        Random random = new Random(ByteBuffer.wrap(digest).getLong());
        List<String> words = salientWords(prompt);
        Palette palette = Palette.of(words, (digest[8] & 0xFF) / 256.0);
        List<Motif> motifs = new ArrayList<>();
        int count = Math.max(FEWEST_MOTIFS, Math.min(MOST_MOTIFS, words.size()));
        for (int i = 0; i < count; i++) {
            motifs.add(motif(i < words.size() ? words.get(i) : "", i, count, random));
        }
        List<Mote> motes = new ArrayList<>();
        for (int i = 0; i < MOTES; i++) {
            motes.add(new Mote(
                    random.nextDouble(),
                    random.nextDouble(),
                    0.002 + random.nextDouble() * 0.006,
                    (random.nextBoolean() ? 1 : -1) * (0.01 + random.nextDouble() * 0.04),
                    40 + random.nextInt(120)));
        }
        return new Storyboard(prompt.strip().replaceAll("\\s+", " "), palette, List.copyOf(motifs), List.copyOf(motes));
    }

    /** Words worth showing, in prompt order, each once; short and common words say little about the scene. */
    static List<String> salientWords(String prompt) {
        Set<String> words = new LinkedHashSet<>();
        Matcher matcher = WORD.matcher(prompt);
        while (matcher.find()) {
            String word = matcher.group().toLowerCase(Locale.ROOT);
            if (word.length() >= 3 && !COMMON.contains(word)) {
                words.add(word);
            }
        }
        return List.copyOf(words);
    }

    /**
     * The word fixes its shape and colour, so "fox" looks alike in every clip; its place in the prompt fixes its
     * column and whether it keeps to the upper or the lower band, so the shapes spread across the frame; the
     * prompt's seed moves it.
     */
    private static Motif motif(String word, int index, int count, Random random) {
        int wordHash = word.isEmpty() ? random.nextInt() : word.hashCode();
        MotifShape shape = MotifShape.values()[Math.floorMod(wordHash, MotifShape.values().length)];
        Color colour = ColourWords.colourOf(word)
                .orElseGet(() -> Color.getHSBColor(Math.floorMod(wordHash * 31, 360) / 360f, 0.6f, 0.95f));
        double column = (index + 0.5) / count;
        return new Motif(
                word,
                shape,
                colour,
                0.14 + random.nextDouble() * 0.1,
                column,
                (index % 2 == 0 ? 0.15 : 0.42) + random.nextDouble() * 0.2,
                (0.25 + random.nextDouble() * 0.25) / count,
                0.05 + random.nextDouble() * 0.07,
                0.5 + random.nextDouble() * 0.9,
                0.4 + random.nextDouble() * 0.9,
                random.nextDouble() * 2 * Math.PI,
                (random.nextBoolean() ? 1 : -1) * (0.3 + random.nextDouble() * 0.7));
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
