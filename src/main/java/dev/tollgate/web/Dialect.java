package dev.tollgate.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;

/** The API family a caller speaks, which decides the shape of every error it receives. */
public enum Dialect {
    OPENAI {
        @Override
        public Map<String, Object> errorBody(ApiError error, String requestId) {
            Map<String, Object> detail = new LinkedHashMap<>();
            detail.put("message", error.message());
            detail.put("type", error.type());
            detail.put("param", error.param());
            detail.put("code", error.code());
            return Map.of("error", detail);
        }
    },
    ANTHROPIC {
        @Override
        public Map<String, Object> errorBody(ApiError error, String requestId) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("type", "error");
            body.put("error", Map.of("type", error.anthropicType(), "message", error.message()));
            body.put("request_id", requestId);
            return body;
        }
    };

    public abstract Map<String, Object> errorBody(ApiError error, String requestId);

    /**
     * Anthropic SDKs always send {@code anthropic-version} and call {@code /v1/messages}; OpenAI SDKs never do.
     */
    public static Dialect of(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (request.getHeader("anthropic-version") != null
                || path.endsWith("/messages")
                || path.contains("/messages/")) {
            return ANTHROPIC;
        }
        return OPENAI;
    }
}
