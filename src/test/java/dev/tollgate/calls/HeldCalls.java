package dev.tollgate.calls;

import dev.tollgate.account.TeamId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.billing.CreditHolds;
import dev.tollgate.billing.Hold;
import dev.tollgate.caller.Caller;
import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.usage.UsageKind;
import dev.tollgate.usage.UsageRecord;
import dev.tollgate.usage.UsageStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Chat calls taken apart for the settlement tests: a funded team with a budgeted key, holds reserved as a call
 * reserves them, and the settlement a finished call hands over.
 */
final class HeldCalls {

    /** A team with credit and one key with a budget; {@code plaintext} calls the API with it. */
    record Funded(TeamId team, ApiKeyId key, String plaintext) {}

    private final int port;
    private final CreditHolds holds;
    private final Actors actors;

    HeldCalls(int port, CreditHolds holds, Actors actors) {
        this.port = port;
        this.holds = holds;
        this.actors = actors;
    }

    Funded fund(String name, String balance, @Nullable String keyBudget) {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String team = admin.createFundedTeam(name, balance);
        var key = admin.createKey(
                team,
                keyBudget == null ? "{\"name\":\"held\"}" : "{\"name\":\"held\",\"budget\":\"" + keyBudget + "\"}");
        return new Funded(
                new TeamId(UUID.fromString(team)),
                new ApiKeyId(UUID.fromString(key.get("id").asString())),
                key.get("key").asString());
    }

    /** A hold as a call makes it, team and key budget together, with no call running to keep it alive. */
    Hold reserve(Funded funded, String amount) {
        return actors.asPlatformAdmin(
                () -> holds.reserve(funded.team(), funded.key(), "req-" + UUID.randomUUID(), Credits.of(amount)));
    }

    /** What a chat call that used {@code cost} of output hands to the settlements when it ends. */
    Settlements.Settlement settlement(Funded funded, Hold hold, Credits cost) {
        ChatCost lines = new ChatCost(Credits.ZERO, cost, Credits.ZERO, Credits.ZERO, Credits.ZERO);
        Instant started = Instant.now().minusSeconds(5);
        UsageRecord usage = new UsageRecord(
                Caller.api(hold.requestId(), funded.team(), funded.key(), Dialect.OPENAI),
                UsageKind.CHAT,
                new ModelId("aws/claude-haiku-4-5"),
                "simulator",
                UsageStatus.SUCCEEDED,
                "STOP",
                null,
                new TokenCounts(10, 20, 0, 0),
                lines,
                Credits.ZERO,
                started,
                Duration.ofSeconds(5),
                null);
        return new Settlements.Settlement(holds.charge(hold, lines.total(), "Chat test"), usage);
    }
}
