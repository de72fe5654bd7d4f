package dev.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.NotFoundException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AdminApiClient.Reply;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/** Administrators list, add and remove model aliases; the rules that keep an alias from hiding or missing a model. */
@IntegrationTest
class AdminModelAliasesApiTests {

    private static final String ALIASES = "/admin/v1/model-aliases";

    @LocalServerPort
    int port;

    AdminApiClient admin;
    String alias;

    @BeforeEach
    void client() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        alias = "team-default-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void theSeededAliasesAreListedEachWithItsModel() {
        Reply list = admin.get(ALIASES);

        assertThat(list.status()).isEqualTo(200);
        assertThat(pairs(list.body()))
                .contains(
                        "claude-sonnet-4-6 -> aws/claude-sonnet-4-6",
                        "claude-sonnet-4-5-20250929 -> aws/claude-sonnet-4-5",
                        "claude-sonnet-4-20250514 -> aws/claude-sonnet-4-0",
                        "claude-haiku-4-5-20251001 -> aws/claude-haiku-4-5",
                        "claude-opus-4-5-20251101 -> aws/claude-opus-4-5",
                        "glm-5 -> aws/glm-5");
    }

    @Test
    void anAddedAliasServesCallsAtOnceAndARemovedOneNoLonger() {
        FundedTeam team = FundedTeam.create(port, "Alias", "5.00");
        ChatCompletionCreateParams byAlias = ChatCompletionCreateParams.builder()
                .model(alias)
                .addUserMessage("hi")
                .build();

        Reply added = admin.post(ALIASES, "{\"alias\":\"" + alias + "\",\"model\":\"aws/glm-5\"}");
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.body().get("model").asString()).isEqualTo("aws/glm-5");
        assertThat(pairs(admin.get(ALIASES).body())).contains(alias + " -> aws/glm-5");
        assertThat(team.client().chat().completions().create(byAlias).choices())
                .as("the new alias is served without waiting for the catalog to reload")
                .isNotEmpty();

        assertThat(admin.delete(ALIASES + "/" + alias).status()).isEqualTo(204);
        assertThat(pairs(admin.get(ALIASES).body())).doesNotContain(alias + " -> aws/glm-5");
        assertThatThrownBy(() -> team.client().chat().completions().create(byAlias))
                .isInstanceOf(NotFoundException.class);
        assertThat(admin.delete(ALIASES + "/" + alias).status())
                .as("removing it twice")
                .isEqualTo(404);
    }

    @Test
    void anAliasEqualToAModelsIdIsRefusedAsAConflict() {
        Reply refused = admin.post(ALIASES, "{\"alias\":\"aws/claude-opus-4-7\",\"model\":\"aws/glm-5\"}");

        assertThat(refused.status()).isEqualTo(409);
        assertThat(message(refused)).contains("is the id of a model");
        assertThat(refused.body().get("error").get("code").asString()).isEqualTo("alias_taken");
    }

    @Test
    void aDuplicateAliasIsRefusedAsAConflictAndTheFirstStays() {
        assertThat(admin.post(ALIASES, "{\"alias\":\"" + alias + "\",\"model\":\"aws/glm-5\"}")
                        .status())
                .isEqualTo(201);

        Reply again = admin.post(ALIASES, "{\"alias\":\"" + alias + "\",\"model\":\"aws/qwen3-codex\"}");

        assertThat(again.status()).isEqualTo(409);
        assertThat(message(again)).contains("already exists");
        assertThat(pairs(admin.get(ALIASES).body())).contains(alias + " -> aws/glm-5");
        admin.delete(ALIASES + "/" + alias);
    }

    @Test
    void anAliasForAnUnknownOrNonChatModelIsABadRequest() {
        Reply unknown = admin.post(ALIASES, "{\"alias\":\"" + alias + "\",\"model\":\"aws/claude-opus-9\"}");
        Reply image = admin.post(ALIASES, "{\"alias\":\"" + alias + "\",\"model\":\"enterprise/image-2\"}");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(message(unknown)).contains("no model has the id 'aws/claude-opus-9'");
        assertThat(image.status()).isEqualTo(400);
        assertThat(message(image)).contains("aliases name chat models");
        assertThat(pairs(admin.get(ALIASES).body())).noneMatch(pair -> pair.startsWith(alias + " "));
    }

    @Test
    void malformedOrMissingNamesAreBadRequests() {
        assertThat(admin.post(ALIASES, "{\"alias\":\"Claude Opus\",\"model\":\"aws/glm-5\"}")
                        .status())
                .isEqualTo(400);
        assertThat(admin.post(ALIASES, "{\"alias\":\"" + "a".repeat(101) + "\",\"model\":\"aws/glm-5\"}")
                        .status())
                .isEqualTo(400);
        assertThat(message(admin.post(ALIASES, "{\"model\":\"aws/glm-5\"}"))).contains("alias: required");
        assertThat(message(admin.post(ALIASES, "{\"alias\":\"" + alias + "\"}")))
                .contains("model: required");
    }

    @Test
    void anAliasWithASlashCanBeRemoved() {
        String prefixed = "anthropic/" + alias;
        assertThat(admin.post(ALIASES, "{\"alias\":\"" + prefixed + "\",\"model\":\"aws/glm-5\"}")
                        .status())
                .isEqualTo(201);

        assertThat(admin.delete(ALIASES + "/" + prefixed).status()).isEqualTo(204);
        assertThat(pairs(admin.get(ALIASES).body())).noneMatch(pair -> pair.startsWith(prefixed + " "));
    }

    @Test
    void withoutTheMasterKeyNothingIsListedOrAdded() {
        AdminApiClient stranger = new AdminApiClient(port, "wrong-key");

        assertThat(stranger.get(ALIASES).status()).isEqualTo(401);
        assertThat(stranger.post(ALIASES, "{\"alias\":\"" + alias + "\",\"model\":\"aws/glm-5\"}")
                        .status())
                .isEqualTo(401);
    }

    private static List<String> pairs(JsonNode list) {
        List<String> pairs = new ArrayList<>();
        list.get("data")
                .forEach(row -> pairs.add(
                        row.get("alias").asString() + " -> " + row.get("model").asString()));
        return pairs;
    }

    private static String message(Reply reply) {
        return reply.body().get("error").get("message").asString();
    }
}
