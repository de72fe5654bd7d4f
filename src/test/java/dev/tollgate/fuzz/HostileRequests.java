package dev.tollgate.fuzz;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Hostile requests beyond bad JSON: tool schemas built to make generation explode, credentials that are not, paths
 * and heads a client library would refuse to send, bogus multipart, lying lengths and unexpected methods.
 */
final class HostileRequests {

    private static final String CHAT_MODEL = "aws/claude-haiku-4-5";

    private HostileRequests() {}

    static List<FuzzCase> all(String key, String masterKey, String team) {
        List<FuzzCase> cases = new ArrayList<>();
        cases.addAll(hostileSchemas(key));
        cases.addAll(credentials(key, masterKey));
        cases.addAll(paths(key, team));
        cases.addAll(multipart(key));
        cases.addAll(lengthsAndMethods(key, masterKey));
        return cases;
    }

    /** JSON Schemas that ask for huge, deep, cyclic or impossible arguments, forced on the model in both dialects. */
    private static List<FuzzCase> hostileSchemas(String key) {
        Map<String, String> schemas = new LinkedHashMap<>();
        schemas.put("300×300×300 integers", array(array(array("{\"type\":\"integer\"}", 300), 300), 300));
        schemas.put("a string of minLength 10^9", prop("{\"type\":\"string\",\"minLength\":1000000000}"));
        schemas.put("a string of minLength 300k", prop("{\"type\":\"string\",\"minLength\":300000}"));
        schemas.put("minItems 2^31-1", prop("{\"type\":\"array\",\"minItems\":2147483647}"));
        schemas.put("a $ref to itself", "{\"$ref\":\"#\"}");
        schemas.put(
                "a required property referring to the root",
                "{\"type\":\"object\",\"required\":[\"me\"],\"properties\":{\"me\":{\"$ref\":\"#\"}}}");
        schemas.put("a $ref cycle through definitions", """
                {"type":"object","required":["a"],"properties":{"a":{"$ref":"#/$defs/a"}},
                 "$defs":{"a":{"type":"object","required":["b"],"properties":{"b":{"$ref":"#/$defs/b"}}},
                          "b":{"type":"array","minItems":50,"items":{"$ref":"#/$defs/a"}}}}""");
        schemas.put("a $ref outside the document", "{\"$ref\":\"http://127.0.0.1:1/schema.json\"}");
        schemas.put("a $ref to nowhere", "{\"$ref\":\"#/definitions/missing/deeper\"}");
        schemas.put(
                "1,000 nested objects",
                "{\"type\":\"object\",\"properties\":{\"a\":".repeat(1_000) + "{\"type\":\"integer\"}"
                        + "}}".repeat(1_000));
        StringBuilder manyRequired = new StringBuilder("{\"type\":\"object\",\"properties\":{");
        for (int i = 0; i < 20_000; i++) {
            manyRequired
                    .append(i == 0 ? "" : ",")
                    .append("\"p")
                    .append(i)
                    .append("\":{\"type\":\"string\",\"minLength\":50}");
        }
        schemas.put("20,000 properties", manyRequired.append("}}").toString());
        schemas.put("an enum of 50,000 values", prop("{\"enum\":[" + "\"v\",".repeat(49_999) + "\"v\"]}"));
        schemas.put("minimum above maximum", prop("{\"type\":\"integer\",\"minimum\":10,\"maximum\":1}"));
        schemas.put("a minimum of 1e308", prop("{\"type\":\"number\",\"minimum\":1e308,\"exclusiveMinimum\":1e308}"));
        schemas.put("maxItems -1", prop("{\"type\":\"array\",\"minItems\":5,\"maxItems\":-1}"));
        schemas.put("a catastrophic pattern", prop("{\"type\":\"string\",\"pattern\":\"^(a+)+$\",\"minLength\":40}"));
        schemas.put("type as an object", "{\"type\":{\"nested\":true}}");
        schemas.put(
                "anyOf of 10,000 options",
                prop("{\"anyOf\":[" + "{\"type\":\"null\"},".repeat(9_999) + "{\"type\":\"integer\"}]}"));
        List<FuzzCase> cases = new ArrayList<>();
        schemas.forEach((what, schema) -> {
            for (int maxTokens : new int[] {5, 4096}) {
                cases.add(FuzzCase.json(
                        "chat tool schema: " + what + ", max_tokens " + maxTokens,
                        "/v1/chat/completions",
                        Map.of("Authorization", "Bearer " + key),
                        """
                        {"model":"%s","max_tokens":%d,"messages":[{"role":"user","content":"Use the tool. Größe 7"}],
                         "tools":[{"type":"function","function":{"name":"t","parameters":%s}}],
                         "tool_choice":{"type":"function","function":{"name":"t"}}}""".formatted(CHAT_MODEL, maxTokens, schema)));
                cases.add(FuzzCase.json(
                        "messages tool schema: " + what + ", max_tokens " + maxTokens,
                        "/v1/messages",
                        Map.of("x-api-key", key, "anthropic-version", "2023-06-01"),
                        """
                        {"model":"%s","max_tokens":%d,"stream":%b,
                         "messages":[{"role":"user","content":"Use the tool. Größe 7"}],
                         "tools":[{"name":"t","input_schema":%s}],"tool_choice":{"type":"any"}}""".formatted(CHAT_MODEL, maxTokens, maxTokens == 5, schema)));
            }
        });
        return cases;
    }

