package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.RequestExtras;
import dev.tollgate.provider.UnsupportedFieldException;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.support.JsonSchemas;
import dev.tollgate.support.Measured;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SimulatorStructuredOutputTests {

    static final JsonMapper JSON = JsonMapper.shared();

    static final JsonNode TRIP_SCHEMA = JSON.readTree("""
            {
              "type": "object",
              "properties": {
                "destination": {"type": "string", "minLength": 2, "maxLength": 40},
                "nights": {"type": "integer", "minimum": 1, "maximum": 21},
                "budget": {"type": "number", "exclusiveMinimum": 0, "maximum": 5000},
                "season": {"enum": ["spring", "summer", "autumn", "winter"]},
                "start": {"type": "string", "format": "date"},
                "contact": {"type": "string", "format": "email"},
                "confirmed": {"type": "boolean"},
                "stops": {
                  "type": "array",
                  "minItems": 2,
                  "maxItems": 5,
                  "items": {"$ref": "#/$defs/stop"}
                },
                "note": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                "kind": {"const": "trip"}
              },
              "required": ["destination", "nights", "budget", "season", "start", "stops", "note", "kind"],
              "additionalProperties": false,
              "$defs": {
                "stop": {
                  "type": "object",
                  "properties": {
                    "city": {"type": "string"},
                    "hours": {"type": "integer", "minimum": 0}
                  },
                  "required": ["city", "hours"],
                  "additionalProperties": false
                }
              }
            }
            """);

    final SimulatorChatProvider simulator =
            new SimulatorChatProvider(SimulatorProperties.unpaced(), new JtokkitTokenCounter(), Clock.systemUTC());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Plan a trip to Lisbon for 4 nights in spring",
                "I want to see Kyoto and Osaka, budget 1200, mail me at a@b.c",
                "Surprise me",
                "Three stops: Oslo, Bergen, Tromsø. 10 nights.",
                "Ein Wochenende in Wien mit 300 Euro"
            })
    void answersAResponseFormatSchemaWithJsonThatValidates(String prompt) {
        ChatRequest request = asking(prompt, responseFormat(TRIP_SCHEMA));

        simulator.admit(request);
        Streamed reply = Streamed.drain(simulator.open(request));

        assertThat(JsonSchemas.violations(TRIP_SCHEMA, reply.text()))
                .as("the reply %s satisfies the caller's schema", reply.text())
                .isEmpty();
        assertThat(reply.completed().finishReason()).isEqualTo(FinishReason.END_TURN);
    }

    @Test
    void answersAnOutputConfigSchemaWithJsonThatValidates() {
        ChatRequest request = asking("Plan a trip to Lisbon", outputConfig(TRIP_SCHEMA));

        simulator.admit(request);
        Streamed reply = Streamed.drain(simulator.open(request));

        assertThat(JsonSchemas.violations(TRIP_SCHEMA, reply.text()))
                .as("the reply %s satisfies the caller's schema", reply.text())
                .isEmpty();
    }

    @Test
    void answersTheOlderBetaOutputFormatFieldAlike() {
        JsonNode format = JSON.createObjectNode().put("type", "json_schema").set("schema", TRIP_SCHEMA);
        ChatRequest request = asking(
                "Plan a trip to Lisbon",
                new RequestExtras(Dialect.ANTHROPIC, Map.of("output_format", format), Map.of()));

        simulator.admit(request);
        Streamed reply = Streamed.drain(simulator.open(request));

        assertThat(JsonSchemas.violations(TRIP_SCHEMA, reply.text()))
                .as("the reply %s satisfies the caller's schema", reply.text())
                .isEmpty();
    }

    @Test
    void aBetaOutputFormatSchemaItCannotSatisfyIsRefusedByThatName() {
        JsonNode format = JSON.createObjectNode()
                .put("type", "json_schema")
                .set("schema", JSON.readTree("{\"type\":\"string\",\"pattern\":\"^a+$\"}"));
        ChatRequest request =
                asking("A string", new RequestExtras(Dialect.ANTHROPIC, Map.of("output_format", format), Map.of()));

        assertThatThrownBy(() -> simulator.admit(request))
                .isInstanceOfSatisfying(
                        UnsupportedFieldException.class,
                        refusal -> assertThat(refusal.getMessage())
                                .startsWith("output_format")
                                .contains("pattern at its root"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"An outline of a talk", "A family tree", "Nested folders", "x", "Plan a book"})
    void aRecursiveSchemaIsAnsweredWithFiniteJsonThatValidates(String prompt) {
        JsonNode tree = JSON.readTree("""
                {"type":"object","properties":{"root":{"$ref":"#/$defs/node"}},"required":["root"],
                 "additionalProperties":false,
                 "$defs":{"node":{"type":"object","properties":{"label":{"type":"string"},
                   "children":{"type":"array","items":{"$ref":"#/$defs/node"}},
                   "parent":{"$ref":"#/$defs/node"}},
                   "required":["label","children"],"additionalProperties":false}}}""");
        ChatRequest request = asking(prompt, responseFormat(tree));

        Streamed reply = Streamed.drain(simulator.open(request));

        assertThat(JsonSchemas.violations(tree, reply.text()))
                .as("the reply %s satisfies the recursive schema", reply.text())
                .isEmpty();
    }

    @Test
    void jsonModeAnswersAJsonObjectWithItsProse() {
        ChatRequest request = asking(
                "Tell me about lighthouses",
                openAi(Map.of("response_format", JSON.readTree("{\"type\":\"json_object\"}"))));

        Streamed reply = Streamed.drain(simulator.open(request));

        JsonNode answer = JSON.readTree(reply.text());
        assertThat(answer.isObject())
                .as("JSON mode answers an object: %s", reply.text())
                .isTrue();
        assertThat(answer.path("answer").asString())
                .as("the object holds the prose")
                .containsIgnoringCase("lighthouse");
    }

    @Test
    void theSameRequestGetsTheSameJson() {
        ChatRequest request = asking("Plan a trip to Lisbon", responseFormat(TRIP_SCHEMA));

        String first = Streamed.drain(simulator.open(request)).text();
        String second = Streamed.drain(simulator.open(request)).text();

        assertThat(second).as("structured replies are deterministic").isEqualTo(first);
    }

    @Test
    void theJsonStreamsAsTextDeltas() {
        ChatRequest request = asking("Plan a trip to Lisbon", responseFormat(TRIP_SCHEMA));

        Streamed reply = Streamed.drain(simulator.open(request));

        assertThat(reply.count(ChatEvent.TextDelta.class))
                .as("the JSON arrives token by token, as text")
                .isGreaterThan(5);
        assertThat(reply.count(ChatEvent.ToolCallStarted.class)).isZero();
    }

    @Test
    void aSchemaAskingForMillionsOfItemsCostsNoMoreThanTheOutputLimit() {
        JsonNode huge = JSON.readTree("""
                {"type":"object","properties":{"rows":{"type":"array","minItems":1000000000,
                 "items":{"type":"string","minLength":1000000}}},"required":["rows"]}""");
        ChatRequest request = Requests.asking("Fill it")
                .maxTokens(50)
                .extras(responseFormat(huge))
                .build();

        simulator.admit(request);
        Streamed reply = Streamed.drain(simulator.open(request));

        assertThat(reply.completed().finishReason())
                .as("a reply the limit cuts short says so")
                .isEqualTo(FinishReason.MAX_TOKENS);
        assertThat(reply.completed().usage().output()).isLessThanOrEqualTo(50);
        assertThat(reply.text()).as("the JSON is cut at the limit").startsWith("{\"rows\":[\"");
    }

    @Test
    void aSchemaWithAPatternIsRefusedByNameBeforeAnythingIsWritten() {
        JsonNode patterned = JSON.readTree("""
                {"type":"object","properties":{"code":{"type":"string","pattern":"^[A-Z]{3}$"}},"required":["code"]}""");

        assertThatThrownBy(() -> simulator.admit(asking("Give me a code", responseFormat(patterned))))
                .isInstanceOfSatisfying(UnsupportedFieldException.class, refusal -> {
                    assertThat(refusal.field()).isEqualTo("response_format");
                    assertThat(refusal.getMessage())
                            .as("the refusal names the keyword and where it is")
                            .contains("pattern")
                            .contains("/properties/code");
                });
    }

    @Test
    void checkingADeepSchemaWithLongNamesCostsMemoryInProportionToItsSize() {
        String name = "n".repeat(10_000);
        StringBuilder schema = new StringBuilder();
        int depth = 200;
        for (int i = 0; i < depth; i++) {
            schema.append("{\"type\":\"object\",\"properties\":{\"")
                    .append(name)
                    .append("\":");
        }
        schema.append("{\"type\":\"string\",\"pattern\":\"x\"}");
        schema.append("}}".repeat(depth));
        ChatRequest request = asking("Deep", responseFormat(JSON.readTree(schema.toString())));

        Measured<Throwable> check = Measured.of(() -> catchThrowable(() -> simulator.admit(request)));

        assertThat(check.allocatedMegabytes())
                .as("a 2 MB schema is checked without spelling out the path to each of its places: %s", check)
                .isLessThan(20);
        assertThat(check.result())
                .isInstanceOfSatisfying(
                        UnsupportedFieldException.class,
                        refusal -> assertThat(refusal.getMessage())
                                .as("the place is quoted, cut short")
                                .contains("pattern at /properties/nnn")
                                .hasSizeLessThan(500));
    }

    @Test
    void anAnthropicSchemaTheSimulatorCannotSatisfyIsRefusedAsOutputConfig() {
        JsonNode stepped =
                JSON.readTree("{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"integer\",\"multipleOf\":7}}}");

        assertThatThrownBy(() -> simulator.admit(asking("A number", outputConfig(stepped))))
                .isInstanceOfSatisfying(
                        UnsupportedFieldException.class,
                        refusal -> assertThat(refusal.getMessage())
                                .startsWith("output_config")
                                .contains("multipleOf"));
    }

    @Test
    void aSchemaItCanSatisfyIsAdmitted() {
        simulator.admit(asking("Plan a trip", responseFormat(TRIP_SCHEMA)));
        simulator.admit(asking("Plan a trip", outputConfig(TRIP_SCHEMA)));
    }

    private static ChatRequest asking(String prompt, RequestExtras extras) {
        return Requests.asking(prompt).extras(extras).build();
    }

    private static RequestExtras responseFormat(JsonNode schema) {
        JsonNode format = JSON.createObjectNode()
                .put("type", "json_schema")
                .set(
                        "json_schema",
                        JSON.createObjectNode()
                                .put("name", "trip")
                                .put("strict", true)
                                .set("schema", schema));
        return openAi(Map.of("response_format", format));
    }

    private static RequestExtras outputConfig(JsonNode schema) {
        JsonNode config = JSON.createObjectNode()
                .set(
                        "format",
                        JSON.createObjectNode().put("type", "json_schema").set("schema", schema));
        return new RequestExtras(Dialect.ANTHROPIC, Map.of("output_config", config), Map.of());
    }

    private static RequestExtras openAi(Map<String, JsonNode> fields) {
        return new RequestExtras(Dialect.OPENAI, fields, Map.of());
    }
}
