package dev.tollgate.provider.simulator;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Writes what the simulated model thinks before it answers: a few sentences that weigh the latest user message's
 * topics and say what the reply will do (call a tool, answer a tool's result, or explain). Every choice comes from the
 * given generator, so the same prompt always gets the same thinking.
 */
final class ThoughtWriter {

    private static final List<String> OPENINGS = List.of(
            "The user is asking about {a}.",
            "This question is about {a}, and {b} comes into it too.",
            "Let me work out what matters about {a} here.",
            "So the topic is {a}; I should be careful about {b}.");

    private static final List<String> STEPS = List.of(
            "First I should recall what {a} means in this context.",
            "Then I can relate {a} to {b} and check that the two fit together.",
            "A concrete example of {a} would make the point clearer.",
            "I should not confuse {a} with {b}; they differ in a way that matters.",
            "It is worth checking whether {b} changes the answer at all.",
            "The simplest explanation of {a} is probably the right place to start.");

    private static final List<String> GENERIC_TOPICS = List.of("this request", "the details", "the context");

    private ThoughtWriter() {}

    static String write(Reply reply, Keywords keywords, RandomGenerator random) {
        List<String> topics = keywords.topics().isEmpty() ? GENERIC_TOPICS : keywords.topics();
        String a = topics.getFirst();
        String b = topics.size() > 1 ? topics.get(1) : GENERIC_TOPICS.get(1);
        StringBuilder thought = new StringBuilder(fill(pick(OPENINGS, random), a, b));
        int steps = 2 + random.nextInt(3);
        for (int i = 0; i < steps; i++) {
            thought.append(' ').append(fill(pick(STEPS, random), a, b));
        }
        thought.append(' ')
                .append(
                        switch (reply) {
                            case Reply.ToolCall call ->
                                "I need more information, so I will call " + call.name() + " first.";
                            case Reply.Text _ -> "That is enough to write a clear answer about " + a + ".";
                        });
        return thought.toString();
    }

    private static String pick(List<String> options, RandomGenerator random) {
        return options.get(random.nextInt(options.size()));
    }

    private static String fill(String template, String a, String b) {
        return template.replace("{a}", a).replace("{b}", b);
    }
}
