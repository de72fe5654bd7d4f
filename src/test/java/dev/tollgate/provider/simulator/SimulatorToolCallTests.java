package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.ToolCallPart;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.provider.ToolDefinition;
import dev.tollgate.provider.ToolResultPart;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulatorToolCallTests {

    static final JtokkitTokenCounter COUNTER = new JtokkitTokenCounter();

    static final JsonNode FORECAST_SCHEMA = JsonMapper.shared().readTree("""
            {
              "type": "object",
              "properties": {
                "city": {"type": "string"},
                "days": {"type": "integer", "minimum": 1, "maximum": 14},
                "unit": {"type": "string", "enum": ["celsius", "fahrenheit"]},
                "threshold": {"type": "number", "minimum": 0.5, "maximum": 0.9},
                "window": {
                  "type": "object",
                  "properties": {
                    "start": {"type": "string", "format": "date"},
                    "hourly": {"type": "boolean"}
                  },
                  "required": ["start", "hourly"]
                },
                "fields": {"type": "array", "items": {"type": "string", "enum": ["rain", "wind", "sun"]}},
                "note": {"type": "string"}
              },
              "required": ["city", "days", "unit", "threshold", "window", "fields"]
            }
            """);

    static final ToolDefinition FORECAST =
            new ToolDefinition("get_forecast", "Weather forecast", FORECAST_SCHEMA, false);
    static final ToolDefinition TIME = new ToolDefinition(
            "get_time",
            "The time in a time zone",
            JsonMapper.shared()
                    .readTree("{\"type\":\"object\",\"properties\":{\"zone\":{\"type\":\"string\"}},"
                            + "\"required\":[\"zone\"]}"),
            false);

    final SimulatorChatProvider simulator =
            new SimulatorChatProvider(SimulatorProperties.unpaced(), COUNTER, Clock.systemUTC());

    @Test
    void requiredToolChoiceCallsAToolWithArgumentsThatSatisfyItsSchema() {
        ChatRequest request = Requests.asking("Will it rain in Lisbon over the next 5 days?")
                .tool(FORECAST)
                .tool(TIME)
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        Streamed streamed = Streamed.drain(simulator.open(request));

        assertThat(streamed.toolCalls()).singleElement().satisfies(call -> {
            assertThat(call.index()).isZero();
            assertThat(call.name()).as("the first tool, as none is mentioned").isEqualTo("get_forecast");
            assertThat(call.id()).matches("call_[A-Za-z0-9]{24}");
        });
        assertThat(streamed.count(ChatEvent.ToolCallArgumentsDelta.class))
                .as("arguments stream in several fragments")
                .isGreaterThan(3);
        JsonNode arguments = JsonMapper.shared().readTree(streamed.toolArguments());
        assertThat(SchemaCheck.violations(FORECAST_SCHEMA, arguments))
                .as("schema violations in %s", arguments)
                .isEmpty();
        assertThat(streamed.completed().finishReason()).isEqualTo(FinishReason.TOOL_USE);
        assertThat(streamed.count(ChatEvent.TextDelta.class)).isZero();
    }

    @Test
    void argumentsTakeNamesAndNumbersFromThePrompt() {
        ChatRequest request = Requests.asking("Will it rain in Lisbon over the next 5 days?")
                .tool(FORECAST)
                .toolChoice(ToolChoice.named("get_forecast"))
                .build();

        JsonNode arguments = JsonMapper.shared()
                .readTree(Streamed.drain(simulator.open(request)).toolArguments());

        assertThat(arguments.path("city").asString()).isEqualTo("Lisbon");
        assertThat(arguments.path("days").asInt()).isEqualTo(5);
    }

    @Test
    void argumentsFollowReferencesAndAlternatives() {
        JsonNode schema = JsonMapper.shared().readTree("""
                {
                  "type": "object",
                  "$defs": {"address": {"type": "object", "properties": {"street": {"type": "string"}},
                                        "required": ["street"]}},
                  "properties": {
                    "home": {"$ref": "#/$defs/address"},
                    "nickname": {"anyOf": [{"type": "null"}, {"type": "integer", "minimum": 7, "maximum": 7}]}
                  },
                  "required": ["home", "nickname"]
                }
                """);
        ChatRequest request = Requests.asking("Store my address.")
                .tool(new ToolDefinition("store_address", null, schema, false))
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        JsonNode arguments = JsonMapper.shared()
                .readTree(Streamed.drain(simulator.open(request)).toolArguments());

        assertThat(arguments.path("home").path("street").isString())
                .as("in %s", arguments)
                .isTrue();
        assertThat(arguments.path("nickname").asInt()).as("in %s", arguments).isEqualTo(7);
    }

    @Test
    void namedToolChoiceCallsThatTool() {
        ChatRequest request = Requests.asking("Will it rain in Lisbon tomorrow?")
                .tool(FORECAST)
                .tool(TIME)
                .toolChoice(ToolChoice.named("get_time"))
                .build();

        Streamed streamed = Streamed.drain(simulator.open(request));

        assertThat(streamed.toolCalls())
                .extracting(ChatEvent.ToolCallStarted::name)
                .containsExactly("get_time");
        assertThat(SchemaCheck.violations(TIME.parameters(), JsonMapper.shared().readTree(streamed.toolArguments())))
                .isEmpty();
    }

    @Test
    void namingAnUndefinedToolIsRefused() {
        ChatRequest request = Requests.asking("What time is it?")
                .tool(FORECAST)
                .toolChoice(ToolChoice.named("get_time"))
                .build();

        assertThatThrownBy(() -> simulator.open(request))
                .isInstanceOf(UpstreamException.class)
                .hasMessageContaining("get_time")
                .matches(e -> !((UpstreamException) e).retryable(), "is not retryable");
    }

    @Test
    void autoToolChoiceCallsAToolOnlyWhenTheUserMentionsIt() {
        Streamed mentioned = Streamed.drain(simulator.open(Requests.asking("Please use get_time for Tokyo.")
                .tool(FORECAST)
                .tool(TIME)
                .build()));
        Streamed notMentioned = Streamed.drain(simulator.open(Requests.asking("What is a good name for a cat?")
                .tool(FORECAST)
                .tool(TIME)
                .build()));

        assertThat(mentioned.toolCalls())
                .extracting(ChatEvent.ToolCallStarted::name)
                .containsExactly("get_time");
        assertThat(notMentioned.toolCalls()).isEmpty();
        assertThat(notMentioned.completed().finishReason()).isEqualTo(FinishReason.END_TURN);
    }

    @Test
    void aDictatedReplyOutranksAToolTheMessageMentionsWhenTheChoiceIsTheModels() {
        // Claude Code puts reminders naming its tools (Agent, Read, Bash, …) into the user turn beside the prompt
        String prompt = "<system-reminder>Use the get_time tool for clocks.</system-reminder>\n"
                + "Say exactly: \"Tollgate answered\"";

        Streamed auto =
                Streamed.drain(simulator.open(Requests.asking(prompt).tool(TIME).build()));
        Streamed required = Streamed.drain(simulator.open(Requests.asking(prompt)
                .tool(TIME)
                .toolChoice(ToolChoice.REQUIRED)
                .build()));

        assertThat(auto.toolCalls()).as("the dictation is the reply").isEmpty();
        assertThat(auto.text()).isEqualTo("Tollgate answered");
        assertThat(required.toolCalls())
                .as("a call the caller requires still comes first")
                .extracting(ChatEvent.ToolCallStarted::name)
                .containsExactly("get_time");
    }

    @Test
    void noneToolChoiceNeverCallsATool() {
        Streamed streamed = Streamed.drain(simulator.open(Requests.asking("Please use get_time for Tokyo.")
                .tool(TIME)
                .toolChoice(ToolChoice.NONE)
                .build()));

        assertThat(streamed.toolCalls()).isEmpty();
        assertThat(streamed.text()).isNotBlank();
    }

    @Test
    void sameRequestGetsTheSameCallIdAndArguments() {
        ChatRequest request =
                Requests.asking("Use get_forecast for Oslo.").tool(FORECAST).build();

        Streamed first = Streamed.drain(simulator.open(request));
        Streamed second = Streamed.drain(simulator.open(request));

        assertThat(second.toolCalls()).isEqualTo(first.toolCalls());
        assertThat(second.toolArguments()).isEqualTo(first.toolArguments());
    }

    @Test
    void outputTokensOfACallAreItsNameAndArguments() {
        Streamed streamed = Streamed.drain(simulator.open(
                Requests.asking("Use get_forecast for Oslo.").tool(FORECAST).build()));

        assertThat(streamed.completed().usage().output())
                .isEqualTo(COUNTER.countText("get_forecast") + COUNTER.countText(streamed.toolArguments()));
    }

    @Test
    void afterAToolResultTheReplyReportsItInText() {
        ChatRequest request = Requests.asking("Will it rain in Lisbon over the next 5 days?")
                .tool(FORECAST)
                .toolChoice(ToolChoice.REQUIRED)
                .message(new ChatMessage(
                        ChatMessage.Role.ASSISTANT,
                        List.of(new ToolCallPart("call_abc", "get_forecast", "{\"city\":\"Lisbon\"}", false))))
                .message(new ChatMessage(
                        ChatMessage.Role.USER,
                        List.of(new ToolResultPart(
                                "call_abc", "{\"conditions\":\"drizzle\",\"rain_mm\":12}", false, false))))
                .build();

        Streamed streamed = Streamed.drain(simulator.open(request));

        assertThat(streamed.toolCalls())
                .as("no second call while results are pending")
                .isEmpty();
        assertThat(streamed.text()).contains("get_forecast", "drizzle", "12");
        assertThat(streamed.completed().finishReason()).isEqualTo(FinishReason.END_TURN);
    }

    /** A tool that runs a shell command, with options a model leaves at their defaults (as Codex CLI's). */
    static final ToolDefinition EXEC_COMMAND = new ToolDefinition(
            "exec_command", "Runs a command in a PTY", JsonMapper.shared().readTree("""
                    {"type":"object","properties":{
                      "cmd":{"type":"string"},
                      "workdir":{"type":"string"},
                      "shell":{"type":"string"},
                      "login":{"type":"boolean"},
                      "sandbox_permissions":{"type":"string","enum":["use_default","require_escalated"]},
                      "yield_time_ms":{"type":"number"}},
                     "required":["cmd"],"additionalProperties":false}
                    """), false);

    @Test
    void aCommandTheUserQuotesIsRunWithTheToolThatTakesCommandsAndNothingElse() {
        ChatRequest request = Requests.asking("Run `cat hello.txt` and tell me what it says.")
                .tool(TIME)
                .tool(EXEC_COMMAND)
                .build();

        Streamed streamed = Streamed.drain(simulator.open(request));

        assertThat(streamed.toolCalls())
                .as("the tool whose required cmd takes the command, though the prompt does not name it")
                .singleElement()
                .satisfies(call -> assertThat(call.name()).isEqualTo("exec_command"));
        assertThat(JsonMapper.shared().readTree(streamed.toolArguments()))
                .as("the command as written, the options left to their defaults")
                .isEqualTo(JsonMapper.shared().readTree("{\"cmd\":\"cat hello.txt\"}"));
        assertThat(streamed.completed().finishReason()).isEqualTo(FinishReason.TOOL_USE);
    }

    @Test
    void aToolTakingTheCommandAsAnArgumentListGetsItAsAShellInvocation() {
        ToolDefinition shell = new ToolDefinition(
                "shell", "Runs a command", JsonMapper.shared().readTree("""
                        {"type":"object","properties":{
                          "command":{"type":"array","items":{"type":"string"}},
                          "timeout_ms":{"type":"number"}},
                         "required":["command"]}
                        """), false);

        Streamed streamed = Streamed.drain(simulator.open(
                Requests.asking("Please execute `ls -la` here.").tool(shell).build()));

        assertThat(JsonMapper.shared().readTree(streamed.toolArguments()))
                .isEqualTo(JsonMapper.shared().readTree("{\"command\":[\"bash\",\"-lc\",\"ls -la\"]}"));
    }

    @Test
    void aToolNamedByTheUserGetsTheQuotedCommandToo() {
        ToolDefinition bash = new ToolDefinition(
                "Bash", "Runs a bash command", JsonMapper.shared().readTree("""
                        {"type":"object","properties":{"command":{"type":"string"},
                          "description":{"type":"string"},"timeout":{"type":"number"}},
                         "required":["command","description"]}
                        """), false);

        Streamed streamed = Streamed.drain(simulator.open(Requests.asking("Use Bash to run `git status` for me.")
                .tool(bash)
                .build()));

        JsonNode arguments = JsonMapper.shared().readTree(streamed.toolArguments());
        assertThat(arguments.path("command").asString()).isEqualTo("git status");
        assertThat(arguments.propertyNames())
                .as("the required properties only, in %s", arguments)
                .containsExactlyInAnyOrder("command", "description");
    }

    @Test
    void aQuotedCommandCallsNoToolWhenNoneTakesCommands() {
        Streamed streamed =
                Streamed.drain(simulator.open(Requests.asking("Run `cat hello.txt` and tell me what it says.")
                        .tool(TIME)
                        .tool(FORECAST)
                        .build()));

        assertThat(streamed.toolCalls()).isEmpty();
        assertThat(streamed.completed().finishReason()).isEqualTo(FinishReason.END_TURN);
    }

    @Test
    void aCommandMerelyMentionedIsNotRun() {
        Streamed streamed = Streamed.drain(simulator.open(Requests.asking("What does `cat hello.txt` print, in theory?")
                .tool(EXEC_COMMAND)
                .build()));

        assertThat(streamed.toolCalls()).as("no verb asks to run it").isEmpty();
    }

    @Test
    void theAnswerToACommandsOutputQuotesIt() {
        ChatRequest request = Requests.asking("Run `cat hello.txt` and tell me what it says.")
                .tool(EXEC_COMMAND)
                .message(new ChatMessage(
                        ChatMessage.Role.ASSISTANT,
                        List.of(new ToolCallPart("call_abc", "exec_command", "{\"cmd\":\"cat hello.txt\"}", false))))
                .message(new ChatMessage(
                        ChatMessage.Role.USER,
                        List.of(new ToolResultPart(
                                "call_abc",
                                "Chunk ID: 82855c\nWall time: 0.0000 seconds\nProcess exited with code 0\n"
                                        + "Original token count: 4\nOutput:\nhello from the file\n",
                                false,
                                false))))
                .build();

        Streamed streamed = Streamed.drain(simulator.open(request));

        assertThat(streamed.toolCalls()).as("the command ran already").isEmpty();
        assertThat(streamed.text()).contains("exec_command", "hello from the file");
        assertThat(streamed.completed().finishReason()).isEqualTo(FinishReason.END_TURN);
    }

    @Test
    void argumentsHoldEveryItemMinItemsAsksForWhenTheLimitAllows() {
        JsonNode schema = JsonMapper.shared().readTree("""
                {"type":"object","properties":{"digits":{"type":"array","minItems":300,
                 "items":{"type":"integer","minimum":0,"maximum":9}}},"required":["digits"]}
                """);
        ChatRequest request = Requests.asking("Pick digits.")
                .tool(new ToolDefinition("pick", null, schema, false))
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        Streamed streamed = Streamed.drain(simulator.open(request));

        JsonNode arguments = JsonMapper.shared().readTree(streamed.toolArguments());
        assertThat(arguments.path("digits").size()).isEqualTo(300);
        assertThat(SchemaCheck.violations(schema, arguments)).isEmpty();
        assertThat(streamed.completed().finishReason()).isEqualTo(FinishReason.TOOL_USE);
    }

    @Test
    void minPropertiesAddsOptionalProperties() {
        JsonNode schema = JsonMapper.shared().readTree("""
                {"type":"object","minProperties":5,"properties":{"a":{"type":"integer"},"b":{"type":"integer"},
                 "c":{"type":"integer"},"d":{"type":"integer"},"e":{"type":"integer"}}}
                """);
        ChatRequest request = Requests.asking("Fill in everything.")
                .tool(new ToolDefinition("fill", null, schema, false))
                .toolChoice(ToolChoice.REQUIRED)
                .build();

        JsonNode arguments = JsonMapper.shared()
                .readTree(Streamed.drain(simulator.open(request)).toolArguments());

        assertThat(arguments.propertyNames()).containsExactly("a", "b", "c", "d", "e");
    }

    @Test
    void aLowerMaxTokensCutsTheSameCallShort() {
        Requests forecast = Requests.asking("Will it rain in Lisbon over the next 5 days?")
                .tool(FORECAST)
                .toolChoice(ToolChoice.REQUIRED);

        Streamed whole = Streamed.drain(simulator.open(forecast.build()));
        Streamed cut = Streamed.drain(simulator.open(forecast.maxTokens(12).build()));

        assertThat(cut.toolCalls()).isEqualTo(whole.toolCalls());
        assertThat(whole.toolArguments()).startsWith(cut.toolArguments());
        assertThat(cut.toolArguments()).isNotEmpty().isNotEqualTo(whole.toolArguments());
        assertThat(cut.completed().finishReason()).isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(cut.completed().usage().output()).isEqualTo(12);
    }
}
