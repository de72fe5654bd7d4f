package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.anthropic.client.AnthropicClient;
import com.anthropic.core.http.StreamResponse;
import com.anthropic.errors.NotFoundException;
import com.anthropic.errors.PermissionDeniedException;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCountTokensParams;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.RawMessageStreamEvent;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.OpenAiClients;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Native model ids, as Claude Code and the vendors' SDKs send them, reach the catalog model they stand for: through
 * a seeded alias, or for a Claude version the catalog does not sell through the family rule.
 */
@IntegrationTest
class ModelAliasApiTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    AdminApiClient admin;
    String teamId;
    String key;

    @BeforeEach
    void fundedTeamAndKey() {
        admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        teamId = admin.createFundedTeam("Aliases", "10.00");
        key = admin.createKey(teamId, "{\"name\":\"aliases\"}").get("key").asString();
    }

    @Test
    void theAnthropicSdkIsServedByTheCatalogModelANativeIdStandsFor() {
        Message message = anthropic(key)
                .messages()
                .create(MessageCreateParams.builder()
                        .model("claude-sonnet-4-6")
                        .maxTokens(200)
                        .addUserMessage("Name three rivers")
                        .build());

        assertThat(message.content().getFirst().text().orElseThrow().text())
                .as("the alias is answered like the model itself")
                .isNotBlank();
        assertThat(servedModels()).as("the row records the model that served").containsExactly("aws/claude-sonnet-4-6");
    }

    @Test
    void aDatedSnapshotIdStreamsFromItsModel() {
        int events = 0;
        try (StreamResponse<RawMessageStreamEvent> stream = anthropic(key)
                .messages()
                .createStreaming(MessageCreateParams.builder()
                        .model("claude-haiku-4-5-20251001")
                        .maxTokens(200)
                        .addUserMessage("Count to five")
                        .build())) {
            events = (int) stream.stream().count();
        }

        assertThat(events).as("a whole stream, not a refusal").isGreaterThan(3);
        assertThat(servedModels()).containsExactly("aws/claude-haiku-4-5");
    }

    @Test
    void theOpenAiSdkIsServedThroughAnAliasToo() {
        ChatCompletion completion = openAi(key)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-sonnet-4-5-20250929")
                        .addUserMessage("Say hello")
                        .build());

        assertThat(completion.choices().getFirst().message().content()).isPresent();
        assertThat(completion.model())
                .as("the reply names the model as it was asked for")
                .isEqualTo("claude-sonnet-4-5-20250929");
        assertThat(servedModels()).containsExactly("aws/claude-sonnet-4-5");
    }

    @Test
    void theUsageHistoryKeepsTheRequestedIdBesideTheServedModel() throws Exception {
        openAi(key)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-opus-4-5-20251101")
                        .addUserMessage("hi")
                        .build());
        openAi(key)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("aws/glm-5")
                        .addUserMessage("hi")
                        .build());

        List<String> rows = jdbc.sql(
                        "select model || ' <- ' || requested_model from usage_record where team_id = ?::uuid order by id")
                .param(teamId)
                .query(String.class)
                .list();
        assertThat(rows)
                .as("served model and requested id, for an alias and for a model's own id")
                .containsExactly("aws/claude-opus-4-5 <- claude-opus-4-5-20251101", "aws/glm-5 <- aws/glm-5");

        String csv = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(
                                        "http://localhost:" + port + "/admin/v1/teams/" + teamId + "/usage.csv"))
                                .header("Authorization", "Bearer " + IntegrationTest.MASTER_KEY)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        List<String> lines = csv.lines().toList();
        List<String> header = List.of(lines.getFirst().split(","));
        int model = header.indexOf("model");
        int requested = header.indexOf("requested_model");
        assertThat(requested).as("the export has a requested_model column").isPositive();
        assertThat(lines.subList(1, lines.size()))
                .extracting(line -> line.split(",")[model] + " <- " + line.split(",")[requested])
                .containsExactlyInAnyOrder("aws/claude-opus-4-5 <- claude-opus-4-5-20251101", "aws/glm-5 <- aws/glm-5");
    }

    @Test
    void countTokensResolvesANativeId() {
        long tokens = anthropic(key)
                .messages()
                .countTokens(MessageCountTokensParams.builder()
                        .model("claude-opus-4-6")
                        .addUserMessage("How many tokens is this?")
                        .build())
                .inputTokens();

        assertThat(tokens).isPositive();
    }

    @Test
    void aClaudeVersionTheCatalogDoesNotSellIsServedByTheNewestOfItsFamily() {
        anthropic(key)
                .messages()
                .create(MessageCreateParams.builder()
                        .model("claude-opus-4-1-20250805")
                        .maxTokens(100)
                        .addUserMessage("hi")
                        .build());
        openAi(key)
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model("claude-3-5-haiku-20241022")
                        .addUserMessage("hi")
                        .build());

        assertThat(servedModels())
                .as("Opus 4.7 is the newest Opus, Haiku 4.5 the newest Haiku")
                .containsExactlyInAnyOrder("aws/claude-opus-4-7", "aws/claude-haiku-4-5");
    }

    @Test
    void anIdNoModelAliasOrFamilyKnowsIsStillA404InEachCallersFormat() {
        assertThatThrownBy(() -> anthropic(key)
                        .messages()
                        .create(MessageCreateParams.builder()
                                .model("claude-poem-9")
                                .maxTokens(10)
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOfSatisfying(
                        NotFoundException.class, e -> assertThat(e.getMessage()).contains("claude-poem-9"));
        assertThatThrownBy(() -> openAi(key)
                        .chat()
                        .completions()
                        .create(ChatCompletionCreateParams.builder()
                                .model("gpt-9")
                                .addUserMessage("hi")
                                .build()))
                .isInstanceOfSatisfying(
                        com.openai.errors.NotFoundException.class,
                        e -> assertThat(e.code()).contains("model_not_found"));
        assertThat(servedModels()).as("nothing was served or charged").isEmpty();
    }

    @Test
    void aKeyRestrictedToAModelMayUseItsAliasButNoOtherModelsAlias() {
        AnthropicClient narrow =
                anthropic(admin.createKey(teamId, "{\"name\":\"narrow\",\"models\":[\"aws/claude-haiku-4-5\"]}")
                        .get("key")
                        .asString());

        narrow.messages()
                .create(MessageCreateParams.builder()
                        .model("claude-haiku-4-5")
                        .maxTokens(50)
                        .addUserMessage("hi")
                        .build());

        assertThatThrownBy(() -> narrow.messages()
                        .create(MessageCreateParams.builder()
                                .model("claude-opus-4-6")
                                .maxTokens(50)
                                .addUserMessage("hi")
                                .build()))
                .as("an alias is no way around the key's model list")
                .isInstanceOf(PermissionDeniedException.class);
    }

    private List<String> servedModels() {
        return jdbc.sql("select model from usage_record where team_id = ?::uuid order by id")
                .param(teamId)
                .query(String.class)
                .list();
    }

    private AnthropicClient anthropic(String apiKey) {
        return AnthropicClients.forKey(port, apiKey);
    }

    private OpenAIClient openAi(String apiKey) {
        return OpenAiClients.forKey(port, apiKey);
    }
}
