package dev.tollgate.gateway.wire;

import dev.tollgate.caller.AgentSession;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

/**
 * Reads the agent session a request belongs to from {@code x-claude-code-session-id}, which Claude Code sends with
 * every request of a session, or {@code session-id}, Codex CLI's, so usage rows can be added up per session.
 */
public final class SessionHeader {

    public static final String NAME = "x-claude-code-session-id";
    public static final String CODEX = "session-id";

    private SessionHeader() {}

    /**
     * The session, or null when the header is absent or blank.
     *
     * @throws dev.tollgate.web.ApiException a 400 naming the header when it is longer than {@value
     *     AgentSession#MAX_LENGTH} characters or holds anything but visible ASCII
     */
    public static @Nullable AgentSession read(HttpServletRequest request) {
        String name = request.getHeader(NAME) != null ? NAME : CODEX;
        String value = request.getHeader(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return new AgentSession(value.strip());
        } catch (IllegalArgumentException e) {
            throw RequestFields.invalid(name + ": " + e.getMessage() + ".", name);
        }
    }
}
