package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AdminApiClient.Reply;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL stores no NUL character, and half a surrogate pair has no UTF-8 form. Text a caller sends to be stored
 * (prompts of images and videos, team, key and people's names, notes, channel settings) holding either is a 400 naming
 * the field, with nothing charged; text the gateway stores on its own account (an upstream's error) is cleaned. Before,
 * such text reached the database and came back as a 500, or as a 502 "upstream failed".
 */
@IntegrationTest
class UnstorableTextTests {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    AdminApiClient admin;
    FundedTeam team;

    @BeforeEach
    void fundedTeam() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        team = FundedTeam.create(port, "Unstorable", "5.00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"A lighthouse\\u0000at dawn", "A lighthouse \\ud800 at dawn"})
    void anImagePromptThatCannotBeStoredIsA400NamingThePromptAndCostsNothing(String prompt) throws Exception {
        HttpResponse<String> reply = post(
                "/v1/images/generations",
                "{\"model\":\"enterprise/gemini-3.1-flash-image-preview-2k\",\"prompt\":\"" + prompt + "\"}");

        assertThat(reply.statusCode()).isEqualTo(400);
        JsonNode error = JSON.readTree(reply.body()).get("error");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.get("param").asString()).isEqualTo("prompt");
        assertThat(team.balance(jdbc)).isEqualByComparingTo(new BigDecimal("5.00"));
        assertThat(rows("media_item")).isZero();
    }

    @Test
    void aVideoPromptWithANulIsA400NamingThePromptAndQueuesNothing() throws Exception {
        HttpResponse<String> reply =
                post("/v1/videos", "{\"model\":\"enterprise/seedance-1-5-pro\",\"prompt\":\"A boat\\u0000\"}");

        assertThat(reply.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(reply.body()).get("error").get("param").asString())
                .isEqualTo("prompt");
        assertThat(team.balance(jdbc)).isEqualByComparingTo(new BigDecimal("5.00"));
        assertThat(rows("video_job")).isZero();
    }

    @Test
    void aTeamNameWithANulIsA400() {
        Reply reply = admin.post("/admin/v1/teams", "{\"name\":\"Acme\\u0000 Corp\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("error").get("message").asString()).contains("team name", "NUL");
    }

    @Test
    void aKeyNameWithANulOrAnUnpairedSurrogateIsA400() {
        for (String name : new String[] {"ci\\u0000runner", "ci \\udc00 runner"}) {
            Reply reply = admin.post("/admin/v1/teams/" + team.id() + "/keys", "{\"name\":\"" + name + "\"}");

            assertThat(reply.status()).as(name).isEqualTo(400);
            assertThat(reply.body().get("error").get("message").asString()).contains("key name");
        }
    }

    @Test
    void aTopUpNoteWithANulIsA400AndAddsNoCredit() {
        Reply reply = admin.post(
                "/admin/v1/teams/" + team.id() + "/credits", "{\"amount\":\"1.00\",\"note\":\"PO\\u0000 7\"}");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("error").get("message").asString()).contains("note");
        assertThat(team.balance(jdbc)).isEqualByComparingTo(new BigDecimal("5.00"));
    }

    @Test
    void aChannelsUpstreamModelIdWithANulIsA400() {
        Reply reply = admin.post("/admin/v1/channels", """
                {"name":"nul-model","kind":"openai-compatible","baseUrl":"https://upstream.example/v1",
                 "apiKey":"sk-x","models":{"aws/claude-haiku-4-5":"haiku\\u0000"}}""");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("error").get("message").asString()).contains("upstream id");
    }

    @Test
    void anUpstreamErrorHoldingANulIsStoredCleanedAndTheCallerGetsTheUpstreamFailure() throws Exception {
        TestChannels channels = new TestChannels(channelService, actors);
        try (UpstreamStandIn upstream = new UpstreamStandIn()) {
            upstream.on(
                    "POST",
                    "/v1/chat/completions",
                    // a raw NUL byte in the body, as a broken upstream might send
                    Answer.json(500, "{\"error\":{\"message\":\"boom\u0000 and more\"}}"));
            channels.add(
                    "nul-error",
                    ChannelKind.OPENAI_COMPATIBLE,
                    upstream.baseUrl("/v1"),
                    "sk-nul",
                    Map.of("aws/glm-5", "glm"),
                    0);

            HttpResponse<String> reply = post(
                    "/v1/chat/completions",
                    "{\"model\":\"aws/glm-5\",\"max_tokens\":5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");

            assertThat(reply.statusCode()).as(reply.body()).isEqualTo(503);
            String stored = jdbc.sql("select error from usage_record where team_id = ?::uuid")
                    .param(team.id())
                    .query(String.class)
                    .single();
            assertThat(stored).contains("boom\uFFFD and more").doesNotContain("\u0000");
        } finally {
            channels.removeAll();
        }
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + team.key())
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private long rows(String table) {
        return jdbc.sql("select count(*) from " + table + " where team_id = ?::uuid")
                .param(team.id())
                .query(Long.class)
                .single();
    }
}
