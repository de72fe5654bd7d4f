package dev.tollgate.portal.usage;

import dev.tollgate.caller.CallSource;
import dev.tollgate.caller.Dialect;
import dev.tollgate.usage.UsageEntry;
import dev.tollgate.usage.UsageKind;
import dev.tollgate.usage.UsageStatus;
import org.jspecify.annotations.Nullable;

/** How the usage views name kinds, sources, API dialects, statuses and agent sessions. */
public final class UsageLabels {

    private static final int SHORT_SESSION = 8;

    private UsageLabels() {}

    public static String kind(UsageKind kind) {
        return switch (kind) {
            case CHAT -> "Chat";
            case IMAGE -> "Image";
            case EDIT -> "Edit";
            case VIDEO -> "Video";
        };
    }

    /** The model that served the request, and the id the caller asked for where it was another (an alias). */
    public static String model(UsageEntry entry) {
        return entry.requestedAlias()
                .map(asked -> entry.model().value() + " (as " + asked.value() + ")")
                .orElse(entry.model().value());
    }

    public static String source(CallSource source) {
        return switch (source) {
            case API -> "API";
            case PLAYGROUND -> "Playground";
        };
    }

    /** A session id's first eight characters, as much as tells a team's sessions apart in a column (a UUID's first group). */
    public static String shortSession(@Nullable String session) {
        if (session == null) {
            return "—";
        }
        return session.length() <= SHORT_SESSION ? session : session.substring(0, SHORT_SESSION) + "…";
    }

    /**
     * The API a request came through, from the dialect a usage row stores: OpenAI's Responses API apart from the rest of
     * OpenAI's (chat completions, images, videos). A name it does not know is shown as stored.
     */
    public static String dialect(String stored) {
        return Dialect.fromStoredName(stored)
                .map(dialect -> switch (dialect) {
                    case OPENAI -> "OpenAI";
                    case ANTHROPIC -> "Anthropic";
                    case RESPONSES -> "OpenAI Responses";
                })
                .orElse(stored);
    }

    public static String status(UsageStatus status) {
        return switch (status) {
            case SUCCEEDED -> "Succeeded";
            case CANCELLED -> "Cancelled";
            case FAILED -> "Failed";
        };
    }
}
