package dev.tollgate.provider.bedrock;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkNumber;
import software.amazon.awssdk.core.document.Document;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON as the SDK's {@link Document}, which is how Converse carries tool schemas and tool-call arguments. */
final class JsonDocument {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private JsonDocument() {}

    static Document of(JsonNode node) {
        if (node.isObject()) {
            Map<String, Document> members = new LinkedHashMap<>();
            node.properties().forEach(entry -> members.put(entry.getKey(), of(entry.getValue())));
            return Document.fromMap(members);
        }
        if (node.isArray()) {
            List<Document> items = new ArrayList<>();
            node.forEach(item -> items.add(of(item)));
            return Document.fromList(items);
        }
        if (node.isString()) {
            return Document.fromString(node.stringValue());
        }
        if (node.isBoolean()) {
            return Document.fromBoolean(node.booleanValue());
        }
        if (node.isIntegralNumber()) {
            return Document.fromNumber(SdkNumber.fromBigInteger(node.bigIntegerValue()));
        }
        if (node.isNumber()) {
            return Document.fromNumber(SdkNumber.fromBigDecimal(node.decimalValue()));
        }
        return Document.fromNull();
    }

    /**
     * A tool call's arguments as the model once produced them. A call whose arguments never became valid JSON (a reply
     * cut off by its token cap) is echoed as an empty object: Converse refuses anything but a JSON value there.
     */
    static Document parseArguments(String argumentsJson) {
        if (argumentsJson.isBlank()) {
            return Document.fromMap(Map.of());
        }
        try {
            return of(JSON.readTree(argumentsJson));
        } catch (JacksonException e) {
            return Document.fromMap(Map.of());
        }
    }
}
