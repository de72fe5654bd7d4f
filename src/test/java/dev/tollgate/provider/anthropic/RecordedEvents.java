package dev.tollgate.provider.anthropic;

import java.util.List;

/**
 * Anthropic stream events in the shapes its Messages streaming documentation records: every event an {@code event:}
 * line named after the JSON {@code type}, then one {@code data:} line.
 */
final class RecordedEvents {

    private RecordedEvents() {}

    static String event(String data) {
        String type = data.replaceFirst("^\\{\\s*\"type\"\\s*:\\s*\"([a-z_]+)\".*$", "$1");
        return "event: " + type + "\ndata: " + data;
    }

    static String messageStart(String usage) {
        return event("{\"type\": \"message_start\", \"message\": {\"id\": \"msg_1nZdL29xx5MUA1yADyHTEsnR8uuvGzszyY\","
                + " \"type\": \"message\", \"role\": \"assistant\", \"content\": [], \"model\": \"claude-sonnet-4-5\","
                + " \"stop_reason\": null, \"stop_sequence\": null, \"usage\": " + usage + "}}");
    }

    static String textStart(int index) {
        return event("{\"type\": \"content_block_start\", \"index\": " + index
                + ", \"content_block\": {\"type\": \"text\", \"text\": \"\"}}");
    }

    static String textDelta(int index, String text) {
        return event("{\"type\": \"content_block_delta\", \"index\": " + index
                + ", \"delta\": {\"type\": \"text_delta\", \"text\": \"" + text + "\"}}");
    }

    static String toolUseStart(int index, String id, String name) {
        return event("{\"type\": \"content_block_start\", \"index\": " + index
                + ", \"content_block\": {\"type\": \"tool_use\", \"id\": \"" + id + "\", \"name\": \"" + name
                + "\", \"input\": {}}}");
    }

    /** {@code partialJson} as JSON string content, i.e. with its quotes already escaped. */
    static String inputJsonDelta(int index, String partialJson) {
        return event("{\"type\": \"content_block_delta\", \"index\": " + index
                + ", \"delta\": {\"type\": \"input_json_delta\", \"partial_json\": \"" + partialJson + "\"}}");
    }

    static String blockStop(int index) {
        return event("{\"type\": \"content_block_stop\", \"index\": " + index + "}");
    }

    static String messageDelta(String stopReason, String stopSequenceJson, String usage) {
        return event("{\"type\": \"message_delta\", \"delta\": {\"stop_reason\": \"" + stopReason
                + "\", \"stop_sequence\": " + stopSequenceJson + "}, \"usage\": " + usage + "}");
    }

    static String messageStop() {
        return event("{\"type\": \"message_stop\"}");
    }

    static String ping() {
        return event("{\"type\": \"ping\"}");
    }

    static String error(String type, String message) {
        return event(
                "{\"type\": \"error\", \"error\": {\"type\": \"" + type + "\", \"message\": \"" + message + "\"}}");
    }

    /** The documentation's basic request: "Hello!" in two deltas, 25 input and 15 output tokens. */
    static List<String> hello() {
        return List.of(
                messageStart("{\"input_tokens\": 25, \"output_tokens\": 1}"),
                textStart(0),
                ping(),
                textDelta(0, "Hello"),
                textDelta(0, "!"),
                blockStop(0),
                messageDelta("end_turn", "null", "{\"output_tokens\": 15}"),
                messageStop());
    }

    /** The documentation's tool use example: a text block, then a get_weather call streamed as JSON fragments. */
    static List<String> weatherToolUse() {
        return List.of(
                messageStart("{\"input_tokens\": 472, \"output_tokens\": 2}"),
                textStart(0),
                textDelta(0, "Okay"),
                ping(),
                textDelta(0, ", let's check the weather for San Francisco, CA:"),
                blockStop(0),
                toolUseStart(1, "toolu_01T1x1fJ34qAmk2tNTrN7Up6", "get_weather"),
                inputJsonDelta(1, ""),
                inputJsonDelta(1, "{\\\"location\\\":"),
                inputJsonDelta(1, " \\\"San"),
                inputJsonDelta(1, " Francisc"),
                inputJsonDelta(1, "o,"),
                inputJsonDelta(1, " CA\\\"}"),
                blockStop(1),
                messageDelta("tool_use", "null", "{\"output_tokens\": 89}"),
                messageStop());
    }

    /** The documentation's extended thinking example: thinking and signature deltas before the answer's text. */
    static List<String> thinkingThenText() {
        return List.of(
                messageStart("{\"input_tokens\": 85, \"output_tokens\": 1}"),
                event("{\"type\": \"content_block_start\", \"index\": 0, \"content_block\": {\"type\": \"thinking\","
                        + " \"thinking\": \"\", \"signature\": \"\"}}"),
                event("{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"thinking_delta\","
                        + " \"thinking\": \"I need to find the GCD of 1071 and 462.\"}}"),
                event("{\"type\": \"content_block_delta\", \"index\": 0, \"delta\": {\"type\": \"signature_delta\","
                        + " \"signature\": \"EqQBCgIYAhIM1gbcDa9GJwZA2b3hGgxBdjrkzLoky3dl1pkiMOYds\"}}"),
                blockStop(0),
                textStart(1),
                textDelta(1, "The greatest common divisor of 1071 and 462 is **21**."),
                blockStop(1),
                messageDelta("end_turn", "null", "{\"output_tokens\": 210}"),
                messageStop());
    }
}
