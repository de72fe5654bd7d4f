package dev.tollgate.provider.simulator;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The salient words of a prompt, which the simulated reply talks about: longer, repeated and capitalised words rank
 * first, common words and instructions ("explain", "please") not at all. Only ASCII words of up to
 * {@value #LONGEST_WORD} characters qualify, which keeps the generated prose ASCII and readable.
 *
 * @param topics the keywords, most salient first, each in the case it appears in mid-sentence
 * @param names the words only ever written capitalised mid-sentence (places, people, products), in prompt order
 */
record Keywords(List<String> topics, List<String> names) {

    private static final int MOST_TOPICS = 6;
    private static final int LONGEST_WORD = 40;

    private static final Pattern WORD = Pattern.compile("[A-Za-z][A-Za-z0-9'-]*[A-Za-z0-9]");

    /** Words too common, or too much about the asking, to be a topic. */
    private static final Set<String> COMMON = Set.of("""
            about above after again all also and any are because been before being below between both but can
            could did does doing down during each few for from further had has have having her here hers him
            his how into its just more most much must myself not now off once only other our ours out over own
            same she should some such than that the their them then there these they this those through too
            under until very was were what when where which while who whom why will with would you your yours
            yourself okay yes hello thanks thank please explain describe tell give write show help make list
            summarize summarise compare want need like know think get use using let may might way ways thing
            things something anything really well good best many one two three able doesn't don't can't isn't
            it's i'm what's how's let's work works briefly short simple simply tool call answer question reply
            say exactly word words sentence
            """.strip().split("\\s+"));

    static Keywords of(String text) {
        Map<String, Candidate> candidates = new LinkedHashMap<>();
        Matcher words = WORD.matcher(text);
        int position = 0;
        while (words.find()) {
            if (words.end() - words.start() > LONGEST_WORD) {
                continue;
            }
            String word = words.group();
            String key = word.toLowerCase(Locale.ROOT);
            if (key.length() < 3 || COMMON.contains(key) || key.chars().allMatch(Character::isDigit)) {
                continue;
            }
            boolean sentenceStart = startsSentence(text, words.start());
            Candidate candidate = candidates.computeIfAbsent(key, _ -> new Candidate());
            candidate.record(word, sentenceStart, position++);
        }
        List<Map.Entry<String, Candidate>> ranked = new ArrayList<>(candidates.entrySet());
        ranked.sort(Comparator.comparingInt((Map.Entry<String, Candidate> entry) ->
                        -entry.getValue().salience(entry.getKey()))
                .thenComparingInt(entry -> entry.getValue().firstPosition));
        List<String> topics = ranked.stream()
                .limit(MOST_TOPICS)
                .map(entry -> entry.getValue().spelling(entry.getKey()))
                .toList();
        List<String> names = candidates.values().stream()
                .filter(Candidate::isName)
                .map(candidate -> candidate.capitalised)
                .toList();
        return new Keywords(topics, names);
    }

    /** The {@code index}th topic, or the fallback when the prompt has fewer. */
    String topic(int index, String fallback) {
        return index < topics.size() ? topics.get(index) : fallback;
    }

    private static boolean startsSentence(String text, int index) {
        for (int i = index - 1; i >= 0; i--) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && c != '"' && c != '\'' && c != '(' && c != '*') {
                return c == '.' || c == '!' || c == '?' || c == ':' || c == '\n';
            }
            if (c == '\n') {
                return true;
            }
        }
        return true;
    }

    private static final class Candidate {

        private int count;
        private int firstPosition = -1;
        private boolean seenLowercase;
        private String capitalised = "";

        void record(String word, boolean sentenceStart, int position) {
            count++;
            if (firstPosition < 0) {
                firstPosition = position;
            }
            if (word.equals(word.toLowerCase(Locale.ROOT))) {
                seenLowercase = true;
            } else if (!sentenceStart && capitalised.isEmpty()) {
                capitalised = word;
            }
        }

        boolean isName() {
            return !seenLowercase && !capitalised.isEmpty();
        }

        /** Names keep their case; everything else is written in lower case. */
        String spelling(String lowercase) {
            return isName() ? capitalised : lowercase;
        }

        int salience(String lowercase) {
            int properNoun = isName() ? 3 : 0;
            return Math.min(lowercase.length(), 12) + 3 * Math.min(count - 1, 3) + properNoun;
        }
    }
}
