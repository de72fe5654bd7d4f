package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.client.AnthropicClient;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.StructuredMessage;
import com.anthropic.models.messages.StructuredMessageCreateParams;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.StructuredChatCompletion;
import com.openai.models.chat.completions.StructuredChatCompletionCreateParams;
import dev.tollgate.provider.bedrock.ConverseWire;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.JsonSchemas;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The official SDKs' structured-output helpers (openai-java's {@code responseFormat(Class)}, anthropic-java's {@code
 * outputConfig(Class)}) work through the gateway: on the simulator, whose JSON parses into the class, and through each
 * kind of upstream channel, which receives the caller's schema in its own API's field and whose JSON the SDK parses.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StructuredOutputSdkTests {

    static final String SIMULATED = "aws/minimax-m2.5";
    static final String OPENAI_SERVED = "aws/glm-5";
    static final String ANTHROPIC_SERVED = "aws/claude-opus-4-5";
    static final String BEDROCK_SERVED = "aws/claude-sonnet-4-0";
    static final String BEDROCK_UPSTREAM_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String BEDROCK_PATH = "/model/" + BEDROCK_UPSTREAM_MODEL + "/converse-stream";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The JSON every stand-in answers, escaped as it stands inside the stand-ins' JSON strings. */
    static final String BOOK_REPLY = "{\\\"title\\\":\\\"Dune\\\",\\\"year\\\":1965,\\\"themes\\\":[\\\"sand\\\"]}";

    /** The shape the caller asks for; public fields, as both SDKs' schema generators read them. */
    public static class Book {
        public String title;
        public long year;
        public List<String> themes;
    }

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    TestChannels channels;
    UpstreamStandIn openAi;
    UpstreamStandIn anthropic;
    UpstreamStandIn bedrock;
    FundedTeam team;
    AnthropicClient anthropicClient;

    @BeforeAll
    void aChannelOfEachKind() {
        channels = new TestChannels(channelService, actors);
        openAi = new UpstreamStandIn();
        anthropic = new UpstreamStandIn();
        bedrock = new UpstreamStandIn();
        channels.add(
                "so-openai",
                ChannelKind.OPENAI_COMPATIBLE,
                openAi.baseUrl("/v1"),
                "sk-o",
                Map.of(OPENAI_SERVED, "up-model"),
                0);
        channels.add(
                "so-anthropic",
                ChannelKind.ANTHROPIC,
                anthropic.baseUrl("/v1"),
                "sk-a",
                Map.of(ANTHROPIC_SERVED, "up-model"),
                0);
        channels.add(
                "so-bedrock",
                ChannelKind.BEDROCK,
                bedrock.baseUrl(""),
                "AKIASTRUCTUREDKEY001:secret",
                Map.of(BEDROCK_SERVED, BEDROCK_UPSTREAM_MODEL),
                0);
        team = FundedTeam.create(port, "Structured", "100.00");
        anthropicClient = AnthropicClients.forKey(port, team.key());
    }

    @BeforeEach
    void standInsAnswerTheBook() {
        openAi.reset();
        anthropic.reset();
        bedrock.reset();
        openAi.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText(BOOK_REPLY, 30, 12));
        anthropic.on("POST", "/v1/messages", UpstreamReplies.anthropicText(BOOK_REPLY, 30, 12));
        bedrock.on(
                "POST",
                BEDROCK_PATH,
                ConverseWire.stream(ConverseWire.textReply(List.of(BOOK_REPLY), "end_turn", 30, 12), Duration.ZERO));
    }

    @AfterAll
    void removeChannels() {
        channels.removeAll();
        openAi.close();
        anthropic.close();
        bedrock.close();
    }

    @Test
    void openAiParseGetsABookFromTheSimulator() {
        StructuredChatCompletion<Book> completion =
                team.client().chat().completions().create(openAiParams(SIMULATED));

        Book book = completion.choices().getFirst().message().content().orElseThrow();

        assertThat(book.title)
                .as("the simulator's JSON parses into the caller's class")
                .isNotBlank();
        assertThat(book.themes).as("required arrays are filled").isNotEmpty();
    }

    @Test
    void openAiStreamedJsonFromTheSimulatorParses() {
        StructuredChatCompletionCreateParams<Book> params = openAiParams(SIMULATED);
        String text;
        try (var stream = team.client().chat().completions().createStreaming(params)) {
            text = stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .flatMap(choice -> choice.delta().content().stream())
                    .collect(Collectors.joining());
        }

        assertThat(JSON.readValue(text, Book.class).title)
                .as("the streamed JSON %s parses", text)
                .isNotBlank();
    }

    @Test
    void anthropicParseGetsABookFromTheSimulator() {
        StructuredMessage<Book> message = anthropicClient.messages().create(anthropicParams(SIMULATED));

        Book book = message.content().getFirst().text().orElseThrow().text();

        assertThat(book.title)
                .as("the simulator's JSON parses into the caller's class")
                .isNotBlank();
        assertThat(book.themes).isNotEmpty();
    }

    @Test
    void anthropicStreamedJsonFromTheSimulatorParses() {
        String text = anthropicStreamedText(anthropicParams(SIMULATED));

        assertThat(JSON.readValue(text, Book.class).title)
                .as("the streamed JSON %s parses", text)
                .isNotBlank();
    }

    @Test
    void openAiSchemaReachesAnOpenAiCompatibleUpstreamAsSent() {
        Book book = openAiBook(OPENAI_SERVED);

        JsonNode format = lastBody(openAi).path("response_format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("strict").asBoolean())
                .as("strict goes along: %s", format)
                .isTrue();
        assertBookSchema(format.path("json_schema").path("schema"));
        assertThat(book.title).isEqualTo("Dune");
    }

    @Test
    void openAiSchemaReachesAnAnthropicUpstreamAsOutputConfig() {
        Book book = openAiBook(ANTHROPIC_SERVED);

        JsonNode body = lastBody(anthropic);
        assertThat(body.has("response_format"))
                .as("no OpenAI field reaches Anthropic: %s", body)
                .isFalse();
        JsonNode format = body.path("output_config").path("format");
        assertThat(format.path("type").asString()).as("%s", body).isEqualTo("json_schema");
        assertBookSchema(format.path("schema"));
        assertThat(book.year).as("the SDK parses the upstream's JSON").isEqualTo(1965);
    }

    @Test
    void openAiSchemaReachesBedrockAsOutputConfigTextFormat() {
        Book book = openAiBook(BEDROCK_SERVED);

        JsonNode textFormat = lastBody(bedrock).path("outputConfig").path("textFormat");
        assertThat(textFormat.path("type").asString()).as("%s", textFormat).isEqualTo("json_schema");
        JsonNode definition = textFormat.path("structure").path("jsonSchema");
        assertThat(definition.path("name").asString())
                .as("the schema keeps its name")
                .isNotBlank();
        assertBookSchema(JSON.readTree(definition.path("schema").asString()));
        assertThat(book.themes).containsExactly("sand");
    }

    @Test
    void openAiStreamedReplyThroughAnAnthropicUpstreamParses() {
        String text;
        try (var stream = team.client().chat().completions().createStreaming(openAiParams(ANTHROPIC_SERVED))) {
            text = stream.stream()
                    .flatMap(chunk -> chunk.choices().stream())
                    .flatMap(choice -> choice.delta().content().stream())
                    .collect(Collectors.joining());
        }

        assertThat(lastBody(anthropic)
                        .path("output_config")
                        .path("format")
                        .path("schema")
                        .isObject())
                .isTrue();
        assertThat(JSON.readValue(text, Book.class).title).isEqualTo("Dune");
    }

    @Test
    void anthropicSchemaReachesAnAnthropicUpstreamAsSent() {
        Book book = anthropicBook(ANTHROPIC_SERVED);

        JsonNode format = lastBody(anthropic).path("output_config").path("format");
        assertThat(format.path("type").asString()).isEqualTo("json_schema");
        assertBookSchema(format.path("schema"));
        assertThat(book.title).isEqualTo("Dune");
    }

    @Test
    void anthropicSchemaReachesAnOpenAiCompatibleUpstreamAsAStrictResponseFormat() {
        Book book = anthropicBook(OPENAI_SERVED);

        JsonNode body = lastBody(openAi);
        assertThat(body.has("output_config"))
                .as("no Anthropic field reaches OpenAI: %s", body)
                .isFalse();
        JsonNode format = body.path("response_format");
        assertThat(format.path("type").asString()).as("%s", body).isEqualTo("json_schema");
        assertThat(format.path("json_schema").path("strict").asBoolean()).isTrue();
        assertThat(format.path("json_schema").path("name").asString()).isEqualTo("response");
        assertBookSchema(format.path("json_schema").path("schema"));
        assertThat(book.year).isEqualTo(1965);
    }

    @Test
    void anthropicSchemaReachesBedrockAsOutputConfigTextFormat() {
        Book book = anthropicBook(BEDROCK_SERVED);

        JsonNode definition = lastBody(bedrock)
                .path("outputConfig")
                .path("textFormat")
                .path("structure")
                .path("jsonSchema");
        assertBookSchema(JSON.readTree(definition.path("schema").asString()));
        assertThat(book.title).isEqualTo("Dune");
    }

    @Test
    void anthropicStreamedReplyThroughAnOpenAiCompatibleUpstreamParses() {
        String text = anthropicStreamedText(anthropicParams(OPENAI_SERVED));

        assertThat(lastBody(openAi).path("response_format").path("type").asString())
                .isEqualTo("json_schema");
        assertThat(JSON.readValue(text, Book.class).themes).containsExactly("sand");
    }

    @Test
    void theSimulatorsBookValidatesAgainstTheSchemaBothSdksSend() {
        anthropicBook(ANTHROPIC_SERVED);
        JsonNode anthropicSchema =
                lastBody(anthropic).path("output_config").path("format").path("schema");
        openAiBook(OPENAI_SERVED);
        JsonNode openAiSchema =
                lastBody(openAi).path("response_format").path("json_schema").path("schema");

        String fromOpenAiSdk = team.client()
                .chat()
                .completions()
                .create(openAiParams(SIMULATED).rawParams())
                .choices()
                .getFirst()
                .message()
                .content()
                .orElseThrow();
        String fromAnthropicSdk = anthropicClient
                .messages()
                .create(anthropicParams(SIMULATED).rawParams())
                .content()
                .getFirst()
                .asText()
                .text();

        assertThat(JsonSchemas.violations(openAiSchema, fromOpenAiSdk))
                .as("%s satisfies %s", fromOpenAiSdk, openAiSchema)
                .isEmpty();
        assertThat(JsonSchemas.violations(anthropicSchema, fromAnthropicSdk))
                .as("%s satisfies %s", fromAnthropicSdk, anthropicSchema)
                .isEmpty();
    }

    private Book openAiBook(String model) {
        return team.client()
                .chat()
                .completions()
                .create(openAiParams(model))
                .choices()
                .getFirst()
                .message()
                .content()
                .orElseThrow();
    }

    private Book anthropicBook(String model) {
        return anthropicClient
                .messages()
                .create(anthropicParams(model))
                .content()
                .getFirst()
                .text()
                .orElseThrow()
                .text();
    }

    private String anthropicStreamedText(StructuredMessageCreateParams<Book> params) {
        try (var stream = anthropicClient.messages().createStreaming(params)) {
            return stream.stream()
                    .flatMap(event -> event.contentBlockDelta().stream())
                    .flatMap(delta -> delta.delta().text().stream())
                    .map(text -> text.text())
                    .collect(Collectors.joining());
        }
    }

    private static StructuredChatCompletionCreateParams<Book> openAiParams(String model) {
        return ChatCompletionCreateParams.builder()
                .model(model)
                .addUserMessage("Name a science fiction novel about a desert planet")
                .maxCompletionTokens(400)
                .responseFormat(Book.class)
                .build();
    }

    private static StructuredMessageCreateParams<Book> anthropicParams(String model) {
        return MessageCreateParams.builder()
                .model(model)
                .addUserMessage("Name a science fiction novel about a desert planet")
                .maxTokens(400)
                .outputConfig(Book.class)
                .build();
    }

    private static JsonNode lastBody(UpstreamStandIn upstream) {
        return JSON.readTree(upstream.last().bodyText());
    }

    private static void assertBookSchema(JsonNode schema) {
        assertThat(schema.path("properties").has("title")
                        && schema.path("properties").has("themes"))
                .as("the upstream receives the schema of Book: %s", schema)
                .isTrue();
    }
}
