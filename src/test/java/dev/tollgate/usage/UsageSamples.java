package dev.tollgate.usage;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.caller.CallSource;
import dev.tollgate.caller.Caller;
import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Usage rows with varied, reproducible tokens and costs down to the nano-credit. Fixed-price kinds that fail carry no
 * cost, as a refunded request does.
 */
public final class UsageSamples {

    private final Random random;

    public UsageSamples(long seed) {
        this.random = new Random(seed);
    }

    public UsageRecord row(
            TeamId team,
            @Nullable ApiKeyId key,
            @Nullable UserId user,
            UsageKind kind,
            String model,
            UsageStatus status,
            Instant at) {
        boolean chat = kind == UsageKind.CHAT;
        boolean refunded = !chat && status == UsageStatus.FAILED;
        TokenCounts tokens = chat
                ? new TokenCounts(
                        random.nextLong(2_000),
                        random.nextLong(800),
                        random.nextLong(500),
                        random.nextLong(300),
                        random.nextLong(300))
                : TokenCounts.NONE;
        ChatCost lines = chat ? new ChatCost(nanos(), nanos(), nanos(), nanos(), nanos()) : ChatCost.NONE;
        Credits price = chat || refunded ? Credits.ZERO : nanos().plus(Credits.of("0.04"));
        String requestId = "usage-test-" + UUID.randomUUID();
        return new UsageRecord(
                key == null
                        ? Caller.portal(requestId, team, user)
                        : new Caller(requestId, team, key, user, CallSource.API, Dialect.OPENAI),
                kind,
                new ModelId(model),
                "simulator",
                status,
                chat ? "stop" : null,
                status == UsageStatus.FAILED ? "upstream failed, \"quoted\", with a comma\nand a line break" : null,
                tokens,
                lines,
                price,
                at,
                Duration.ofMillis(random.nextInt(5_000)),
                chat ? Duration.ofMillis(random.nextInt(400)) : null,
                null,
                chat ? random.nextLong(tokens.output() + 1) : 0);
    }

    /** An amount below 0.01 Cr$ with all nine decimals in play. */
    private Credits nanos() {
        return new Credits(BigDecimal.valueOf(random.nextLong(10_000_000), Credits.SCALE));
    }
}
