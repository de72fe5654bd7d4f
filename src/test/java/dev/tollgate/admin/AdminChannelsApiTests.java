package dev.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AdminApiClient.Reply;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Channels through the admin API: created, listed with health, changed, deleted; the secret never comes back. */
@IntegrationTest
class AdminChannelsApiTests {

    static final String SECRET = "sk-admin-api-5ecret-99";

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channels;

    @Autowired
    Actors actors;

    AdminApiClient admin;

    @BeforeEach
    void client() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
    }

    @AfterEach
    void removeChannels() {
        new TestChannels(channels, actors).removeAll();
    }

    @Test
    void aChannelIsCreatedListedChangedAndDeletedWithoutItsSecretEverComingBack() {
        Reply created = admin.post("/admin/v1/channels", """
                {"name":"api-made","kind":"anthropic","baseUrl":"https://api.anthropic.com/v1",
                 "apiKey":"%s","models":{"aws/claude-haiku-4-5":"claude-haiku-4-5"},"priority":2}""".formatted(SECRET));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.raw().body()).doesNotContain(SECRET);
        assertThat(created.body().get("hasSecret").asBoolean()).isTrue();
        assertThat(created.body().get("kind").asString()).isEqualTo("anthropic");
        assertThat(created.body().get("models").get("aws/claude-haiku-4-5").asString())
                .isEqualTo("claude-haiku-4-5");
        assertThat(created.body().get("health").get("circuit").asString()).isEqualTo("closed");
        String id = created.body().get("id").asString();

        Reply listed = admin.get("/admin/v1/channels");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.raw().body()).contains("api-made").doesNotContain(SECRET);

        Reply changed = admin.put("/admin/v1/channels/" + id, """
                {"name":"api-made","kind":"anthropic","baseUrl":"https://api.anthropic.com/v1",
                 "models":{"aws/claude-haiku-4-5":""},"priority":0,"enabled":false}""");
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("hasSecret").asBoolean())
                .as("no apiKey keeps the stored one")
                .isTrue();
        assertThat(changed.body().get("priority").asInt()).isZero();
        assertThat(changed.body().get("enabled").asBoolean()).isFalse();
        assertThat(changed.body().get("models").get("aws/claude-haiku-4-5").asString())
                .as("an empty upstream id means the catalog's")
                .isEqualTo("aws/claude-haiku-4-5");

        assertThat(admin.delete("/admin/v1/channels/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/admin/v1/channels/" + id).status()).isEqualTo(404);
    }

    @Test
    void badChannelsAreRefusedWithWhatToFix() {
        assertThat(error(admin.post("/admin/v1/channels", """
                        {"name":"x","kind":"carrier-pigeon","baseUrl":"https://a.example","models":{}}"""))).contains("kind: one of openai-compatible");
        assertThat(error(admin.post("/admin/v1/channels", """
                        {"name":"x","kind":"anthropic","baseUrl":"https://a.example",
                         "models":{"enterprise/seedance-1-5-pro":"s"}}""")))
                .contains("anthropic channels cannot serve video model 'enterprise/seedance-1-5-pro'");
        assertThat(error(admin.post("/admin/v1/channels", """
                        {"name":"x","kind":"bedrock","baseUrl":"https://bedrock-runtime.us-east-1.amazonaws.com",
                         "models":{"aws/claude-haiku-4-5":"anthropic.claude-haiku"}}""")))
                .contains("Region: Bedrock channels need an AWS region");
        assertThat(error(admin.post("/admin/v1/channels", """
                        {"name":"simulator","kind":"openai-compatible","baseUrl":"https://a.example",
                         "models":{"aws/claude-haiku-4-5":""}}"""))).contains("the built-in simulator's");
        assertThat(error(admin.post("/admin/v1/channels", "{not json"))).contains("not valid JSON");
        assertThat(admin.get("/admin/v1/channels/not-a-uuid").status()).isEqualTo(404);
        assertThat(admin.delete("/admin/v1/channels/00000000-0000-0000-0000-000000000000")
                        .status())
                .isEqualTo(404);
        assertThat(new AdminApiClient(port, "wrong-key")
                        .get("/admin/v1/channels")
                        .status())
                .isEqualTo(401);
    }

    @Test
    void twoChannelsCannotShareAName() {
        String body = """
                {"name":"twin","kind":"openai-compatible","baseUrl":"https://a.example/v1",
                 "models":{"aws/claude-haiku-4-5":""}}""";
        assertThat(admin.post("/admin/v1/channels", body).status()).isEqualTo(201);
        assertThat(error(admin.post("/admin/v1/channels", body))).contains("a channel called 'twin' exists already");
    }

    private static String error(Reply reply) {
        assertThat(reply.status()).isEqualTo(400);
        return reply.body().get("error").get("message").asString();
    }
}
