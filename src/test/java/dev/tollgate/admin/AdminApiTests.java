package dev.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AdminApiClient.Reply;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.Layout;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AdminApiTests {

    @LocalServerPort
    int port;

    AdminApiClient admin;

    @BeforeEach
    void client() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
    }

    @Test
    void aUrlTheFirewallRefusesIsAJson400NotTheContainersErrorPage() {
        AdminApiClient.Reply reply = admin.get("/admin/v1/teams//usage.csv");

        assertThat(reply.status()).isEqualTo(400);
        assertThat(reply.body().get("error").get("message").asString()).contains("The request URL is malformed");
        assertThat(reply.raw().body()).doesNotContain("\"timestamp\"");
    }

    @Test
    void createsATeamWithANilBalance() {
        String name = "Acme " + UUID.randomUUID();
        Reply created = admin.post("/admin/v1/teams", "{\"name\":\"" + name + "\"}");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("name").asString()).isEqualTo(name);
        assertThat(created.body().get("balance").asString()).isEqualTo("0.00");
        Reply fetched = admin.get("/admin/v1/teams/" + created.body().get("id").asString());
        assertThat(fetched.status()).isEqualTo(200);
        assertThat(fetched.body().get("name").asString()).isEqualTo(name);
    }

    @Test
    void topUpsAreExactDecimalStrings() {
        String team = admin.createTeam("Credits " + UUID.randomUUID());

        assertThat(admin.post("/admin/v1/teams/" + team + "/credits", "{\"amount\":\"25.00\",\"note\":\"PO 1\"}")
                        .body()
                        .get("balance")
                        .asString())
                .isEqualTo("25.00");
        assertThat(admin.post("/admin/v1/teams/" + team + "/credits", "{\"amount\":\"0.000000001\"}")
                        .body()
                        .get("balance")
                        .asString())
                .isEqualTo("25.000000001");
        assertThat(admin.get("/admin/v1/teams/" + team).body().get("balance").asString())
                .isEqualTo("25.000000001");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"amount\":\"0\"}",
                "{\"amount\":\"-5.00\"}",
                "{\"amount\":\"abc\"}",
                "{\"amount\":\"1.0000000001\"}",
                "{\"amount\":\"\"}",
                "{}",
                "{\"amount\":\"1e400\"}",
                "not json"
            })
    void badAmountsAreCleanBadRequestsThatChangeNothing(String body) {
        String team = admin.createTeam("Bad amounts " + UUID.randomUUID());
        Reply reply = admin.post("/admin/v1/teams/" + team + "/credits", body);

        assertThat(reply.status()).isEqualTo(400);
        assertError(reply, "invalid_request_error");
        assertThat(admin.get("/admin/v1/teams/" + team).body().get("balance").asString())
                .isEqualTo("0.00");
    }

    @Test
    void unknownAndMalformedIdsAreNotFound() {
        String unknown = UUID.randomUUID().toString();
        assertThat(admin.get("/admin/v1/teams/" + unknown).status()).isEqualTo(404);
        assertThat(admin.get("/admin/v1/teams/not-a-uuid").status()).isEqualTo(404);
        Reply credits = admin.post("/admin/v1/teams/" + unknown + "/credits", "{\"amount\":\"5\"}");
        assertThat(credits.status()).isEqualTo(404);
        assertError(credits, "invalid_request_error");
        assertThat(admin.post("/admin/v1/teams/" + unknown + "/keys", "{\"name\":\"x\"}")
                        .status())
                .isEqualTo(404);
        assertThat(admin.delete("/admin/v1/keys/" + unknown).status()).isEqualTo(404);
        assertThat(admin.delete("/admin/v1/keys/nope").status()).isEqualTo(404);
        assertThat(admin.get("/admin/v1/nothing-here").status()).isEqualTo(404);
    }

    @Test
    void aMissingOrWrongMasterKeyIsA401() {
        AdminApiClient anonymous = new AdminApiClient(port, null);
        AdminApiClient wrong = new AdminApiClient(port, IntegrationTest.MASTER_KEY + "x");

        Reply none = anonymous.post("/admin/v1/teams", "{\"name\":\"x\"}");
        Reply bad = wrong.get("/admin/v1/teams");
        assertThat(none.status()).isEqualTo(401);
        assertThat(bad.status()).isEqualTo(401);
        assertError(bad, "invalid_request_error");
        assertThat(bad.body().get("error").get("message").asString()).contains("master key");
    }

    @Test
    void teamNamesAreRequiredAndUnique() {
        assertThat(admin.post("/admin/v1/teams", "{\"name\":\"  \"}").status()).isEqualTo(400);
        assertThat(admin.post("/admin/v1/teams", "{}").status()).isEqualTo(400);
        String name = "Twice " + UUID.randomUUID();
        admin.createTeam(name);
        Reply again = admin.post("/admin/v1/teams", "{\"name\":\"" + name.toUpperCase() + "\"}");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.body().get("error").get("message").asString()).contains("already exists");
    }

    @Test
    void issuesAKeyOnceAndListsKeysWithoutSecrets() {
        String team = admin.createTeam("Keys " + UUID.randomUUID());
        JsonNode issued = admin.createKey(team, """
                {"name":"ci","budget":"12.50","models":["aws/glm-5"],"expiresAt":"2099-12-31T00:00:00Z","rpm":30}""");

        String plaintext = issued.get("key").asString();
        assertThat(plaintext).matches("vai-[0-9A-Za-z]{40}");
        assertThat(issued.get("budget").asString()).isEqualTo("12.50");
        assertThat(issued.get("rpm").asInt()).isEqualTo(30);
        assertThat(issued.get("models").get(0).asString()).isEqualTo("aws/glm-5");

        Reply listed = admin.get("/admin/v1/teams/" + team + "/keys");
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.raw().body()).doesNotContain(plaintext).doesNotContain(plaintext.substring(4, 30));
        JsonNode key = listed.body().get("data").get(0);
        assertThat(key.get("key").isNull()).isTrue();
        assertThat(key.get("maskedKey").asString()).isEqualTo("vai-…" + plaintext.substring(40));
        assertThat(key.get("status").asString()).isEqualTo("active");
    }

    @Test
    void revokingAKeyShowsInTheList() {
        String team = admin.createTeam("Revoke " + UUID.randomUUID());
        JsonNode issued = admin.createKey(team, "{\"name\":\"temp\"}");
        assertThat(admin.delete("/admin/v1/keys/" + issued.get("id").asString()).status())
                .isEqualTo(204);
        assertThat(admin.delete("/admin/v1/keys/" + issued.get("id").asString()).status())
                .as("revoking again is harmless")
                .isEqualTo(204);
        JsonNode key = admin.get("/admin/v1/teams/" + team + "/keys")
                .body()
                .get("data")
                .get(0);
        assertThat(key.get("status").asString()).isEqualTo("revoked");
        assertThat(key.get("revokedAt").isNull()).isFalse();
    }

    @Test
    void badKeyRequestsAreBadRequests() {
        String team = admin.createTeam("Bad keys " + UUID.randomUUID());
        assertThat(admin.post("/admin/v1/teams/" + team + "/keys", "{}").status())
                .isEqualTo(400);
        assertThat(admin.post("/admin/v1/teams/" + team + "/keys", "{\"name\":\"x\",\"budget\":\"-1\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/admin/v1/teams/" + team + "/keys", "{\"name\":\"x\",\"models\":[\"no/such\"]}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/admin/v1/teams/" + team + "/keys", "{\"name\":\"x\",\"expiresAt\":\"tomorrow\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.post("/admin/v1/teams/" + team + "/keys", "{\"name\":\"x\",\"rpm\":\"lots\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.get("/admin/v1/teams/" + team + "/keys").body().get("data"))
                .isEmpty();
    }

    private static void assertError(Reply reply, String type) {
        assertThat(reply.raw().headers().firstValue("content-type"))
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/json"));
        JsonNode error = reply.body().get("error");
        assertThat(error)
                .as("an OpenAI-style error body: %s", reply.raw().body())
                .isNotNull();
        assertThat(error.get("type").asString()).isEqualTo(type);
        assertThat(error.get("message").asString()).isNotBlank();
        assertThat(reply.raw().body()).doesNotContain("Exception").doesNotContain("at dev.tollgate");
    }

    @Test
    void teamAndKeyNamesOfTwoHundredCharactersAreKeptAndOneMoreIsA400NamingTheName() {
        String longest = uniqueLongestName();

        Reply team = admin.post("/admin/v1/teams", "{\"name\":\"" + longest + "\"}");
        Reply tooLongTeam = admin.post("/admin/v1/teams", "{\"name\":\"" + longest + "y\"}");

        assertThat(team.status()).as("a 200-character team name is a name").isEqualTo(201);
        assertThat(team.body().get("name").asString()).isEqualTo(longest);
        assertRefusedNaming(tooLongTeam, "name", "200 characters");
        String teamId = team.body().get("id").asString();
        Reply key = admin.post("/admin/v1/teams/" + teamId + "/keys", "{\"name\":\"" + Layout.LONGEST_NAME + "\"}");
        Reply tooLongKey =
                admin.post("/admin/v1/teams/" + teamId + "/keys", "{\"name\":\"" + Layout.LONGEST_NAME + "y\"}");
        assertThat(key.status()).as("a 200-character key name is a name").isEqualTo(201);
        assertThat(key.body().get("name").asString()).isEqualTo(Layout.LONGEST_NAME);
        assertRefusedNaming(tooLongKey, "name", "200 characters");
    }

    @Test
    void aSecondUnrevokedKeyOfTheSameNameIsA400NamingTheNameWhileARevokedOneMayShareIt() {
        String team = admin.createTeam("Same names " + UUID.randomUUID());
        String first = admin.createKey(team, "{\"name\":\"backend\"}").get("id").asString();

        Reply twin = admin.post("/admin/v1/teams/" + team + "/keys", "{\"name\":\"Backend\"}");
        assertRefusedNaming(twin, "name", "already has a key named");

        assertThat(admin.delete("/admin/v1/keys/" + first).status()).isEqualTo(204);
        Reply afterRevoke = admin.post("/admin/v1/teams/" + team + "/keys", "{\"name\":\"backend\"}");
        assertThat(afterRevoke.status())
                .as("a revoked key's name is free again: %s", afterRevoke.body())
                .isEqualTo(201);
    }

    @Test
    void patchingAKeyReplacesTheFieldsSentAndKeepsTheRest() {
        String team = admin.createTeam("Key edits " + UUID.randomUUID());
        JsonNode key =
                admin.createKey(team, "{\"name\":\"ci\",\"budget\":\"5.00\",\"rpm\":60,\"models\":[\"aws/glm-5\"]}");
        String id = key.get("id").asString();

        Reply changed = admin.patch(
                "/admin/v1/keys/" + id, "{\"budget\":\"12.50\",\"rpm\":null,\"expiresAt\":\"2099-01-31T00:00:00Z\"}");

        assertThat(changed.status())
                .as("the change is taken: %s", changed.body())
                .isEqualTo(200);
        assertThat(new java.math.BigDecimal(changed.body().get("budget").asString()))
                .isEqualByComparingTo("12.50");
        assertThat(changed.body().get("rpm").isNull())
                .as("rpm null removes the limit")
                .isTrue();
        assertThat(changed.body().get("expiresAt").asString()).startsWith("2099-01-31T00:00");
        assertThat(changed.body().get("name").asString())
                .as("a name left out stays")
                .isEqualTo("ci");
        assertThat(changed.body().get("models").toString())
                .as("models left out stay")
                .contains("aws/glm-5");
        assertRefusedNaming(admin.patch("/admin/v1/keys/" + id, "{\"rpm\":0}"), "rpm", "between 1 and");
        assertRefusedNaming(admin.patch("/admin/v1/keys/" + id, "{\"budget\":\"-1\"}"), "budget", "positive");
        assertThat(admin.patch("/admin/v1/keys/" + UUID.randomUUID(), "{\"rpm\":5}")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void patchingATeamRenamesItUnderTheRulesOfANewName() {
        String taken = "Taken " + UUID.randomUUID();
        admin.createTeam(taken);
        String team = admin.createTeam("Old name " + UUID.randomUUID());
        String newName = "New name " + UUID.randomUUID();

        Reply renamed = admin.patch("/admin/v1/teams/" + team, "{\"name\":\"" + newName + "\"}");

        assertThat(renamed.status()).as("renamed: %s", renamed.body()).isEqualTo(200);
        assertThat(admin.get("/admin/v1/teams/" + team).body().get("name").asString())
                .isEqualTo(newName);
        assertRefusedNaming(
                admin.patch("/admin/v1/teams/" + team, "{\"name\":\"" + taken.toUpperCase() + "\"}"),
                "name",
                "already exists");
        assertRefusedNaming(admin.patch("/admin/v1/teams/" + team, "{\"name\":\"  \"}"), "name", "needs a name");
    }

    /** A 200-character team name no other test uses: team names are unique across the shared database. */
    static String uniqueLongestName() {
        return Layout.LONGEST_NAME.substring(0, 191) + " "
                + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void assertRefusedNaming(Reply reply, String field, String saying) {
        assertThat(reply.status()).as("refused: %s", reply.body()).isEqualTo(400);
        JsonNode error = reply.body().get("error");
        assertThat(error.get("param").asString())
                .as("the field to blame is named")
                .isEqualTo(field);
        assertThat(error.get("message").asString()).contains(saying);
    }
}