    /** Credentials pasted wrong: every malformed one is a 401, on every route that takes a key. */
    private static List<FuzzCase> credentials(String key, String masterKey) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("a trailing quote", key + "\"");
        values.put("a non-ASCII letter", key + "é");
        values.put("a control byte", key + "\u0001");
        values.put("a tab inside", key.substring(0, 10) + "\t" + key.substring(10));
        values.put("Latin-1 bytes", "vai-ÿÿÿÿ");
        values.put("2 KB of key", key + "x".repeat(2_000));
        values.put("nothing after the scheme", "");
        values.put("only spaces", "    ");
        List<FuzzCase> cases = new ArrayList<>();
        String chat = "{\"model\":\"" + CHAT_MODEL
                + "\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        values.forEach((what, value) -> {
            cases.add(FuzzCase.json(
                            "Bearer with " + what,
                            "/v1/chat/completions",
                            Map.of("Authorization", "Bearer " + value),
                            chat)
                    .expecting(401));
            cases.add(FuzzCase.json(
                            "x-api-key with " + what,
                            "/v1/messages",
                            Map.of("x-api-key", value, "anthropic-version", "2023-06-01"),
                            chat)
                    .expecting(401));
            cases.add(FuzzCase.of(
                            "models with " + what,
                            "GET",
                            "/v1/models",
                            Map.of("Authorization", "Bearer " + value),
                            new byte[0])
                    .expecting(401));
            cases.add(FuzzCase.of(
                            "master key with " + what,
                            "GET",
                            "/admin/v1/teams",
                            Map.of("Authorization", "Bearer " + value.replace(key, masterKey)),
                            new byte[0])
                    .expecting(401));
        });
        cases.add(FuzzCase.raw(
                "a bare CR inside the key",
                "/v1/models",
                "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer "
                        + key.substring(0, 12) + "\r" + key.substring(12) + "\r\n\r\n"));
        cases.add(FuzzCase.raw(
                "a header folded over two lines",
                "/v1/models",
                "GET /v1/models HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer\r\n " + key
                        + "\r\n\r\n"));
        cases.add(FuzzCase.of(
                "an 8 KB key, over the header limit",
                "GET",
                "/v1/models",
                Map.of("Authorization", "Bearer " + key + "x".repeat(8_000)),
                new byte[0]));
        cases.add(FuzzCase.of(
                "two Authorization headers",
                "GET",
                "/v1/models",
                Map.of("Authorization", "Bearer " + key, "authorization", "Bearer vai-other"),
                new byte[0]));
        cases.add(FuzzCase.of(
                        "Basic instead of Bearer",
                        "GET",
                        "/v1/models",
                        Map.of(
                                "Authorization",
                                "Basic "
                                        + java.util.Base64.getEncoder()
                                                .encodeToString((key + ":x").getBytes(StandardCharsets.UTF_8))),
                        new byte[0])
                .expecting(401));
        return cases;
    }

    /** Paths with bytes URLs may not carry, traversal, absurd lengths and ids, on every family of routes. */
    private static List<FuzzCase> paths(String key, String team) {
        List<String> targets = List.of(
                "/v1/models/%00",
                "/v1/models/%",
                "/v1/models/%zz",
                "/v1/models/%C0%AF",
                "/v1/models/a%5Cb",
                "/v1/models/..%2F..%2Fetc%2Fpasswd",
                "/v1/models/" + "m".repeat(7_000),
                "/v1/models/😀",
                "/v1/models?limit=-5",
                "/v1/models?limit=99999999999999",
                "/v1/models?after_id=%00",
                "/v1//models",
                "/v1/videos/%00",
                "/v1/videos/task_" + "0".repeat(500),
                "/v1/videos/../../admin/v1/teams",
                "/v1/videos?limit=abc",
                "/v1/videos?limit=0",
                "/v1/videos?order=sideways",
                "/v1/videos/task_x/content?variant=%00",
                "/api/v1/models/%2e%2e",
                "/v1/chat/completions;jsessionid=1",
                "/admin/v1/teams/not-a-uuid",
                "/admin/v1/teams/" + team + "/usage?from=2026-13-45",
                "/admin/v1/teams/" + team + "/usage?from=2026-05-01&to=2026-04-01",
                "/admin/v1/teams/" + team + "/usage?groupBy=%00",
                "/admin/v1/teams/" + team + "/usage.csv?from=99999-01-01",
                "/admin/v1/keys/%00",
                "/media/%00.png",
                "/media/../../etc/passwd",
                "/media/aaaaaaaaaaaaaaaaaaaaaaaa.exe",
                "/media/thumbnails/%2e%2e.jpg",
                "/v1/models/x y");
        List<FuzzCase> cases = new ArrayList<>();
        for (String target : targets) {
            String auth = target.startsWith("/admin") ? "test-master-key" : key;
            cases.add(FuzzCase.of(
                    "GET " + abbreviate(target),
                    "GET",
                    target,
                    Map.of("Authorization", "Bearer " + auth),
                    new byte[0]));
        }
        for (String raw : List.of(
                "/v1/models/\u0000",
                "/v1/models/a\\b",
                "/v1/models/%",
                "/v1/models/\u00ff",
                "/v1/models/a\tb",
                "/admin/v1/teams/\\..\\")) {
            cases.add(FuzzCase.raw(
                    "raw path " + abbreviate(raw.replace("\u0000", "<NUL>")),
                    raw,
                    "GET " + raw + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nAuthorization: Bearer " + key
                            + "\r\n\r\n"));
        }
        return cases;
    }

    /** Multipart bodies that are not, on the two routes that take uploads. */
    private static List<FuzzCase> multipart(String key) {
        Map<String, String[]> bodies = new LinkedHashMap<>();
        String part = "--b\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nenterprise/seedance-1-5-pro\r\n"
                + "--b\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nA boat\r\n";
        bodies.put("no boundary", new String[] {"multipart/form-data", part + "--b--\r\n"});
        bodies.put(
                "a boundary that never comes", new String[] {"multipart/form-data; boundary=zz", part + "--b--\r\n"});
        bodies.put("no closing boundary", new String[] {"multipart/form-data; boundary=b", part});
        bodies.put(
                "a part cut in its head",
                new String[] {"multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-da"});
        bodies.put("a NUL in a file name", new String[] {
            "multipart/form-data; boundary=b",
            part
                    + "--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a\u0000b.png\"\r\n"
                    + "Content-Type: image/png\r\n\r\nnot a png\r\n--b--\r\n"
        });
        bodies.put("a part without a name", new String[] {
            "multipart/form-data; boundary=b", part + "--b\r\nContent-Disposition: form-data\r\n\r\nx\r\n--b--\r\n"
        });
        bodies.put("a quoted boundary with spaces", new String[] {"multipart/form-data; boundary=\"a b\"", part});
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            many.append("--b\r\nContent-Disposition: form-data; name=\"p")
                    .append(i)
                    .append("\"\r\n\r\nx\r\n");
        }
        bodies.put("20,000 parts", new String[] {"multipart/form-data; boundary=b", part + many + "--b--\r\n"});
        bodies.put("a 20 KB part head", new String[] {
            "multipart/form-data; boundary=b",
            "--b\r\nContent-Disposition: form-data; name=\"" + "n".repeat(20_000) + "\"\r\n\r\nx\r\n--b--\r\n"
        });
        bodies.put("a 25 MB file part", new String[] {
            "multipart/form-data; boundary=b",
            part
                    + "--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n\r\n"
                    + "x".repeat(25_000_000) + "\r\n--b--\r\n"
        });
        List<FuzzCase> cases = new ArrayList<>();
        for (String target : List.of("/v1/images/edits", "/v1/videos")) {
            bodies.forEach((what, typeAndBody) -> cases.add(FuzzCase.of(
                    "multipart " + target + ": " + what,
                    "POST",
                    target,
                    Map.of("Authorization", "Bearer " + key, "Content-Type", typeAndBody[0]),
                    typeAndBody[1].getBytes(StandardCharsets.ISO_8859_1))));
        }
        return cases;
    }

    /** Lengths that lie, bodies over the limit, and methods the routes do not take. */
    private static List<FuzzCase> lengthsAndMethods(String key, String masterKey) {
        List<FuzzCase> cases = new ArrayList<>();
        for (String target :
                List.of("/v1/chat/completions", "/v1/messages", "/v1/images/edits", "/v1/videos", "/admin/v1/teams")) {
            String auth = target.startsWith("/admin") ? masterKey : key;
            cases.add(FuzzCase.of(
                            "a declared length of 200 MB on " + target,
                            "POST",
                            target,
                            Map.of(
                                    "Authorization",
                                    "Bearer " + auth,
                                    "Content-Type",
                                    "application/json",
                                    "Content-Length",
                                    "200000000"),
                            "{}".getBytes(StandardCharsets.UTF_8))
                    .expecting(413));
            cases.add(FuzzCase.of(
                    "a negative length on " + target,
                    "POST",
                    target,
                    Map.of(
                            "Authorization",
                            "Bearer " + auth,
                            "Content-Type",
                            "application/json",
                            "Content-Length",
                            "-1"),
                    new byte[0]));
            for (String method : List.of("PUT", "PATCH", "DELETE", "TRACE")) {
                cases.add(FuzzCase.of(
                        method + " " + target, method, target, Map.of("Authorization", "Bearer " + auth), new byte[0]));
            }
        }
        cases.add(FuzzCase.of(
                        "a chunked body of 110 MiB",
                        "POST",
                        "/v1/chat/completions",
                        Map.of(
                                "Authorization",
                                "Bearer " + key,
                                "Content-Type",
                                "application/json",
                                "Transfer-Encoding",
                                "chunked"),
                        chunked(110))
                .expecting(413));
        return cases;
    }

    /** A chunked JSON body of {@code mebibytes} MiB: an array opened and then only whitespace. */
    private static byte[] chunked(int mebibytes) {
        int chunk = 1 << 20;
        byte[] head = "1\r\n[\r\n".getBytes(StandardCharsets.US_ASCII);
        byte[] chunkHead = (Integer.toHexString(chunk) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] tail = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        ByteBuffer body = ByteBuffer.allocate(head.length + mebibytes * (chunkHead.length + chunk + 2) + tail.length);
        body.put(head);
        byte[] spaces = new byte[chunk];
        Arrays.fill(spaces, (byte) ' ');
        for (int i = 0; i < mebibytes; i++) {
            body.put(chunkHead).put(spaces).put((byte) '\r').put((byte) '\n');
        }
        return body.put(tail).array();
    }

    private static String prop(String schema) {
        return "{\"type\":\"object\",\"required\":[\"v\"],\"properties\":{\"v\":" + schema + "}}";
    }

    private static String array(String items, int minItems) {
        return "{\"type\":\"array\",\"minItems\":" + minItems + ",\"items\":" + items + "}";
    }

    private static String abbreviate(String text) {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }
}
