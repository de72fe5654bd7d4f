package dev.tollgate.apikey;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.tollgate.account.TeamId;
import dev.tollgate.catalog.ModelId;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The api_key table on the request path, in plain SQL: finding keys by hash for every API request, recording use,
 * and naming keys. Rows are kept for a few seconds so a busy key costs no query per request. A change to a key drops
 * its entry here at once and tells every replica through PostgreSQL ({@link #announceChange}, heard by
 * {@link ApiKeyChangeListener}); should that word get lost, no replica keeps a row longer than {@link #FRESHNESS}.
 * A row a key keeps being used with is reloaded ahead of that ({@link #REFRESH}). Expiry is a timestamp in the row,
 * checked against the clock on every use.
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
            @Nullable Integer rpm,
            @Nullable Instant expiresAt,
            @Nullable Instant revokedAt,
            long revision) {

        ApiKeyStatus status(Instant now) {
            if (revokedAt != null) {
                return ApiKeyStatus.REVOKED;
            }
            return expiresAt != null && !now.isBefore(expiresAt) ? ApiKeyStatus.EXPIRED : ApiKeyStatus.ACTIVE;
        }

        AuthenticatedKey toAuthenticated() {
            return new AuthenticatedKey(new ApiKeyId(id), new TeamId(teamId), name, allowedModels, rpm, revision);
        }
    }

    /**
     * A row read again this long after it was loaded is reloaded behind the read, which still gets the row it has: a
     * busy key is reloaded before it expires, so its callers never all wait for the reload.
     */
    static final Duration REFRESH = FRESHNESS.minusSeconds(1);

    private final JdbcClient jdbc;
    private final LoadingCache<String, Optional<KeyRow>> rows;
    private final ConcurrentHashMap<UUID, Instant> lastTouched = new ConcurrentHashMap<>();

    @Autowired
    ApiKeyStore(JdbcClient jdbc) {
        this(jdbc, Ticker.systemTicker());
    }

    ApiKeyStore(JdbcClient jdbc, Ticker ticker) {
        this.jdbc = jdbc;
        this.rows = Caffeine.newBuilder()
                .refreshAfterWrite(REFRESH)
                .expireAfterWrite(FRESHNESS)
                .maximumSize(50_000)
                .ticker(ticker)
                // a reload waits on the database; the common pool has one thread per core and is not for that
                .executor(reload -> Thread.ofVirtual().name("api-key-reload").start(reload))
                .build(this::load);
    }

    Optional<KeyRow> byHash(String hash) {
        return rows.get(hash);
    }

    void forget(String hash) {
        rows.invalidate(hash);
    }

    /** Drops every row: after a break in {@link ApiKeyChangeListener}'s connection, changes may have gone unheard. */
    void forgetAll() {
        rows.invalidateAll();
    }

    /**
     * Forgets the key here and, in the caller's transaction, tells every replica to: PostgreSQL delivers the
     * notification when the transaction commits, and never when it rolls back.
     */
    void announceChange(String hash) {
        forget(hash);
        jdbc.sql("select pg_notify(?, ?)")
                .params(ApiKeyChangeListener.CHANNEL, hash)
                .query()
                .singleValue();
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

    /** Names and masked forms of the keys, for whoever tells people about them; unknown ids are left out. */
    Map<ApiKeyId, KeyLabel> labels(Collection<ApiKeyId> keys) {
        Map<ApiKeyId, KeyLabel> labels = new HashMap<>();
        jdbc.sql("select id, name, last_four from api_key where id = any(cast(? as uuid[]))")
                .param(keys.stream().map(ApiKeyId::toString).toArray(String[]::new))
                .query((rs, row) -> labels.put(
                        new ApiKeyId(rs.getObject("id", UUID.class)),
                        new KeyLabel(rs.getString("name"), PlaintextKey.PREFIX + "…" + rs.getString("last_four"))))
                .list();
        return labels;
    }

    private Optional<KeyRow> load(String hash) {
        return jdbc.sql("""
                        select id, team_id, name, allowed_models, rpm, expires_at, revoked_at, revision
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
                rs.getObject("rpm", Integer.class),
                expires == null ? null : expires.toInstant(),
                revoked == null ? null : revoked.toInstant(),
                rs.getLong("revision"));
    }
}
