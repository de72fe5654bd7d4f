package dev.tollgate.responses;

import dev.tollgate.account.TeamId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Keeps and finds a team's stored responses. Every read is scoped to the team and to responses not yet expired, so
 * another team's id, a deleted one and an expired one all look the same: absent.
 */
@Service
public class ResponseStore {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final ResponsesProperties properties;

    ResponseStore(JdbcClient jdbc, JsonMapper json, Clock clock, ResponsesProperties properties) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
        this.properties = properties;
    }

    /** Keeps a finished response until the retention period from its creation has passed. */
    public void save(StoredResponse response) {
        jdbc.sql("""
                        insert into stored_response
                            (id, team_id, previous_response_id, model, input_items, response, created_at, expires_at)
                        values (:id, :team, :previous, :model, cast(:input as jsonb), cast(:response as jsonb),
                                :created, :expires)""")
                .param("id", response.id())
                .param("team", response.team().value())
                .param("previous", response.previousResponseId())
                .param("model", response.model())
                .param("input", json.writeValueAsString(response.inputItems()))
                .param("response", json.writeValueAsString(response.response()))
                .param("created", Timestamp.from(response.createdAt()))
                .param("expires", Timestamp.from(response.createdAt().plus(properties.retention())))
                .update();
    }

    /** The Response object as it was returned; empty when the team has no such response (any more). */
    public Optional<ObjectNode> find(TeamId team, String id) {
        return jdbc.sql("""
                        select response from stored_response
                        where id = :id and team_id = :team and expires_at > :now""")
                .param("id", id)
                .param("team", team.value())
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> (ObjectNode) json.readTree(rs.getString("response")))
                .optional();
    }

    /** The input items of a response as they were sent, in order; empty as {@link #find}. */
    public Optional<List<ObjectNode>> inputItems(TeamId team, String id) {
        return jdbc.sql("""
                        select input_items from stored_response
                        where id = :id and team_id = :team and expires_at > :now""")
                .param("id", id)
                .param("team", team.value())
                .param("now", Timestamp.from(clock.instant()))
                .query((rs, row) -> objects(json.readTree(rs.getString("input_items"))))
                .optional();
    }

    /**
     * What a request that continues {@code id} with {@code previous_response_id} sees before its own input: for each
     * response of the chain ending at {@code id}, oldest first, its input items and then its output items. The chain
     * stops where a response has gone (deleted or expired) and after {@link ResponsesProperties#maxChain()} responses.
     * Empty when {@code id} itself is absent, as {@link #find}.
     */
    public Optional<List<ObjectNode>> conversation(TeamId team, String id) {
        List<String[]> links = jdbc.sql("""
                        with recursive chain (id, previous_response_id, input_items, output, depth) as (
                            select id, previous_response_id, input_items, response -> 'output', 1
                            from stored_response
                            where id = :id and team_id = :team and expires_at > :now
                          union all
                            select s.id, s.previous_response_id, s.input_items, s.response -> 'output', c.depth + 1
                            from stored_response s join chain c on s.id = c.previous_response_id
                            where s.team_id = :team and s.expires_at > :now and c.depth < :max
                        )
                        select input_items, output from chain order by depth desc""")
                .param("id", id)
                .param("team", team.value())
                .param("now", Timestamp.from(clock.instant()))
                .param("max", properties.maxChain())
                .query((rs, row) -> new String[] {rs.getString("input_items"), rs.getString("output")})
                .list();
        if (links.isEmpty()) {
            return Optional.empty();
        }
        List<ObjectNode> items = new ArrayList<>();
        for (String[] link : links) {
            items.addAll(objects(json.readTree(link[0])));
            if (link[1] != null) {
                items.addAll(objects(json.readTree(link[1])));
            }
        }
        return Optional.of(items);
    }

    /**
     * The output items with these ids among the team's stored responses, by id, for input items that refer to them
     * ({@code item_reference}); an id the team has no such item for is absent.
     */
    public Map<String, ObjectNode> outputItems(TeamId team, Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        // each id becomes a containment pattern, which the GIN index on the output items answers
        String[] patterns = ids.stream()
                .map(id -> json.createArrayNode().add(json.createObjectNode().put("id", id)))
                .map(json::writeValueAsString)
                .toArray(String[]::new);
        Map<String, ObjectNode> items = new HashMap<>();
        jdbc.sql("""
                        select item from stored_response s
                        cross join lateral jsonb_array_elements(s.response -> 'output') item
                        where s.team_id = :team and s.expires_at > :now
                          and s.response -> 'output' @> any (cast(:patterns as jsonb[]))
                          and item ->> 'id' in (:ids)""")
                .param("team", team.value())
                .param("now", Timestamp.from(clock.instant()))
                .param("patterns", patterns)
                .param("ids", List.copyOf(ids))
                .query((rs, row) -> (ObjectNode) json.readTree(rs.getString("item")))
                .list()
                .forEach(item -> items.putIfAbsent(item.path("id").asString(), item));
        return items;
    }

    /** Deletes the team's response; false when it had none by that id. */
    public boolean delete(TeamId team, String id) {
        return jdbc.sql("""
                        delete from stored_response
                        where id = :id and team_id = :team and expires_at > :now""")
                        .param("id", id)
                        .param("team", team.value())
                        .param("now", Timestamp.from(clock.instant()))
                        .update()
                > 0;
    }

    /** Deletes up to {@code batch} responses whose retention has ended; how many went. */
    int purgeExpired(Instant now, int batch) {
        return jdbc.sql("""
                        delete from stored_response where id in (
                            select id from stored_response where expires_at <= :now limit :batch)""")
                .param("now", Timestamp.from(now))
                .param("batch", batch)
                .update();
    }

    private static List<ObjectNode> objects(JsonNode array) {
        List<ObjectNode> items = new ArrayList<>();
        for (JsonNode item : array) {
            if (item instanceof ObjectNode object) {
                items.add(object);
            }
        }
        return items;
    }
}
