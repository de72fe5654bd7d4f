package dev.tollgate.provider.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.UnsupportedFieldException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.document.Document;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which carried fields a Converse request can take, and where they go, by the model behind it. */
class ConverseExtrasTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String CLAUDE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";
    private static final String LLAMA = "meta.llama3-70b-instruct-v1:0";

    @Test
    void anAnthropicCallersTopKAndBetasGoToAnAnthropicModelsNativeFields() {
        RequestExtras extras = new RequestExtras(
                Dialect.ANTHROPIC,
                Map.of("top_k", JSON.readTree("5"), "top_p", JSON.readTree("0.25")),
                Map.of(RequestExtras.ANTHROPIC_BETA, List.of("context-management-2025-06-27, token-efficient-tools")));

        ConverseExtras converse = ConverseExtras.of(extras, CLAUDE);

        assertThat(converse.topP()).as("top_p is Converse's own topP").isEqualTo(0.25f);
        assertThat(converse.additional().get("top_k").asNumber().intValue()).isEqualTo(5);
        assertThat(converse.additional().get("anthropic_beta").asList())
                .as("each beta of the header, as Bedrock's anthropic_beta list")
                .extracting(Document::asString)
                .containsExactly("context-management-2025-06-27", "token-efficient-tools");
    }

    @Test
    void topKIsRefusedByNameForAModelOtherThanAnthropics() {
        RequestExtras extras = new RequestExtras(Dialect.ANTHROPIC, Map.of("top_k", number(5)), Map.of());

        assertThatThrownBy(() -> ConverseExtras.of(extras, LLAMA))
                .isInstanceOfSatisfying(
                        UnsupportedFieldException.class,
                        refused -> assertThat(refused.field()).isEqualTo("top_k"));
    }

    @Test
    void anOpenAiCallersSeedIsRefusedByNameAndItsDefaultsAreNot() {
        RequestExtras defaults = new RequestExtras(
                Dialect.OPENAI,
                Map.of("store", JSON.readTree("false"), "response_format", JSON.readTree("{\"type\":\"text\"}")),
                Map.of());
        RequestExtras seeded = new RequestExtras(Dialect.OPENAI, Map.of("seed", number(7)), Map.of());

        assertThat(ConverseExtras.of(defaults, CLAUDE).additional())
                .as("a value asking for the default needs no equivalent")
                .isEmpty();
        assertThatThrownBy(() -> ConverseExtras.of(seeded, CLAUDE))
                .isInstanceOfSatisfying(
                        UnsupportedFieldException.class,
                        refused -> assertThat(refused.field()).isEqualTo("seed"));
    }

    @Test
    void whatClaudeCodeSendsOnEveryTurnReachesAnAnthropicModelOnBedrock() {
        RequestExtras extras = new RequestExtras(
                Dialect.ANTHROPIC,
                Map.of(
                        "metadata", JSON.readTree("{\"user_id\":\"user_abc_session_42\"}"),
                        "thinking", JSON.readTree("{\"type\":\"adaptive\"}"),
                        "context_management", JSON.readTree("{\"edits\":[{\"type\":\"clear_thinking_20251015\"}]}"),
                        "output_config", JSON.readTree("{\"effort\":\"high\"}")),
                Map.of());

        ConverseExtras converse = ConverseExtras.of(extras, CLAUDE);

        assertThat(converse.requestMetadata())
                .as("Messages metadata is the request's metadata in Bedrock's invocation logs")
                .containsExactly(Map.entry("user_id", "user_abc_session_42"));
        assertThat(converse.additional().keySet())
                .containsExactlyInAnyOrder("thinking", "context_management", "output_config");
        assertThat(converse.additional()
                        .get("output_config")
                        .asMap()
                        .get("effort")
                        .asString())
                .isEqualTo("high");
        assertThat(converse.outputConfig()).as("no schema was asked for").isNull();
    }

    @Test
    void anOutputConfigWithASchemaAndAnEffortSplitsBetweenConverseAndTheModelsNativeFields() {
        RequestExtras extras = new RequestExtras(
                Dialect.ANTHROPIC,
                Map.of(
                        "output_config",
                        JSON.readTree("{\"effort\":\"low\",\"format\":{\"type\":\"json_schema\","
                                + "\"schema\":{\"type\":\"object\"}}}")),
                Map.of());

        ConverseExtras converse = ConverseExtras.of(extras, CLAUDE);

        assertThat(converse.outputConfig().textFormat().structure().jsonSchema().schema())
                .isEqualTo("{\"type\":\"object\"}");
        assertThat(converse.additional().get("output_config").asMap())
                .as("the format is Converse's own; only the effort goes as sent")
                .containsOnlyKeys("effort");
    }

    @Test
    void metadataConverseCannotKeepIsRefusedNamingTheEntry() {
        RequestExtras listed =
                new RequestExtras(Dialect.ANTHROPIC, Map.of("metadata", JSON.readTree("{\"tags\":[\"a\"]}")), Map.of());
        RequestExtras tooLong = new RequestExtras(
                Dialect.ANTHROPIC,
                Map.of("metadata", JSON.readTree("{\"user_id\":\"" + "u".repeat(257) + "\"}")),
                Map.of());

        assertThatThrownBy(() -> ConverseExtras.of(listed, CLAUDE))
                .isInstanceOfSatisfying(
                        UnsupportedFieldException.class,
                        refused -> assertThat(refused.field()).isEqualTo("metadata.tags"));
        assertThatThrownBy(() -> ConverseExtras.of(tooLong, CLAUDE))
                .isInstanceOfSatisfying(
                        UnsupportedFieldException.class,
                        refused -> assertThat(refused.field()).isEqualTo("metadata.user_id"));
        assertThatThrownBy(() -> ConverseExtras.of(listed, LLAMA))
                .as("only an Anthropic model takes Messages metadata")
                .isInstanceOfSatisfying(
                        UnsupportedFieldException.class,
                        refused -> assertThat(refused.field()).isEqualTo("metadata"));
    }

    private static JsonNode number(int value) {
        return JSON.readTree(Integer.toString(value));
    }
}
