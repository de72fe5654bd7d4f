package dev.tollgate.webhook;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.tollgate.billing.KeyBudgetCrossed;
import java.time.Instant;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** The JSON bodies a team's webhook receives. Amounts are decimal strings, so no receiver rounds them as floats. */
@Component
class WebhookPayloads {

    static final String BUDGET_THRESHOLD = "key.budget.threshold";
    static final String TEST = "webhook.test";

    @JsonPropertyOrder({"type", "threshold", "team", "key", "budget", "spent", "crossedAt"})
    record BudgetThresholdCrossed(
            String type, int threshold, Team team, Key key, String budget, String spent, String crossedAt) {}

    @JsonPropertyOrder({"type", "team", "sentAt"})
    record Test(String type, Team team, String sentAt) {}

    @JsonPropertyOrder({"id", "name"})
    record Team(String id, String name) {}

    @JsonPropertyOrder({"id", "name", "maskedKey"})
    record Key(String id, String name, String maskedKey) {}

    private final JsonMapper json;

    WebhookPayloads(JsonMapper json) {
        this.json = json;
    }

    byte[] budgetCrossed(KeyBudgetCrossed crossed, String teamName) {
        return json.writeValueAsBytes(new BudgetThresholdCrossed(
                BUDGET_THRESHOLD,
                crossed.threshold().percent(),
                new Team(crossed.team().value().toString(), teamName),
                new Key(crossed.key().value().toString(), crossed.keyName(), crossed.maskedKey()),
                crossed.budget().toPlainString(),
                crossed.spent().toPlainString(),
                crossed.crossedAt().toString()));
    }

    byte[] test(TeamWebhookStore.Registration webhook, Instant now) {
        return json.writeValueAsBytes(
                new Test(TEST, new Team(webhook.team().value().toString(), webhook.teamName()), now.toString()));
    }
}
