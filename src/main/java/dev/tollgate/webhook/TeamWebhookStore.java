package dev.tollgate.webhook;

import dev.tollgate.account.TeamId;
import dev.tollgate.secret.SecretBox;
import dev.tollgate.secret.UnreadableSecretException;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The team_webhook table. Deliveries need the signing secret's value, so it cannot be kept as a hash; it is sealed
 * with {@link SecretBox} instead, bound to its team. A plain secret left from before sealing is still read, and sealed
 * by {@link #sealPlainSecrets} at start.
 */
@Component
class TeamWebhookStore {

    /**
     * A team's webhook with what a delivery needs: the team's name for the payload and the secret to sign with; no
     * secret when it was sealed under another key (TOLLGATE_SECRET_KEY changed) and must be rotated.
     */
    record Registration(
            TeamId team, String teamName, URI url, @Nullable SigningSecret secret, Instant updatedAt) {

        TeamWebhook toView() {
            return new TeamWebhook(url, secret == null ? UNREADABLE : secret.masked(), updatedAt);
        }
    }

    static final String UNREADABLE = "unreadable after a key change: rotate it";

    private final JdbcClient jdbc;
    private final SecretBox secrets;

    TeamWebhookStore(JdbcClient jdbc, SecretBox secrets) {
        this.jdbc = jdbc;
        this.secrets = secrets;
    }

    Optional<Registration> find(TeamId team) {
        // the team's name is read with the webhook so that a delivery, which acts for nobody, needs no access check
        return jdbc.sql("""
                        select t.name, w.url, w.signing_secret, w.signing_secret_sealed, w.updated_at
                        from team_webhook w join team t on t.id = w.team_id
                        where w.team_id = ?""")
                .param(team.value())
                .query((rs, row) -> new Registration(
                        team,
                        rs.getString("name"),
                        URI.create(rs.getString("url")),
                        secret(team, rs.getString("signing_secret"), rs.getBytes("signing_secret_sealed")),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    /**
     * The team's name when the team has a webhook: all an event needs to be put in the outbox, read without opening the
     * secret, in the transaction that recorded the event.
     */
    Optional<String> teamNameIfHooked(TeamId team) {
        return jdbc.sql("select t.name from team_webhook w join team t on t.id = w.team_id where w.team_id = ?")
                .param(team.value())
                .query(String.class)
                .optional();
    }

    /** Creates the webhook with the secret, or only changes its URL when the team has one; true when created. */
    boolean save(TeamId team, URI url, SigningSecret secret, Instant now) {
        return jdbc.sql("""
                        insert into team_webhook (team_id, url, signing_secret_sealed, created_at, updated_at)
                        values (:team, :url, :secret, :now, :now)
                        on conflict (team_id) do update set url = excluded.url, updated_at = excluded.updated_at
                        returning (xmax = 0) as created""")
                .param("team", team.value())
                .param("url", url.toString())
                .param("secret", seal(team, secret))
                .param("now", Timestamp.from(now))
                .query(Boolean.class)
                .single();
    }

    boolean changeSecret(TeamId team, SigningSecret secret, Instant now) {
        return jdbc.sql("""
                        update team_webhook set signing_secret = null, signing_secret_sealed = ?, updated_at = ?
                        where team_id = ?""")
                        .params(seal(team, secret), Timestamp.from(now), team.value())
                        .update()
                == 1;
    }

    /** Seals the secrets stored in the clear before secrets were sealed; returns how many. */
    int sealPlainSecrets() {
        List<Map<String, Object>> plain = jdbc.sql(
                        "select team_id, signing_secret from team_webhook where signing_secret is not null")
                .query()
                .listOfRows();
        for (Map<String, Object> row : plain) {
            TeamId team = new TeamId((UUID) row.get("team_id"));
            SigningSecret secret = new SigningSecret((String) row.get("signing_secret"));
            // conditional on the plain value, so a rotation racing this start is not overwritten
            jdbc.sql("""
                            update team_webhook set signing_secret = null, signing_secret_sealed = ?
                            where team_id = ? and signing_secret = ?""")
                    .params(seal(team, secret), team.value(), secret.value())
                    .update();
        }
        return plain.size();
    }

    void delete(TeamId team) {
        jdbc.sql("delete from team_webhook where team_id = ?")
                .param(team.value())
                .update();
    }

    private byte[] seal(TeamId team, SigningSecret secret) {
        return secrets.seal(secret.value(), owner(team));
    }

    private @Nullable SigningSecret secret(TeamId team, @Nullable String plain, byte @Nullable [] sealed) {
        if (sealed == null) {
            return new SigningSecret(Objects.requireNonNull(plain));
        }
        try {
            return new SigningSecret(secrets.open(sealed, owner(team)));
        } catch (UnreadableSecretException e) {
            return null;
        }
    }

    private static String owner(TeamId team) {
        return "team-webhook:" + team.value();
    }
}
