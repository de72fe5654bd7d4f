package dev.tollgate.support;

import com.openai.client.OpenAIClient;
import dev.tollgate.account.TeamId;
import java.math.BigDecimal;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A fresh team with credit and one key, made through the admin API, and the official OpenAI SDK calling the app with
 * that key: how most API tests begin.
 *
 * @param id the team's id as the admin API writes it
 */
public record FundedTeam(String id, String key, OpenAIClient client) {

    public static FundedTeam create(int port, String prefix, String balance) {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String team = admin.createFundedTeam(prefix, balance);
        String key = admin.createKey(team, "{\"name\":\"" + prefix.toLowerCase() + "\"}")
                .get("key")
                .asString();
        return new FundedTeam(team, key, OpenAiClients.forKey(port, key));
    }

    public TeamId teamId() {
        return Books.team(id);
    }

    /** The team's balance as stored. */
    public BigDecimal balance(JdbcClient jdbc) {
        return new Books(jdbc).balance(teamId());
    }
}
