package dev.tollgate.web;

import dev.tollgate.caller.Dialect;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.security.web.firewall.RequestRejectedException;

/** Which dialect a request speaks, and the shape each dialect gives an error. */
public final class DialectErrors {

    private DialectErrors() {}

    /** An error as the dialect's clients read it: OpenAI's {@code {"error":{…}}}, Anthropic's typed envelope. */
    public static Map<String, Object> body(Dialect dialect, ApiError error, String requestId) {
        return switch (dialect) {
            case OPENAI, RESPONSES -> {
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("message", error.message());
                detail.put("type", error.type());
                detail.put("param", error.param());
                detail.put("code", error.code());
                yield Map.of("error", detail);
            }
            case ANTHROPIC -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("type", "error");
                body.put("error", Map.of("type", error.anthropicType(), "message", error.message()));
                body.put("request_id", requestId);
                yield body;
            }
        };
    }

    /**
     * Anthropic SDKs always send {@code anthropic-version} and call {@code /v1/messages}; OpenAI SDKs never do. On the
     * container's error dispatch the path is the one the caller asked for, not the error page's.
     */
    public static Dialect of(HttpServletRequest request) {
        String path = request.getRequestURI();
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
            path = original;
        }
        return of(path, sendsAnthropicVersion(request));
    }

    static Dialect of(String path, boolean anthropicVersionSent) {
        if (anthropicVersionSent || path.endsWith("/messages") || path.contains("/messages/")) {
            return Dialect.ANTHROPIC;
        }
        return Dialect.OPENAI;
    }

    private static boolean sendsAnthropicVersion(HttpServletRequest request) {
        try {
            return request.getHeader("anthropic-version") != null;
        } catch (RequestRejectedException unreadable) {
            // the security firewall hands out no header value it does not allow; the header was still sent
            return true;
        }
    }
}
