package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ToolResultPart;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers a conversation that ends with tool results by reporting what the tools returned: the fields of a JSON object,
 * or the start of any other content, so the caller sees its tool output reflected in the reply. However many results
 * there are and however long, the answer grows only as long as the reply may be.
 */
final class ToolResultAnswer {

    private static final int MOST_FACTS = 5;
    private static final int EXCERPT_CHARACTERS = 200;

    /** Longer content is not parsed as JSON (its tree would take many times its size) but quoted from. */
    private static final int LONGEST_PARSED = 1_000_000;

    private static final List<String> LEADS = List.of(
            "Here is what {tool} returned: {facts}.",
            "According to {tool}, {facts}.",
            "The {tool} result shows {facts}.");

    private static final List<String> FOLLOW_UPS = List.of(
            "That should answer your question about {topic}.",
            "Based on this, {topic} looks straightforward now.",
            "Let me know if you want me to look into {topic} further.");

    private ToolResultAnswer() {}

    /** The answer, or its first {@code longestText} characters and a little more where it would be longer. */
    static String write(
            Conversation conversation,
            List<ToolResultPart> results,
            Keywords keywords,
            RandomGenerator random,
            int longestText) {
        Map<String, String> toolNames = conversation.toolNames();
        StringBuilder answer = new StringBuilder();
        for (ToolResultPart result : results) {
            if (answer.length() >= longestText) {
                return answer.toString();
            }
            String tool = toolNames.getOrDefault(result.toolCallId(), "the tool");
            sentence(answer);
            if (result.isError()) {
                answer.append("The call to ")
                        .append(tool)
                        .append(" failed with: ")
                        .append(excerpt(result.content()))
                        .append(". I can try again with different arguments if you like.");
            } else {
                answer.append(pick(LEADS, random).replace("{tool}", tool).replace("{facts}", facts(result.content())));
            }
        }
        if (!keywords.topics().isEmpty()) {
            sentence(answer);
            answer.append(pick(FOLLOW_UPS, random)
                    .replace("{topic}", keywords.topics().getFirst()));
        }
        return answer.toString();
    }

    private static void sentence(StringBuilder answer) {
        if (!answer.isEmpty()) {
            answer.append(' ');
        }
    }

    /** The scalar fields of a JSON object as "name value" pairs; anything else as an excerpt of the text. */
    private static String facts(String content) {
        if (content.length() > LONGEST_PARSED) {
            return excerpt(content);
        }
        JsonNode json;
        try {
            json = JsonMapper.shared().readTree(content);
        } catch (JacksonException notJson) {
            return excerpt(content);
        }
        if (!json.isObject()) {
            return excerpt(content);
        }
        List<String> facts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : json.properties()) {
            if (field.getValue().isValueNode() && facts.size() < MOST_FACTS) {
                facts.add(shortened(field.getKey() + " " + field.getValue().asString()));
            }
        }
        return facts.isEmpty() ? excerpt(content) : String.join(", ", facts);
    }

    private static String excerpt(String content) {
        return shortened(FlatText.start(content, EXCERPT_CHARACTERS + 1));
    }

    private static String shortened(String text) {
        if (text.length() <= EXCERPT_CHARACTERS) {
            return text;
        }
        int cut = EXCERPT_CHARACTERS;
        if (Character.isHighSurrogate(text.charAt(cut - 1))) {
            cut--;
        }
        return text.substring(0, cut) + "...";
    }

    private static String pick(List<String> choices, RandomGenerator random) {
        return choices.get(random.nextInt(choices.size()));
    }
}
