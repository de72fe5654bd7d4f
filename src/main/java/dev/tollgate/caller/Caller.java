package dev.tollgate.caller;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Who makes a call and how it arrived. An API call names its key and dialect; a portal call names the signed-in
 * person and has no dialect.
 *
 * @param requestId the request's id, as the caller sees it in {@code x-request-id}
 * @param session the agent session the call belongs to, when the caller names one
 */
public record Caller(
        String requestId,
        TeamId team,
        @Nullable ApiKeyId key,
        @Nullable UserId user,
        CallSource source,
        @Nullable Dialect dialect,
        @Nullable AgentSession session) {

    public Caller {
        Objects.requireNonNull(requestId);
        Objects.requireNonNull(team);
        Objects.requireNonNull(source);
    }

    /** A call outside any agent session. */
    public Caller(
            String requestId,
            TeamId team,
            @Nullable ApiKeyId key,
            @Nullable UserId user,
            CallSource source,
            @Nullable Dialect dialect) {
        this(requestId, team, key, user, source, dialect, null);
    }

    /** The same call, as part of {@code newSession} (or of none). */
    public Caller inSession(@Nullable AgentSession newSession) {
        return new Caller(requestId, team, key, user, source, dialect, newSession);
    }

    /** A call on the public API, made with a key of the team. */
    public static Caller api(String requestId, TeamId team, ApiKeyId key, Dialect dialect) {
        return new Caller(requestId, team, key, null, CallSource.API, dialect);
    }

    /** A call a signed-in person made in the portal. */
    public static Caller portal(String requestId, TeamId team, @Nullable UserId user) {
        return new Caller(requestId, team, null, user, CallSource.PLAYGROUND, null);
    }

    /** The dialect's stored name, or null for a portal call. */
    public @Nullable String dialectName() {
        return dialect == null ? null : dialect.storedName();
    }
}
