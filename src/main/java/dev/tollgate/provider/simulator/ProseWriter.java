package dev.tollgate.provider.simulator;

import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Writes the simulator's answers: a few sentences of plain English about the prompt's topics, in one or two
 * paragraphs, sometimes with a short list, between {@value #FEWEST_TOKENS} and {@value #MOST_TOKENS} tokens long. All
 * choices come from the given random generator, so a seeded generator gives the same answer every time.
 */
final class ProseWriter {

    static final int FEWEST_TOKENS = 40;
    static final int MOST_TOKENS = 160;

    private static final List<String> OPENINGS = List.of(
            "Good question about {a}.",
            "Here is a short overview of {a}.",
            "Let's look at {a} step by step.",
            "There is a lot to unpack about {a}.",
            "When it comes to {a}, a few points stand out.",
            "There are a couple of ways to think about {a}.");

    private static final List<String> SENTENCES = List.of(
            "The key idea is that {a} and {b} are closely connected.",
            "In practice, what matters most about {a} is how it relates to {b}.",
            "A common mistake is to treat {a} as something separate from {b}.",
            "It helps to start with {a} and then move on to {b}.",
            "Most explanations of {a} begin with the basic purpose and work outward from there.",
            "Keep in mind that {a} can behave quite differently depending on the context.",
            "One useful way to think about {a} is as a set of trade-offs rather than a single rule.",
            "Concrete examples make {a} much easier to reason about.",
            "The details of {a} often depend on {b}, so it is worth checking both.",
            "People who work with {a} every day usually focus on the fundamentals first.",
            "If you compare {a} with {b}, the differences become clearer.",
            "A small experiment with {a} will tell you more than a long description.");

    private static final List<String> LIST_POINTS = List.of(
            "start with the fundamentals",
            "look at how it interacts with {b}",
            "work through a concrete example",
            "watch out for edge cases",
            "compare a few alternatives before deciding",
            "write down what you expect to happen");

    private static final List<String> CLOSINGS = List.of(
            "I hope this gives you a clear starting point on {a}.",
            "Let me know if you would like more detail on {b}.",
            "If you share more about your goal, I can go deeper into {a}.",
            "Happy to expand on any of these points.");

    private static final List<String> GENERIC_TOPICS = List.of("this topic", "the details", "the wider context");

    private final JtokkitTokenCounter counter;

    ProseWriter(JtokkitTokenCounter counter) {
        this.counter = counter;
    }

    String write(Keywords keywords, boolean aboutImage, RandomGenerator random) {
        List<String> topics = topics(keywords, aboutImage);
        Draft draft = new Draft(random.nextInt(FEWEST_TOKENS + 10, MOST_TOKENS - 20));
        draft.sentence(fill(pick(OPENINGS, random), topics, 0, random));
        List<String> sentences = new ArrayList<>(SENTENCES);
        Collections.shuffle(sentences, random);
        boolean listed = topics.size() < 2 || random.nextInt(10) >= 3;
        int inParagraph = 1;
        for (String template : sentences) {
            if (draft.complete()) {
                break;
            }
            if (!listed && inParagraph >= 2) {
                listed = draft.block(list(topics, random));
                inParagraph = 0;
                continue;
            }
            if (inParagraph >= 2 + random.nextInt(2)) {
                draft.paragraphBreak();
                inParagraph = 0;
            }
            int lead = random.nextInt(topics.size());
            if (draft.sentence(fill(template, topics, lead, random))) {
                inParagraph++;
            }
        }
        if (random.nextInt(10) < 7) {
            draft.sentence(fill(pick(CLOSINGS, random), topics, 0, random));
        }
        return draft.text();
    }

    private static List<String> topics(Keywords keywords, boolean aboutImage) {
        List<String> topics = new ArrayList<>();
        if (aboutImage) {
            topics.add("the image you shared");
        }
        topics.addAll(keywords.topics());
        for (String generic : GENERIC_TOPICS) {
            if (topics.size() >= 2) {
                break;
            }
            topics.add(generic);
        }
        return topics;
    }

    private static String list(List<String> topics, RandomGenerator random) {
        StringBuilder list = new StringBuilder("A few things to keep in mind:\n");
        List<String> points = new ArrayList<>(LIST_POINTS);
        Collections.shuffle(points, random);
        int items = Math.min(topics.size(), 2 + random.nextInt(2));
        for (int i = 0; i < items; i++) {
            list.append("\n- **")
                    .append(capitalise(topics.get(i)))
                    .append("**: ")
                    .append(fill(points.get(i), topics, i, random))
                    .append('.');
        }
        return list.toString();
    }

    /** Replaces {a} with the lead topic and {b} with another one. */
    private static String fill(String template, List<String> topics, int lead, RandomGenerator random) {
        String a = topics.get(lead);
        int other = (lead + 1 + random.nextInt(topics.size() - 1)) % topics.size();
        String b = topics.get(other);
        return template.replace("{a}", a).replace("{b}", b);
    }

    private static String pick(List<String> choices, RandomGenerator random) {
        return choices.get(random.nextInt(choices.size()));
    }

    static String capitalise(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** The reply being written, which refuses additions that would make it longer than the upper bound. */
    private final class Draft {

        private final StringBuilder text = new StringBuilder();
        private final int targetTokens;
        private String separator = "";

        Draft(int targetTokens) {
            this.targetTokens = targetTokens;
        }

        boolean complete() {
            return counter.countText(text.toString()) >= targetTokens;
        }

        boolean sentence(String sentence) {
            return append(sentence);
        }

        boolean block(String block) {
            separator = "\n\n";
            boolean added = append(block);
            separator = "\n\n";
            return added;
        }

        void paragraphBreak() {
            if (!text.isEmpty()) {
                separator = "\n\n";
            }
        }

        private boolean append(String piece) {
            String candidate = text + separator + piece;
            if (!text.isEmpty() && counter.countText(candidate) > MOST_TOKENS) {
                return false;
            }
            text.setLength(0);
            text.append(candidate);
            separator = " ";
            return true;
        }

        String text() {
            return text.toString();
        }
    }
}
