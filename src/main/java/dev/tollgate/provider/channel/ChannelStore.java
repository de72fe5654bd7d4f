package dev.tollgate.provider.channel;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** The {@code upstream_channel} table. */
@Repository
class ChannelStore {

    private static final TypeReference<LinkedHashMap<String, String>> MODELS = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ChannelStore(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<ChannelRow> all() {
        return jdbc.sql("select * from upstream_channel order by priority, name")
                .query(this::row)
                .list();
    }

    Optional<ChannelRow> find(ChannelId id) {
        return jdbc.sql("select * from upstream_channel where id = ?")
                .param(id.value())
                .query(this::row)
                .optional();
    }

    /** The built-in simulator's row; there is one from the first start on. */
    Optional<ChannelRow> findSimulator() {
        return jdbc.sql("select * from upstream_channel where kind = ?")
                .param(ChannelKind.SIMULATOR.id())
                .query(this::row)
                .optional();
    }

    Optional<ChannelRow> findByName(String name) {
        return jdbc.sql("select * from upstream_channel where lower(name) = lower(?)")
                .param(name)
                .query(this::row)
                .optional();
    }

    /** Changes to any channel move this; instances compare it to know when to reload. */
    String version() {
        return jdbc.sql("select count(*) || ':' || coalesce(max(updated_at)::text, '') from upstream_channel")
                .query(String.class)
                .single();
    }

    void insert(ChannelRow row, Instant now) {
        jdbc.sql("""
                        insert into upstream_channel (id, name, kind, base_url, region, secret_sealed, models, priority,
                            weight, connect_timeout_ms, timeout_ms, enabled, speaks_responses, from_config, created_at,
                            updated_at)
                        values (:id, :name, :kind, :baseUrl, :region, :secret, cast(:models as jsonb), :priority,
                            :weight, :connectMs, :timeoutMs, :enabled, :speaksResponses, :fromConfig, :now, :now)
                        """).params(params(row, now)).update();
    }

    /** Inserts the row unless one with its name (or a second simulator) exists: instances starting together race. */
    boolean insertIfAbsent(ChannelRow row, Instant now) {
        return jdbc.sql("""
                                insert into upstream_channel (id, name, kind, base_url, region, secret_sealed, models,
                                    priority, weight, connect_timeout_ms, timeout_ms, enabled, speaks_responses,
                                    from_config, created_at, updated_at)
                                values (:id, :name, :kind, :baseUrl, :region, :secret, cast(:models as jsonb),
                                    :priority, :weight, :connectMs, :timeoutMs, :enabled, :speaksResponses,
                                    :fromConfig, :now, :now)
                                on conflict do nothing
                                """).params(params(row, now)).update() == 1;
    }

    void update(ChannelRow row, Instant now) {
        jdbc.sql("""
                        update upstream_channel set name = :name, kind = :kind, base_url = :baseUrl, region = :region,
                            secret_sealed = :secret, models = cast(:models as jsonb), priority = :priority,
                            weight = :weight, connect_timeout_ms = :connectMs, timeout_ms = :timeoutMs,
                            enabled = :enabled, speaks_responses = :speaksResponses, from_config = :fromConfig,
                            updated_at = :now
                        where id = :id
                        """).params(params(row, now)).update();
    }

    boolean setEnabled(ChannelId id, boolean enabled, Instant now) {
        return jdbc.sql("update upstream_channel set enabled = ?, updated_at = ? where id = ? and enabled <> ?")
                        .params(enabled, Timestamp.from(now), id.value(), enabled)
                        .update()
                == 1;
    }

    boolean delete(ChannelId id) {
        return jdbc.sql("delete from upstream_channel where id = ?")
                        .param(id.value())
                        .update()
                == 1;
    }

    private Map<String, Object> params(ChannelRow row, Instant now) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", row.id().value());
        params.put("name", row.name());
        params.put("kind", row.kind().id());
        params.put("baseUrl", row.baseUrl() == null ? null : row.baseUrl().toString());
        params.put("region", row.region());
        params.put("secret", row.secretSealed());
        params.put("models", json.writeValueAsString(row.models()));
        params.put("priority", row.priority());
        params.put("weight", row.weight());
        params.put("connectMs", row.connectTimeout().toMillis());
        params.put("timeoutMs", row.timeout().toMillis());
        params.put("enabled", row.enabled());
        params.put("speaksResponses", row.speaksResponses());
        params.put("fromConfig", row.fromConfig());
        params.put("now", Timestamp.from(now));
        return params;
    }

    private ChannelRow row(ResultSet rs, int rowNum) throws SQLException {
        return new ChannelRow(
                new ChannelId(rs.getObject("id", UUID.class)),
                rs.getString("name"),
                ChannelKind.fromId(rs.getString("kind")).orElseThrow(),
                baseUrl(rs.getString("base_url")),
                rs.getString("region"),
                rs.getBytes("secret_sealed"),
                models(rs.getString("models")),
                rs.getInt("priority"),
                rs.getInt("weight"),
                Duration.ofMillis(rs.getLong("connect_timeout_ms")),
                Duration.ofMillis(rs.getLong("timeout_ms")),
                rs.getBoolean("enabled"),
                rs.getBoolean("speaks_responses"),
                rs.getBoolean("from_config"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static @Nullable URI baseUrl(@Nullable String text) {
        return text == null ? null : URI.create(text);
    }

    private Map<String, String> models(@Nullable String text) {
        return text == null ? Map.of() : json.readValue(text, MODELS);
    }
}
