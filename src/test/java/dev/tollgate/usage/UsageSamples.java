package dev.tollgate.usage;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.UserId;
import dev.tollgate.apikey.ApiKeyId;
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
                        random.nextLong(2_000), random.nextLong(800), random.nextLong(500), random.nextLong(300))
                : TokenCounts.NONE;
        ChatCost lines = chat ? new ChatCost(nanos(), nanos(), nanos(), nanos()) : ChatCost.NONE;
        Credits price = chat || refunded ? Credits.ZERO : nanos().plus(Credits.of("0.04"));
        return new UsageRecord(
                "usage-test-" + UUID.randomUUID(),
                team,
                key,
                user,
                key == null ? UsageSource.PLAYGROUND : UsageSource.API,
                kind,
                new ModelId(model),
                chat ? "openai" : null,
                "simulator",
                status,
                tokens,
                lines,
                price,
                Duration.ofMillis(random.nextInt(5_000)),
                chat ? Duration.ofMillis(random.nextInt(400)) : null,
                chat ? "stop" : null,
                status == UsageStatus.FAILED ? "upstream failed, \"quoted\", with a comma\nand a line break" : null,
                at);
    }

    /** An amount below 0.01 Cr$ with all nine decimals in play. */
    private Credits nanos() {
        return new Credits(BigDecimal.valueOf(random.nextLong(10_000_000), Credits.SCALE));
    }
}
