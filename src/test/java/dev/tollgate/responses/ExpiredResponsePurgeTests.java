package dev.tollgate.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/** The purge frees the rows of responses past their retention and leaves the others. */
@IntegrationTest
class ExpiredResponsePurgeTests {

    @LocalServerPort
    int port;

    @Autowired
    ResponseStore store;

    @Autowired
    ExpiredResponsePurge purge;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JsonMapper json;

    @Test
    void thePurgeDeletesOnlyResponsesPastTheirRetention() {
        FundedTeam team = FundedTeam.create(port, "Purged", "1.00");
        String expired = saved(team, Instant.now().minus(Duration.ofDays(31)));
        String live = saved(team, Instant.now().minus(Duration.ofDays(29)));

        purge.purge();

        assertThat(rowExists(expired)).as("expired row").isFalse();
        assertThat(rowExists(live)).as("live row").isTrue();
        assertThat(store.find(team.teamId(), live)).isPresent();
    }

    private String saved(FundedTeam team, Instant createdAt) {
        String id = "resp_" + UUID.randomUUID().toString().replace("-", "");
        store.save(new StoredResponse(
                id,
                team.teamId(),
                null,
                "acme-chat-1",
                List.of(json.createObjectNode().put("role", "user").put("content", "Hi")),
                json.createObjectNode().put("id", id).put("object", "response"),
                createdAt));
        return id;
    }

    private boolean rowExists(String id) {
        return jdbc.sql("select count(*) from stored_response where id = :id")
                        .param("id", id)
                        .query(Integer.class)
                        .single()
                > 0;
    }
}
