package dev.tollgate.admin;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyView;
import dev.tollgate.apikey.IssuedApiKey;
import dev.tollgate.billing.KeyBudget;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The admin API's request and response bodies. Amounts travel as decimal strings so no client rounds them. */
final class AdminApiMessages {

    private AdminApiMessages() {}

    record CreateTeam(@Nullable String name) {}

    record TopUp(@Nullable String amount, @Nullable String note) {}

    record CreateKey(
            @Nullable String name,
            @Nullable String budget,
            @Nullable List<String> models,
            @Nullable String expiresAt,
            @Nullable Integer rpm) {}

    record TeamBody(String id, String name, String balance) {

        static TeamBody of(TeamSummary team, Credits balance) {
            return new TeamBody(team.id().toString(), team.name(), balance.toPlainString());
        }
    }

    record BalanceBody(String balance) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    record KeyBody(
            String id,
            String teamId,
            @Nullable String key,
            String name,
            String maskedKey,
            String status,
            @Nullable String budget,
            String spent,
            List<String> models,
            @Nullable Instant expiresAt,
            @Nullable Integer rpm,
            Instant createdAt,
            @Nullable Instant lastUsedAt,
            @Nullable Instant revokedAt) {

        static KeyBody issued(IssuedApiKey issued, KeyBudget budget) {
            return of(issued.key(), budget, issued.plaintext());
        }

        static KeyBody listed(ApiKeyView key, KeyBudget budget) {
            return of(key, budget, null);
        }

        private static KeyBody of(ApiKeyView key, KeyBudget money, @Nullable String plaintext) {
            return new KeyBody(
                    key.id().toString(),
                    key.teamId().toString(),
                    plaintext,
                    key.name(),
                    key.maskedKey(),
                    key.status().name().toLowerCase(java.util.Locale.ROOT),
                    money.budget() == null ? null : money.budget().toPlainString(),
                    money.spent().toPlainString(),
                    key.allowedModels().stream().map(ModelId::value).sorted().toList(),
                    key.expiresAt(),
                    key.requestsPerMinute(),
                    key.createdAt(),
                    key.lastUsedAt(),
                    key.revokedAt());
        }
    }

    record KeyList(List<KeyBody> data) {}
}
