package dev.tollgate.gateway.responses;

import static dev.tollgate.gateway.wire.RequestFields.invalid;

import dev.tollgate.account.TeamId;
import dev.tollgate.responses.ResponseStore;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Replaces input items that refer to an earlier output by id ({@code {"type":"item_reference","id":…}}, the type may be
 * left out) with the item itself, taken from the team's stored responses. The AI SDK sends its earlier tool calls and
 * reasoning this way when responses are stored. What follows sees only whole items, and an upstream never sees ids
 * it did not make.
 */
final class ItemReferences {

    /** More references than any conversation that fits a context window holds; bounds one request's lookup. */
    static final int MAX_REFERENCES = 2_000;

    private final ResponseStore store;

    ItemReferences(ResponseStore store) {
        this.store = store;
    }

    /** The body with its references resolved, or the same body when it has none. */
    JsonNode resolve(TeamId team, JsonNode body) {
        if (!(body.get("input") instanceof ArrayNode input)) {
            return body;
        }
        Map<Integer, String> references = new LinkedHashMap<>();
        for (int i = 0; i < input.size(); i++) {
            if (input.get(i) instanceof ObjectNode item && isReference(item)) {
                JsonNode id = item.get("id");
                if (id == null || !id.isString() || id.stringValue().isEmpty()) {
                    throw invalid("input[" + i + "].id must name the item referred to.", "input[" + i + "].id");
                }
                references.put(i, id.stringValue());
            }
        }
        if (references.isEmpty()) {
            return body;
        }
        if (references.size() > MAX_REFERENCES) {
            throw invalid(
                    "input may refer to at most " + MAX_REFERENCES + " items; it refers to " + references.size() + ".",
                    "input");
        }
        Map<String, ObjectNode> items = store.outputItems(team, references.values());
        ObjectNode resolved = (ObjectNode) body.deepCopy();
        ArrayNode resolvedInput = (ArrayNode) resolved.get("input");
        references.forEach((index, id) -> {
            ObjectNode item = items.get(id);
            if (item == null) {
                throw invalid(
                        "input[" + index + "].id: item with id '" + id + "' not found among this team's stored"
                                + " responses.",
                        "input[" + index + "].id");
            }
            resolvedInput.set(index, item.deepCopy());
        });
        return resolved;
    }

    private static boolean isReference(ObjectNode item) {
        JsonNode type = item.get("type");
        if (type == null || type.isNull()) {
            // a typeless item is a message when it has a role, otherwise a reference
            return !item.has("role") && item.has("id");
        }
        return "item_reference".equals(type.asString());
    }
}
