package dev.tollgate.apikey;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.tollgate.account.TeamId;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import java.math.BigDecimal;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The api_key table on the request path, in plain SQL: finding keys by hash for every API request, recording use,
 * and reserving and settling key budgets. Rows are kept for a few seconds so a busy key costs no query per request;
 * revoking through this instance drops the entry at once, other replicas see a revocation within {@link #FRESHNESS}.
 * Expiry is checked against the clock on every use, never cached.
 */
@Component
class ApiKeyStore {

    static final Duration FRESHNESS = Duration.ofSeconds(5);
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

    /** What authentication needs of a key row. */
    record KeyRow(
            UUID id,
            UUID teamId,
            String name,
            Set<ModelId> allowedModels,
            @Nullable BigDecimal budget,
            BigDecimal spent,
            @Nullable Integer rpm,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt) {

        ApiKeyStatus status(Instant now) {
            if (revokedAt != null) {
                return ApiKeyStatus.REVOKED;
            }
            return expiresAt != null && !now.isBefore(expiresAt) ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE;
        }

        AuthenticatedKey toAuthenticated() {
            return new AuthenticatedKey(
                    new ApiKeyId(id),
                    new TeamId(teamId),
                    name,
                    allowedModels,
                    budget == null ? null : new Credits(budget),
                    new Credits(spent),
                    rpm);
        }
    }

    private final JdbcClient jdbc;
    private final Cache<String, Optional<KeyRow>> rows = Caffeine.newBuilder()
            .expireAfterWrite(FRESHNESS)
            .maximumSize(50_000)
            .build();
    private final ConcurrentHashMap<UUID, Instant> lastTouched = new ConcurrentHashMap<>();

    ApiKeyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<KeyRow> byHash(String hash) {
        return rows.get(hash, this::load);
    }

    void forget(String hash) {
        rows.invalidate(hash);
    }

    /** Records use at most once a minute per key and instance, so requests do not each turn into a write. */
    void recordUse(UUID key, Instant now) {
        Instant previous = lastTouched.get(key);
        if (previous != null && previous.isAfter(now.minus(LAST_USED_RESOLUTION))) {
            return;
        }
        lastTouched.put(key, now);
        jdbc.sql("update api_key set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)")
                .params(Timestamp.from(now), key, Timestamp.from(now.minus(LAST_USED_RESOLUTION)))
                .update();
    }

    /** Reserves part of the key's budget for a request in flight; false when the budget cannot cover it. */
    boolean reserve(UUID key, BigDecimal amount) {
        return jdbc.sql("""
                        update api_key set reserved = reserved + :amount
                        where id = :id and (budget is null or spent + reserved + :amount <= budget)""").param("amount", amount).param("id", key).update() == 1;
    }

    /**
     * Adds a prepaid charge to the key's spending: empty when its budget cannot cover it, else whether the key has a
     * budget (only such keys are checked for crossings).
     */
    Optional<Boolean> spend(UUID key, BigDecimal amount) {
        return jdbc.sql("""
                        update api_key set spent = spent + :amount
                        where id = :id and (budget is null or spent + reserved + :amount <= budget)
                        returning budget is not null""")
                .param("amount", amount)
                .param("id", key)
                .query(Boolean.class)
                .optional();
    }

    void changeBudget(UUID key, @Nullable BigDecimal budget) {
        jdbc.sql("update api_key set budget = ? where id = ?")
                .params(budget, key)
                .update();
    }

    /** Takes a refunded charge back off the key's spending. */
    void unspend(UUID key, BigDecimal amount) {
        jdbc.sql("update api_key set spent = greatest(spent - ?, 0) where id = ?")
                .params(amount, key)
                .update();
    }

    /**
     * Ends a reservation: frees it and adds what the request actually cost to the key's spending. True when the key
     * has a budget.
     */
    boolean settle(UUID key, BigDecimal reserved, BigDecimal charged) {
        return jdbc.sql("""
                        update api_key set reserved = greatest(reserved - ?, 0), spent = spent + ? where id = ?
                        returning budget is not null""")
                .params(reserved, charged, key)
                .query(Boolean.class)
                .optional()
                .orElse(false);
    }

    /** Reservations to free and charges to add on one key. */
    record Spending(BigDecimal reserved, BigDecimal charged) {

        Spending plus(Spending other) {
            return new Spending(reserved.add(other.reserved), charged.add(other.charged));
        }
    }

    /**
     * {@link #settle} for many keys in one statement: per key id, the reserved amount to free and the charge. Returns
     * the keys that have a budget.
     */
    List<UUID> settleAll(Map<UUID, Spending> reservedAndCharged) {
        return jdbc.sql("""
                        with touched as (
                            update api_key k
                            set reserved = greatest(k.reserved - v.reserved, 0), spent = k.spent + v.charged
                            from unnest(cast(:ids as uuid[]), cast(:reserved as numeric[]), cast(:charged as numeric[]))
                                as v(id, reserved, charged)
                            where k.id = v.id
                            returning k.id, k.budget)
                        select id from touched where budget is not null""")
                .param(
                        "ids",
                        reservedAndCharged.keySet().stream().map(UUID::toString).toArray(String[]::new))
                .param(
                        "reserved",
                        reservedAndCharged.values().stream()
                                .map(sums -> sums.reserved().toPlainString())
                                .toArray(String[]::new))
                .param(
                        "charged",
                        reservedAndCharged.values().stream()
                                .map(sums -> sums.charged().toPlainString())
                                .toArray(String[]::new))
                .query(UUID.class)
                .list();
    }

    private Optional<KeyRow> load(String hash) {
        return jdbc.sql("""
                        select id, team_id, name, allowed_models, budget, spent, rpm, expires_at, revoked_at
                        from api_key where key_hash = ?""").param(hash).query((rs, row) -> read(rs)).optional();
    }

    private static KeyRow read(ResultSet rs) throws SQLException {
        Array models = rs.getArray("allowed_models");
        Set<ModelId> allowed = models == null
                ? Set.of()
                : Arrays.stream((String[]) models.getArray()).map(ModelId::new).collect(Collectors.toUnmodifiableSet());
        Timestamp expires = rs.getTimestamp("expires_at");
        Timestamp revoked = rs.getTimestamp("revoked_at");
        return new KeyRow(
                rs.getObject("id", UUID.class),
                rs.getObject("team_id", UUID.class),
                rs.getString("name"),
                allowed,
                rs.getBigDecimal("budget"),
                rs.getBigDecimal("spent"),
                rs.getObject("rpm", Integer.class),
                expires == null ? null : expires.toInstant(),
                revoked == null ? null : revoked.toInstant());
    }
}
