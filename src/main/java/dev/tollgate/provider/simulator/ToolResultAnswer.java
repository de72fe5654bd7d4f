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
 * or the start of any other content, so the caller sees its tool output reflected in the reply.
 */
final class ToolResultAnswer {

    private static final int MOST_FACTS = 5;
    private static final int EXCERPT_CHARACTERS = 200;

    private static final List<String> LEADS = List.of(
            "Here is what {tool} returned: {facts}.",
            "According to {tool}, {facts}.",
            "The {tool} result shows {facts}.");

    private static final List<String> FOLLOW_UPS = List.of(
            "That should answer your question about {topic}.",
            "Based on this, {topic} looks straightforward now.",
            "Let me know if you want me to look into {topic} further.");

    private ToolResultAnswer() {}

    static String write(
            Conversation conversation, List<ToolResultPart> results, Keywords keywords, RandomGenerator random) {
        List<String> sentences = new ArrayList<>();
        for (ToolResultPart result : results) {
            String tool = conversation.toolNameOf(result.toolCallId()).orElse("the tool");
            if (result.isError()) {
                sentences.add("The call to " + tool + " failed with: " + excerpt(result.content())
                        + ". I can try again with different arguments if you like.");
            } else {
                sentences.add(pick(LEADS, random).replace("{tool}", tool).replace("{facts}", facts(result.content())));
            }
        }
        if (!keywords.topics().isEmpty()) {
            sentences.add(pick(FOLLOW_UPS, random)
                    .replace("{topic}", keywords.topics().getFirst()));
        }
        return String.join(" ", sentences);
    }

    /** The scalar fields of a JSON object as "name value" pairs; anything else as an excerpt of the text. */
    private static String facts(String content) {
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
                facts.add(field.getKey() + " " + field.getValue().asString());
            }
        }
        return facts.isEmpty() ? excerpt(content) : String.join(", ", facts);
    }

    private static String excerpt(String content) {
        String flat = content.strip().replaceAll("\\s+", " ");
        if (flat.length() <= EXCERPT_CHARACTERS) {
            return flat;
        }
        int cut = EXCERPT_CHARACTERS;
        if (Character.isHighSurrogate(flat.charAt(cut - 1))) {
            cut--;
        }
        return flat.substring(0, cut) + "...";
    }

    private static String pick(List<String> choices, RandomGenerator random) {
        return choices.get(random.nextInt(choices.size()));
    }
}
