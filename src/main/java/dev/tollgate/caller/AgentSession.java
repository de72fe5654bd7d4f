package dev.tollgate.caller;

import java.util.Objects;

/**
 * The session a coding agent names on each request it makes ({@code x-claude-code-session-id} from Claude Code), so
 * that a team can see what one agent session cost. The agent chooses it; the gateway only bounds it: 1 to
 * {@value #MAX_LENGTH} visible ASCII characters (Claude Code sends a UUID).
 */
public record AgentSession(String value) {

    public static final int MAX_LENGTH = 128;

    public AgentSession {
        Objects.requireNonNull(value);
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a session id is 1 to " + MAX_LENGTH + " characters");
        }
        if (!value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException("a session id is visible ASCII characters only");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
