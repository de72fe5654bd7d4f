package dev.tollgate.gateway.responses;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Input items as {@code input_items} lists them. Items are stored as the caller sent them, mostly without ids (which
 * must not be invented for the upstream); listing gives each one, derived from the response id and the item's place,
 * so the same item always shows the same id and can be a paging cursor. A message's string content is shown as the
 * parts it stands for, as OpenAI lists it.
 */
final class InputItemIds {

    private InputItemIds() {}

    static ObjectNode listed(String responseId, int index, ObjectNode item) {
        ObjectNode shown = item.deepCopy();
        String type = item.path("type").asString("message");
        if (!item.path("id").isString()) {
            shown.put("id", prefix(type) + digest(responseId + ":" + index));
        }
        if (!item.has("type")) {
            shown.put("type", "message");
        }
        if ("message".equals(type) && item.path("content").isString()) {
            String partType = "assistant".equals(item.path("role").asString("")) ? "output_text" : "input_text";
            ObjectNode part = JsonNodeFactory.instance
                    .objectNode()
                    .put("type", partType)
                    .put("text", item.path("content").asString());
            shown.putArray("content").add(part);
        }
        if ("message".equals(type) && !item.has("status")) {
            shown.put("status", "completed");
        }
        return shown;
    }

    static String id(JsonNode listed) {
        return listed.path("id").asString("");
    }

    private static String prefix(String type) {
        return switch (type) {
            case "message" -> "msg_";
            case "function_call" -> "fc_";
            case "function_call_output" -> "fco_";
            case "reasoning" -> "rs_";
            default -> "item_";
        };
    }

    private static String digest(String seed) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 24);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
