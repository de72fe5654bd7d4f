package dev.tollgate.portal.team;

import dev.tollgate.account.Member;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamService;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.ApiKeyView;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Who wrote a ledger line, as people read it. The ledger keeps the actor as the security layer named it: {@code
 * key:<id>} for an API key, the e-mail address for a person, {@code admin-api} for the master key, {@code system}
 * for work nobody started. Keys and people are looked up among the team's own, through the services that check the
 * caller belongs to it, so a statement never names another team's key.
 */
@Component
public class StatementAuthors {

    static final String KEY_PREFIX = "key:";

    private final ApiKeyService keys;
    private final TeamService teams;

    StatementAuthors(ApiKeyService keys, TeamService teams) {
        this.keys = keys;
        this.teams = teams;
    }

    /** The team's keys and members, read once, to name many lines. */
    public Names of(TeamId team) {
        Map<String, String> names = new HashMap<>();
        for (ApiKeyView key : keys.list(team)) {
            names.put(
                    KEY_PREFIX + key.id().value(),
                    "Key " + key.name() + " (" + key.maskedKey() + (key.revokedAt() == null ? ")" : ", revoked)"));
        }
        for (Member member : teams.members(team)) {
            names.put(
                    member.email(),
                    member.displayName().isBlank() || member.displayName().equals(member.email())
                            ? member.email()
                            : member.displayName() + " (" + member.email() + ")");
        }
        return new Names(Map.copyOf(names));
    }

    /** Names for one team's actors. */
    public record Names(Map<String, String> byActor) {

        public String of(@Nullable String actor) {
            if (actor == null || actor.isBlank()) {
                return "—";
            }
            String known = byActor.get(actor);
            if (known != null) {
                return known;
            }
            if (actor.startsWith(KEY_PREFIX)) {
                return "A key no longer listed";
            }
            return switch (actor) {
                case "admin-api" -> "Admin API";
                case "system" -> "Tollgate";
                default -> actor;
            };
        }
    }
}
