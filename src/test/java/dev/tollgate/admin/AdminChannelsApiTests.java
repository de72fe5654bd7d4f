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
import tools.jackson.databind.JsonNode;

/**
 * Channels through the admin API: created, listed with health, changed, switched, deleted; the secret never comes
 * back; the built-in simulator is listed and switched but never deleted, renamed or made twice.
 */
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

        Reply switched = admin.put("/admin/v1/channels/" + id, "{\"enabled\":true}");
        assertThat(switched.status()).isEqualTo(200);
        assertThat(switched.body().get("enabled").asBoolean()).isTrue();
        assertThat(switched.body().get("baseUrl").asString())
                .as("a body with only enabled switches the channel and changes nothing else")
                .isEqualTo("https://api.anthropic.com/v1");

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
    void theSimulatorIsListedAndSwitchedButNeitherDeletedRenamedNorMadeAgain() {
        JsonNode simulator = simulator();
        String path = "/admin/v1/channels/" + simulator.get("id").asString();
        assertThat(simulator.get("name").asString()).isEqualTo("simulator");
        assertThat(simulator.get("baseUrl").isNull()).as("it calls no upstream").isTrue();
        assertThat(simulator.get("hasSecret").asBoolean()).isFalse();
        assertThat(simulator.get("enabled").asBoolean()).isTrue();
        assertThat(simulator.get("fromConfig").asBoolean()).isFalse();
        assertThat(simulator.get("priority").asInt()).isGreaterThan(1000);
        assertThat(simulator.get("health").get("circuit").asString()).isEqualTo("closed");
        try {
            Reply off = admin.put(path, "{\"enabled\":false}");
            assertThat(off.status()).isEqualTo(200);
            assertThat(off.body().get("enabled").asBoolean()).isFalse();
            assertThat(simulator().get("enabled").asBoolean()).isFalse();

            assertThat(error(admin.delete(path))).contains("cannot be deleted");
            assertThat(error(admin.put(path, """
                            {"name":"renamed","kind":"simulator","enabled":true}"""))).contains("keeps its name");
            assertThat(error(admin.post("/admin/v1/channels", """
                            {"name":"simulator-2","kind":"simulator"}"""))).contains("there is one built-in simulator");

            Reply on = admin.put(path, "{\"enabled\":true}");
            assertThat(on.status()).isEqualTo(200);
            assertThat(on.body().get("enabled").asBoolean()).isTrue();
        } finally {
            admin.put(path, "{\"enabled\":true}");
        }
    }

    @Test
    void twoChannelsCannotShareAName() {
        String body = """
                {"name":"twin","kind":"openai-compatible","baseUrl":"https://a.example/v1",
                 "models":{"aws/claude-haiku-4-5":""}}""";
        assertThat(admin.post("/admin/v1/channels", body).status()).isEqualTo(201);
        assertThat(error(admin.post("/admin/v1/channels", body))).contains("a channel called 'twin' exists already");
    }

    @Test
    void anOpenAiCompatibleChannelCanSpeakResponsesAndNoOtherKindCan() {
        Reply plain = admin.post("/admin/v1/channels", """
                {"name":"chat-only","kind":"openai-compatible","baseUrl":"https://a.example/v1",
                 "models":{"aws/claude-haiku-4-5":""}}""");
        assertThat(plain.body().get("speaksResponses").asBoolean())
                .as("a channel speaks Chat Completions unless it is said otherwise")
                .isFalse();

        Reply relaying = admin.post("/admin/v1/channels", """
                {"name":"responses-upstream","kind":"openai-compatible","baseUrl":"https://b.example/v1",
                 "models":{"aws/claude-haiku-4-5":""},"speaksResponses":true}""");
        assertThat(relaying.status()).isEqualTo(201);
        assertThat(relaying.body().get("speaksResponses").asBoolean()).isTrue();
        String id = relaying.body().get("id").asString();
        assertThat(admin.get("/admin/v1/channels/" + id)
                        .body()
                        .get("speaksResponses")
                        .asBoolean())
                .as("stored, and shown when read back")
                .isTrue();

        Reply restated = admin.put("/admin/v1/channels/" + id, """
                {"name":"responses-upstream","kind":"openai-compatible","baseUrl":"https://b.example/v1",
                 "models":{"aws/claude-haiku-4-5":""}}""");
        assertThat(restated.body().get("speaksResponses").asBoolean())
                .as("a channel restated without the setting no longer speaks Responses")
                .isFalse();
        Reply snakeCase = admin.put("/admin/v1/channels/" + id, """
                {"name":"responses-upstream","kind":"openai-compatible","baseUrl":"https://b.example/v1",
                 "models":{"aws/claude-haiku-4-5":""},"speaks_responses":true}""");
        assertThat(snakeCase.body().get("speaksResponses").asBoolean())
                .as("the Responses API's own spelling is understood too")
                .isTrue();
        assertThat(admin.put("/admin/v1/channels/" + id, "{\"enabled\":false}")
                        .body()
                        .get("speaksResponses")
                        .asBoolean())
                .as("switching a channel leaves the setting alone")
                .isTrue();

        assertThat(error(admin.post("/admin/v1/channels", """
                        {"name":"claude","kind":"anthropic","baseUrl":"https://api.anthropic.com/v1",
                         "models":{"aws/claude-haiku-4-5":"claude-haiku-4-5"},"speaksResponses":true}""")))
                .isEqualTo("Speaks Responses: only openai-compatible channels can send the Responses API on as sent;"
                        + " anthropic channels speak their own API");
        JsonNode simulator = simulator();
        assertThat(error(admin.put("/admin/v1/channels/" + simulator.get("id").asString(), """
                        {"name":"simulator","kind":"simulator","priority":1001,"enabled":true,"speaksResponses":true}""")))
                .contains("Speaks Responses: only openai-compatible channels");
    }

    private JsonNode simulator() {
        Reply listed = admin.get("/admin/v1/channels");
        assertThat(listed.status()).isEqualTo(200);
        for (JsonNode channel : listed.body().get("data")) {
            if (channel.get("kind").asString().equals("simulator")) {
                return channel;
            }
        }
        throw new AssertionError("The simulator is not listed: " + listed.raw().body());
    }

    private static String error(Reply reply) {
        assertThat(reply.status()).isEqualTo(400);
        return reply.body().get("error").get("message").asString();
    }
}
