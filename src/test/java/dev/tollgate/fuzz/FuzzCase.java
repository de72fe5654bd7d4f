package dev.tollgate.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One hostile request: sent over a raw socket exactly as written. {@code expectedStatus} is set where the answer is
 * known (a malformed credential is a 401); otherwise any answer below 500 will do. {@code raw}, when set, is the whole
 * request, head included, for heads no well-formed request could carry.
 */
record FuzzCase(
        String name,
        String method,
        String target,
        Map<String, String> headers,
        byte[] body,
        @Nullable Integer expectedStatus,
        byte @Nullable [] raw) {

    static FuzzCase of(String name, String method, String target, Map<String, String> headers, byte[] body) {
        return new FuzzCase(name, method, target, headers, body, null, null);
    }

    static FuzzCase json(String name, String target, Map<String, String> headers, String body) {
        Map<String, String> withType = new LinkedHashMap<>(headers);
        withType.putIfAbsent("Content-Type", "application/json");
        return of(name, "POST", target, withType, body.getBytes(StandardCharsets.UTF_8));
    }

    static FuzzCase raw(String name, String target, String request) {
        return new FuzzCase(
                name, "RAW", target, Map.of(), new byte[0], null, request.getBytes(StandardCharsets.ISO_8859_1));
    }

    FuzzCase expecting(int status) {
        return new FuzzCase(name, method, target, headers, body, status, raw);
    }

    /**
     * The request as it goes on the wire: the head with {@code Host}, {@code Connection: close} and a
     * {@code Content-Length} unless the case sets its own framing, then the body.
     */
    byte[] bytes() {
        if (raw != null) {
            return raw;
        }
        ByteArrayOutputStream request = new ByteArrayOutputStream();
        StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n")
                .append("Host: localhost\r\nConnection: close\r\n");
        headers.forEach(
                (name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        boolean framed = headers.keySet().stream()
                .anyMatch(
                        name -> name.equalsIgnoreCase("content-length") || name.equalsIgnoreCase("transfer-encoding"));
        if (!framed && (body.length > 0 || method.equals("POST") || method.equals("PUT"))) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        request.writeBytes(head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        request.writeBytes(body);
        return request.toByteArray();
    }

    /** The path the gateway routes by, without query. */
    String path() {
        int query = target.indexOf('?');
        return query < 0 ? target : target.substring(0, query);
    }

    /** Whether the answer must be an API error body: everything under the public and admin API prefixes. */
    boolean underApi() {
        String path = path();
        return path.startsWith("/v1/") || path.startsWith("/api/v1/") || path.startsWith("/admin/v1/");
    }

    /** Anthropic's error shape is owed to callers of the Messages routes and to anyone sending its version header. */
    boolean anthropicDialect() {
        String path = path();
        return headers.keySet().stream().anyMatch("anthropic-version"::equalsIgnoreCase)
                || path.endsWith("/messages")
                || path.contains("/messages/");
    }

    @Override
    public String toString() {
        return name;
    }
}
