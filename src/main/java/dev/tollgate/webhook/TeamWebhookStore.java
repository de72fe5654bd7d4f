package dev.tollgate.webhook;

import dev.tollgate.account.TeamId;
import java.net.URI;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The team_webhook table. The signing secret is kept as is; it is to be encrypted at rest together with the upstream
 * channel secrets, since deliveries need its value and so cannot keep only a hash.
 */
@Component
class TeamWebhookStore {

    /** A team's webhook with what a delivery needs: the team's name for the payload and the secret to sign with. */
    record Registration(TeamId team, String teamName, URI url, SigningSecret secret, Instant updatedAt) {

        TeamWebhook toView() {
            return new TeamWebhook(url, secret.masked(), updatedAt);
        }
    }

    private final JdbcClient jdbc;

    TeamWebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Registration> find(TeamId team) {
        // the team's name is read with the webhook so that a delivery, which acts for nobody, needs no access check
        return jdbc.sql("""
                        select w.team_id, t.name, w.url, w.signing_secret, w.updated_at
                        from team_webhook w join team t on t.id = w.team_id
                        where w.team_id = ?""")
                .param(team.value())
                .query((rs, row) -> new Registration(
                        new TeamId(rs.getObject("team_id", UUID.class)),
                        rs.getString("name"),
                        URI.create(rs.getString("url")),
                        new SigningSecret(rs.getString("signing_secret")),
                        rs.getTimestamp("updated_at").toInstant()))
                .optional();
    }

    /** Creates the webhook with the secret, or only changes its URL when the team has one; true when created. */
    boolean save(TeamId team, URI url, SigningSecret secret, Instant now) {
        return jdbc.sql("""
                        insert into team_webhook (team_id, url, signing_secret, created_at, updated_at)
                        values (:team, :url, :secret, :now, :now)
                        on conflict (team_id) do update set url = excluded.url, updated_at = excluded.updated_at
                        returning (xmax = 0) as created""")
                .param("team", team.value())
                .param("url", url.toString())
                .param("secret", secret.value())
                .param("now", Timestamp.from(now))
                .query(Boolean.class)
                .single();
    }

    boolean changeSecret(TeamId team, SigningSecret secret, Instant now) {
        return jdbc.sql("update team_webhook set signing_secret = ?, updated_at = ? where team_id = ?")
                        .params(secret.value(), Timestamp.from(now), team.value())
                        .update()
                == 1;
    }

    void delete(TeamId team) {
        jdbc.sql("delete from team_webhook where team_id = ?")
                .param(team.value())
                .update();
    }
}
