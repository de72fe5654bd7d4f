package dev.tollgate.provider.bedrock;

import static dev.tollgate.provider.bedrock.ConverseWire.stream;
import static dev.tollgate.provider.bedrock.ConverseWire.textReply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.CacheTtl;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatMessage.Role;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ImagePart;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.support.UpstreamStandIn.Received;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What Bedrock receives: the Converse request body, the path with the model id, and the SigV4 signature. */
class ConverseRequestTests extends BedrockStandInFixture {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13};
    private static final JsonNode WEATHER_SCHEMA = JSON.readTree(
            "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"},\"days\":{\"type\":\"integer\"}},"
                    + "\"required\":[\"city\"]}");

    @BeforeEach
    void answerEveryRequest() {
        standIn.on("POST", PATH, stream(textReply(List.of("ok"), "end_turn", 1, 1), Duration.ZERO));
    }

    @Test
    void theWholeConversationIsWrittenInConverseShapes() {
        ChatRequest request = new ChatRequest(
                MODEL,
                List.of(new TextPart("You are terse.", true), new TextPart("Answer in French.", false)),
                List.of(
                        new ChatMessage(
                                Role.USER,
                                List.of(
                                        new TextPart("What is in this picture, and the weather?", false),
                                        new ImagePart(
                                                "image/png", Base64.getEncoder().encodeToString(PNG), null, true))),
                        new ChatMessage(
                                Role.ASSISTANT,
                                List.of(
                                        new TextPart("", false),
                                        new ToolCallPart("tooluse_1", "get_weather", "{\"city\":\"Paris\"}", false))),
                        new ChatMessage(
                                Role.USER, List.of(new ToolResultPart("tooluse_1", "station offline", true, false))),
                        ChatMessage.user("Try again")),
                List.of(new ToolDefinition("get_weather", "Weather for a city", WEATHER_SCHEMA, true)),
                ToolChoice.named("get_weather"),
                300,
                0.25,
                List.of("STOP", "END"),
                false,
                "team-1");

        drain(channel.open(request));

        JsonNode body = JSON.readTree(standIn.last().body());
        assertThat(body.path("system"))
                .as("system blocks with a cache point after the marked one")
                .isEqualTo(JSON.readTree("[{\"text\":\"You are terse.\"},{\"cachePoint\":{\"type\":\"default\"}},"
                        + "{\"text\":\"Answer in French.\"}]"));
        assertThat(body.path("messages").size())
                .as("the tool result and the next user text join one user turn: Converse wants turns to alternate")
                .isEqualTo(3);
        assertThat(body.path("messages").get(0))
                .isEqualTo(JSON.readTree("{\"role\":\"user\",\"content\":["
                        + "{\"text\":\"What is in this picture, and the weather?\"},"
                        + "{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\""
                        + Base64.getEncoder().encodeToString(PNG) + "\"}}},"
                        + "{\"cachePoint\":{\"type\":\"default\"}}]}"));
        assertThat(body.path("messages").get(1))
                .as("the assistant's tool call with its arguments as JSON; the empty text beside it is left out")
                .isEqualTo(JSON.readTree("{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"toolUseId\":"
                        + "\"tooluse_1\",\"name\":\"get_weather\",\"input\":{\"city\":\"Paris\"}}}]}"));
        assertThat(body.path("messages").get(2))
                .isEqualTo(JSON.readTree("{\"role\":\"user\",\"content\":["
                        + "{\"toolResult\":{\"toolUseId\":\"tooluse_1\",\"content\":[{\"text\":\"station offline\"}],"
                        + "\"status\":\"error\"}},{\"text\":\"Try again\"}]}"));
        assertThat(body.path("toolConfig"))
                .isEqualTo(
                        JSON.readTree(
                                "{\"tools\":[{\"toolSpec\":{\"name\":\"get_weather\",\"description\":"
                                        + "\"Weather for a city\",\"inputSchema\":{\"json\":" + WEATHER_SCHEMA + "}}},"
                                        + "{\"cachePoint\":{\"type\":\"default\"}}],\"toolChoice\":{\"tool\":{\"name\":\"get_weather\"}}}"));
        assertThat(body.path("inferenceConfig"))
                .isEqualTo(
                        JSON.readTree("{\"maxTokens\":300,\"temperature\":0.25,\"stopSequences\":[\"STOP\",\"END\"]}"));
        assertThat(body.has("modelId"))
                .as("the model id travels in the path only")
                .isFalse();
    }

    @Test
    void aSimpleRequestCarriesNoEmptySectionsAndNoToolStatusWhenNotAnError() {
        ChatRequest request = new ChatRequest(
                MODEL,
                List.of(),
                List.of(new ChatMessage(Role.USER, List.of(new ToolResultPart("t1", "42", false, false)))),
                List.of(),
                ToolChoice.AUTO,
                64,
                null,
                List.of(),
                false,
                "team-1");

        drain(channel.open(request));

        JsonNode body = JSON.readTree(standIn.last().body());
        assertThat(body.has("system")).isFalse();
        assertThat(body.has("toolConfig")).isFalse();
        assertThat(body.path("inferenceConfig")).isEqualTo(JSON.readTree("{\"maxTokens\":64}"));
        assertThat(body.at("/messages/0/content/0/toolResult").has("status"))
                .as("status is sent for errors only: models other than Claude refuse it")
                .isFalse();
    }

    @Test
    void anHourBreakpointIsAnHourCachePointAndAFiveMinuteOneStaysTheDefault() {
        ChatRequest request = new ChatRequest(
                MODEL,
                List.of(new TextPart("The manual.", true, CacheTtl.ONE_HOUR)),
                List.of(new ChatMessage(
                        Role.USER, List.of(new TextPart("The appendix.", true, CacheTtl.FIVE_MINUTES)))),
                List.of(),
                ToolChoice.AUTO,
                64,
                null,
                List.of(),
                false,
                "team-1");

        drain(channel.open(request));

        JsonNode body = JSON.readTree(standIn.last().body());
        assertThat(body.path("system"))
                .as("the hour's cache point names its TTL")
                .isEqualTo(JSON.readTree(
                        "[{\"text\":\"The manual.\"},{\"cachePoint\":{\"type\":\"default\",\"ttl\":\"1h\"}}]"));
        assertThat(body.at("/messages/0/content/1"))
                .as("five minutes is Converse's default, so it is left unnamed")
                .isEqualTo(JSON.readTree("{\"cachePoint\":{\"type\":\"default\"}}"));
    }

    @Test
    void toolChoicesMapToAutoAnyAndNoTools() {
        ChatRequest auto = withTools(ToolChoice.AUTO, List.of(ChatMessage.user("hi")));
        ChatRequest required = withTools(ToolChoice.REQUIRED, List.of(ChatMessage.user("hi")));
        ChatRequest none = withTools(ToolChoice.NONE, List.of(ChatMessage.user("hi")));

        drain(channel.open(auto));
        JsonNode autoBody = JSON.readTree(standIn.last().body());
        drain(channel.open(required));
        JsonNode requiredBody = JSON.readTree(standIn.last().body());
        drain(channel.open(none));
        JsonNode noneBody = JSON.readTree(standIn.last().body());

        assertThat(autoBody.at("/toolConfig/toolChoice")).isEqualTo(JSON.readTree("{\"auto\":{}}"));
        assertThat(requiredBody.at("/toolConfig/toolChoice")).isEqualTo(JSON.readTree("{\"any\":{}}"));
        assertThat(noneBody.has("toolConfig"))
                .as("Converse has no 'none' choice: without tools the model cannot call one")
                .isFalse();
    }

    @Test
    void noToolChoiceWithToolsInTheHistoryKeepsTheToolsWithTheDefaultChoice() {
        ChatRequest none = withTools(
                ToolChoice.NONE,
                List.of(
                        ChatMessage.user("weather?"),
                        new ChatMessage(
                                Role.ASSISTANT, List.of(new ToolCallPart("t1", "get_weather", "{\"city\"", false))),
                        new ChatMessage(Role.USER, List.of(new ToolResultPart("t1", "sunny", false, false)))));

        drain(channel.open(none));

        JsonNode body = JSON.readTree(standIn.last().body());
        assertThat(body.at("/toolConfig/tools/0/toolSpec/name").asString())
                .as("Converse refuses tool blocks in the history without a tool configuration")
                .isEqualTo("get_weather");
        assertThat(body.at("/toolConfig").has("toolChoice")).isFalse();
        assertThat(body.at("/messages/1/content/0/toolUse/input"))
                .as("arguments that never became JSON are echoed as an empty object")
                .isEqualTo(JSON.readTree("{}"));
    }

    @Test
    void theModelIdIsPercentEncodedInThePath() {
        ChatRequest byProfile = new ChatRequest(
                new ModelId("aws/claude-profile"),
                List.of(),
                List.of(ChatMessage.user("hi")),
                List.of(),
                ToolChoice.AUTO,
                16,
                null,
                List.of(),
                false,
                "team-1");
        standIn.on(
                "POST",
                "/model/" + PROFILE_ARN + "/converse-stream",
                stream(textReply(List.of("ok"), "end_turn", 1, 1), Duration.ZERO));

        drain(channel.open(ask("hi")));
        drain(channel.open(byProfile));

        assertThat(standIn.rawPaths())
                .containsExactly(
                        "/model/anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream",
                        "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2F"
                                + "us.anthropic.claude-sonnet-4-5-20250929-v1%3A0/converse-stream");
    }

    @Test
    void theRequestIsSignedWithTheChannelsAccessKeyAndNothingElseAuthenticates() {
        drain(channel.open(ask("hi")));

        Received received = standIn.last();
        assertThat(received.method()).isEqualTo("POST");
        assertThat(received.header("authorization"))
                .as("SigV4 with the channel's key id, for Bedrock in the channel's region")
                .startsWith("AWS4-HMAC-SHA256 Credential=" + ACCESS_KEY_ID + "/")
                .contains("/us-east-1/bedrock/aws4_request")
                .contains("Signature=")
                .doesNotContain("channelSecretAccessKey");
        assertThat(received.header("x-amz-date")).isNotBlank();
        assertThat(received.headers().keySet())
                .as("no API-key headers, no session token without one, nothing of the gateway's own")
                .doesNotContain("x-api-key", "x-amz-security-token")
                .noneMatch(name -> name.startsWith("vai-"));
        assertThat(received.headers().values()).noneMatch(value -> value.contains("channelSecretAccessKey"));
    }

    @Test
    void aSessionTokenInTheSecretIsSentAsTheSecurityToken() {
        BedrockChannel withSession = new BedrockChannel(config("ASIATEMPKEY:tempSecret:sessionTok3n"), tokens);
        try (withSession) {
            drain(withSession.open(ask("hi")));
        }

        Received received = standIn.last();
        assertThat(received.header("authorization")).startsWith("AWS4-HMAC-SHA256 Credential=ASIATEMPKEY/");
        assertThat(received.header("x-amz-security-token")).isEqualTo("sessionTok3n");
    }

    @Test
    void anImageByUrlIsRefusedBeforeAnythingIsSent() {
        ChatRequest request = new ChatRequest(
                MODEL,
                List.of(),
                List.of(new ChatMessage(
                        Role.USER,
                        List.of(
                                new TextPart("What is this?", false),
                                new ImagePart(null, null, "https://example.com/cat.png", false)))),
                List.of(),
                ToolChoice.AUTO,
                16,
                null,
                List.of(),
                false,
                "team-1");

        assertThatThrownBy(() -> channel.open(request))
                .isInstanceOfSatisfying(
                        UpstreamException.class,
                        e -> assertThat(e.retryable())
                                .as("every Bedrock channel would refuse it")
                                .isFalse())
                .hasMessageContaining("URL");
        assertThat(standIn.received()).isEmpty();
    }

    @Test
    void anImageWithoutMediaTypeIsRecognisedByItsBytes() {
        byte[] gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
        ChatRequest request = new ChatRequest(
                MODEL,
                List.of(),
                List.of(new ChatMessage(
                        Role.USER,
                        List.of(new ImagePart(null, Base64.getEncoder().encodeToString(gif), null, false)))),
                List.of(),
                ToolChoice.AUTO,
                16,
                null,
                List.of(),
                false,
                "team-1");

        drain(channel.open(request));

        assertThat(JSON.readTree(standIn.last().body())
                        .at("/messages/0/content/0/image/format")
                        .asString())
                .isEqualTo("gif");
    }

    private static ChatRequest withTools(ToolChoice choice, List<ChatMessage> messages) {
        return new ChatRequest(
                MODEL,
                List.of(),
                messages,
                List.of(new ToolDefinition("get_weather", null, WEATHER_SCHEMA, false)),
                choice,
                64,
                null,
                List.of(),
                false,
                "team-1");
    }
}
