package dev.tollgate.fuzz;

import dev.tollgate.fuzz.JsonEndpoints.JsonEndpoint;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Mutations of each endpoint's valid body: every field given values of every other type and of absurd size, the body
 * broken as JSON, as UTF-8 and as a content type. Deterministic, so a failing case has the same name on every run.
 */
final class JsonMutations {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Fields chat callers send that the valid bodies leave out; each gets the same treatment. */
    private static final List<String> CHAT_FIELDS = List.of("tools", "tool_choice", "n", "stream_options", "metadata");

    private JsonMutations() {}

    static List<FuzzCase> of(JsonEndpoint endpoint) {
        List<FuzzCase> cases = new ArrayList<>();
        cases.addAll(fieldValues(endpoint));
        cases.addAll(nestedValues(endpoint));
        cases.addAll(brokenJson(endpoint));
        cases.addAll(brokenBytes(endpoint));
        cases.addAll(contentTypes(endpoint));
        return cases;
    }

    /** Values of the wrong type or an absurd size, one field at a time. */
    private static List<FuzzCase> fieldValues(JsonEndpoint endpoint) {
        ObjectNode template = endpoint.template();
        Set<String> fields = new LinkedHashSet<>(template.propertyNames());
        if (endpoint.chat()) {
            fields.addAll(CHAT_FIELDS);
        }
        List<FuzzCase> cases = new ArrayList<>();
        for (String field : fields) {
            for (Map.Entry<String, JsonNode> value : palette().entrySet()) {
                ObjectNode body = template.deepCopy();
                body.set(field, value.getValue().deepCopy());
                cases.add(FuzzCase.json(
                        endpoint.name() + ": " + field + " = " + value.getKey(),
                        endpoint.target(),
                        endpoint.headers(),
                        body.toString()));
            }
            ObjectNode without = template.deepCopy();
            without.remove(field);
            cases.add(FuzzCase.json(
                    endpoint.name() + ": without " + field, endpoint.target(), endpoint.headers(), without.toString()));
        }
        return cases;
    }

    /** The same one level down: inside the first message, or each value of an object field. */
    private static List<FuzzCase> nestedValues(JsonEndpoint endpoint) {
        ObjectNode template = endpoint.template();
        List<FuzzCase> cases = new ArrayList<>();
        if (endpoint.chat()) {
            for (String field : List.of("role", "content", "tool_calls", "tool_call_id", "name")) {
                for (Map.Entry<String, JsonNode> value : nestedPalette().entrySet()) {
                    ObjectNode body = template.deepCopy();
                    ArrayNode messages = (ArrayNode) body.get("messages");
                    ((ObjectNode) messages.get(messages.size() - 1))
                            .set(field, value.getValue().deepCopy());
                    cases.add(FuzzCase.json(
                            endpoint.name() + ": messages[last]." + field + " = " + value.getKey(),
                            endpoint.target(),
                            endpoint.headers(),
                            body.toString()));
                }
            }
            for (int count : new int[] {0, 5_000}) {
                ObjectNode body = template.deepCopy();
                ArrayNode messages = body.putArray("messages");
                for (int i = 0; i < count; i++) {
                    messages.addObject()
                            .put("role", i % 2 == 0 ? "user" : "assistant")
                            .put("content", "turn " + i);
                }
                cases.add(FuzzCase.json(
                        endpoint.name() + ": " + count + " messages",
                        endpoint.target(),
                        endpoint.headers(),
                        body.toString()));
            }
        }
        return cases;
    }

    /** Bodies that are not JSON, or not the JSON object every endpoint takes. */
    private static List<FuzzCase> brokenJson(JsonEndpoint endpoint) {
        String valid = endpoint.template().toString();
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("empty body", "");
        bodies.put("null", "null");
        bodies.put("an array", "[" + valid + "]");
        bodies.put("a number", "42");
        bodies.put("a string", "\"hello\"");
        bodies.put("cut after one brace", "{");
        bodies.put("cut in the middle", valid.substring(0, valid.length() / 2));
        bodies.put("cut before the last brace", valid.substring(0, valid.length() - 1));
        bodies.put("trailing garbage", valid + "}]garbage");
        bodies.put("two objects", valid + valid);
        bodies.put("single quotes", valid.replace('"', '\''));
        bodies.put("a comment", "/* hi */" + valid);
        bodies.put("NaN", valid.substring(0, valid.length() - 1) + ",\"temperature\":NaN}");
        bodies.put("duplicate model", "{\"model\":1," + valid.substring(1));
        bodies.put("byte order mark", "\uFEFF" + valid);
        bodies.put("10,000 nested arrays", "[".repeat(10_000) + "]".repeat(10_000));
        bodies.put(
                "10,000 nested objects in a field",
                valid.substring(0, valid.length() - 1) + ",\"x\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000)
                        + "}");
        bodies.put("a 2 MB key", valid.substring(0, valid.length() - 1) + ",\"" + "k".repeat(2_000_000) + "\":1}");
        bodies.put(
                "a number of 100,000 digits",
                valid.substring(0, valid.length() - 1) + ",\"n\":" + "9".repeat(100_000) + "}");
        List<FuzzCase> cases = new ArrayList<>();
        bodies.forEach((what, body) ->
                cases.add(FuzzCase.json(endpoint.name() + ": " + what, endpoint.target(), endpoint.headers(), body)));
        return cases;
    }

    /** UTF-8 that is not: bytes no encoder writes, inside a string of the valid body. */
    private static List<FuzzCase> brokenBytes(JsonEndpoint endpoint) {
        byte[] valid = endpoint.template().toString().getBytes(StandardCharsets.UTF_8);
        int quote = indexOfSecondStringValue(valid);
        Map<String, byte[]> inserts = new LinkedHashMap<>();
        inserts.put("a lone continuation byte", new byte[] {(byte) 0x80});
        inserts.put("a cut two-byte sequence", new byte[] {(byte) 0xC3});
        inserts.put("an overlong slash", new byte[] {(byte) 0xC0, (byte) 0xAF});
        inserts.put("an encoded surrogate", new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        inserts.put("0xFF", new byte[] {(byte) 0xFF, (byte) 0xFE});
        inserts.put("a raw NUL", new byte[] {0});
        inserts.put("a raw newline and tab", new byte[] {'\n', '\t', '\r'});
        List<FuzzCase> cases = new ArrayList<>();
        inserts.forEach((what, bytes) -> {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            body.write(valid, 0, quote);
            body.writeBytes(bytes);
            body.write(valid, quote, valid.length - quote);
            Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
            headers.put("Content-Type", "application/json");
            cases.add(FuzzCase.of(
                    endpoint.name() + ": " + what + " in a string",
                    "POST",
                    endpoint.target(),
                    headers,
                    body.toByteArray()));
        });
        return cases;
    }

    /** The valid body under content types the endpoint does not take, or none. */
    private static List<FuzzCase> contentTypes(JsonEndpoint endpoint) {
        byte[] valid = endpoint.template().toString().getBytes(StandardCharsets.UTF_8);
        List<FuzzCase> cases = new ArrayList<>();
        for (String type : List.of(
                "text/plain",
                "application/xml",
                "application/x-www-form-urlencoded",
                "multipart/form-data",
                "multipart/form-data; boundary=",
                "application/json; charset=utf-16",
                "application/json; charset=nonsense",
                "*/*",
                "")) {
            Map<String, String> headers = new LinkedHashMap<>(endpoint.headers());
            if (!type.isEmpty()) {
                headers.put("Content-Type", type);
            }
            cases.add(FuzzCase.of(
                    endpoint.name() + ": content type '" + type + "'", "POST", endpoint.target(), headers, valid));
        }
        return cases;
    }

    /** What every field is tried with. */
    private static Map<String, JsonNode> palette() {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("null", NODES.nullNode());
        values.put("true", NODES.booleanNode(true));
        values.put("-1", NODES.numberNode(-1));
        values.put("2^63", NODES.numberNode(new BigInteger("9223372036854775808")));
        values.put("1e309", NODES.numberNode(new BigDecimal("1e309")));
        values.put("''", NODES.stringNode(""));
        values.put("NUL", NODES.stringNode("a\u0000b"));
        values.put("lone surrogate", NODES.stringNode("a\ud800b"));
        values.put("100k chars", NODES.stringNode("ü".repeat(100_000)));
        values.put("[]", NODES.arrayNode());
        values.put("{}", NODES.objectNode());
        values.put("deep array", nested(200));
        return values;
    }

    private static Map<String, JsonNode> nestedPalette() {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("null", NODES.nullNode());
        values.put("7", NODES.numberNode(7));
        values.put("'unknown'", NODES.stringNode("unknown"));
        values.put("NUL", NODES.stringNode("\u0000"));
        values.put("[]", NODES.arrayNode());
        values.put("[{}]", NODES.arrayNode().addObject());
        values.put("a part of unknown type", NODES.arrayNode().addObject().put("type", "hologram"));
        values.put(
                "an image part with a loopback URL",
                NODES.arrayNode()
                        .add(NODES.objectNode()
                                .put("type", "image_url")
                                .set("image_url", NODES.objectNode().put("url", "http://127.0.0.1:1/x.png"))));
        values.put(
                "an image block with bad base64",
                NODES.arrayNode()
                        .add(NODES.objectNode()
                                .put("type", "image")
                                .set(
                                        "source",
                                        NODES.objectNode()
                                                .put("type", "base64")
                                                .put("media_type", "image/png")
                                                .put("data", "%%%not base64%%%"))));
        values.put("{}", NODES.objectNode());
        return values;
    }

    private static JsonNode nested(int depth) {
        ArrayNode root = NODES.arrayNode();
        ArrayNode current = root;
        for (int i = 0; i < depth; i++) {
            current = current.addArray();
        }
        return root;
    }

    /** Just after the opening quote of the body's first string value, where inserted bytes land inside a string. */
    private static int indexOfSecondStringValue(byte[] body) {
        int colon = -1;
        for (int i = 0; i < body.length; i++) {
            if (body[i] == ':' && colon < 0) {
                colon = i;
            }
            if (colon >= 0 && body[i] == '"') {
                return i + 1;
            }
        }
        return body.length / 2;
    }
}
