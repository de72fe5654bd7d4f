package dev.tollgate.gateway.responses;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.Books;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A malformed Responses body is a 400 in OpenAI's error shape whose {@code param} and message name the field, answered
 * before any credit is held: the balance stays, no hold is opened and no usage is recorded.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResponsesRequestErrorTests {

    static final String MODEL = "aws/claude-haiku-4-5";
    static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    FundedTeam team;

    @BeforeAll
    void aFundedTeam() {
        team = FundedTeam.create(port, "Responses errors", "10.00");
    }

    static Stream<Arguments> malformedBodies() {
        String m = "\"model\":\"" + MODEL + "\",";
        String hi = "{\"role\":\"user\",\"content\":\"hi\"}";
        return Stream.of(
                Arguments.of("{\"input\":\"hi\"}", "model"),
                Arguments.of("{" + m + "\"stream\":false}", "input"),
                Arguments.of("{" + m + "\"input\":5}", "input"),
                Arguments.of("{" + m + "\"input\":[]}", "input"),
                Arguments.of("{" + m + "\"input\":[\"hi\"]}", "input[0]"),
                Arguments.of(
                        "{" + m + "\"input\":[{\"type\":\"message\",\"role\":\"wizard\",\"content\":\"x\"}]}",
                        "input[0].role"),
                Arguments.of("{" + m + "\"input\":[" + hi + ",{\"type\":\"banana\"}]}", "input[1].type"),
                Arguments.of("{" + m + "\"input\":[{\"type\":\"item_reference\",\"id\":\"msg_1\"}]}", "input[0].id"),
                Arguments.of("{" + m + "\"input\":[" + hi + ",{\"type\":\"item_reference\"}]}", "input[1].id"),
                Arguments.of(
                        "{" + m + "\"input\":[" + hi + ",{\"type\":\"item_reference\",\"id\":\"msg_1\"}".repeat(2_001)
                                + "]}",
                        "input"),
                Arguments.of(
                        "{" + m + "\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_audio\"}]}]}",
                        "input[0].content[0].type"),
                Arguments.of(
                        "{" + m + "\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_image\","
                                + "\"file_id\":\"file-1\"}]}]}",
                        "input[0].content[0].file_id"),
                Arguments.of(
                        "{" + m + "\"input\":[" + hi + ",{\"type\":\"function_call_output\",\"output\":\"x\"}]}",
                        "input[1].call_id"),
                Arguments.of(
                        "{" + m + "\"input\":[" + hi + ",{\"type\":\"function_call\",\"call_id\":\"c\","
                                + "\"name\":\"f\",\"arguments\":{}}]}",
                        "input[1].arguments"),
                Arguments.of(
                        "{" + m + "\"input\":[" + hi + ",{\"type\":\"reasoning\",\"summary\":[],"
                                + "\"encrypted_content\":\"tollgate.r1.!!\"}]}",
                        "input[1].encrypted_content"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"tools\":[{\"type\":\"function\"}]}", "tools[0].name"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"tools\":[{\"name\":\"f\"}]}", "tools[0].type"),
                Arguments.of(
                        "{" + m + "\"input\":\"hi\",\"tool_choice\":{\"type\":\"web_search_preview\"}}",
                        "tool_choice.type"),
                Arguments.of(
                        "{" + m + "\"input\":\"hi\",\"tool_choice\":{\"type\":\"function\",\"name\":\"f\"}}",
                        "tool_choice"),
                Arguments.of(
                        "{" + m + "\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"json_schema\","
                                + "\"name\":\"x\"}}}",
                        "text.format.schema"),
                Arguments.of(
                        "{" + m + "\"input\":\"hi\",\"text\":{\"format\":{\"type\":\"xml\"}}}", "text.format.type"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"text\":{\"verbosity\":\"loud\"}}", "text.verbosity"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"reasoning\":{\"effort\":\"extreme\"}}", "reasoning.effort"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"max_output_tokens\":0}", "max_output_tokens"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"temperature\":3}", "temperature"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"max_output_tokens\":100000000}", "max_output_tokens"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"metadata\":{\"a\":1}}", "metadata.a"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"include\":[1]}", "include[0]"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"truncation\":\"sometimes\"}", "truncation"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"background\":true}", "background"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"stream\":\"yes\"}", "stream"),
                Arguments.of("{" + m + "\"input\":\"hi\",\"previous_response_id\":7}", "previous_response_id"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("malformedBodies")
    void aMalformedBodyIsRefusedNamingTheFieldBeforeAnyHold(String body, String param) throws Exception {
        BigDecimal before = team.balance(jdbc);

        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/responses"))
                                .header("Authorization", "Bearer " + team.key())
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("%s → %s", body, response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asString())
                .as("param of %s", response.body())
                .isEqualTo(param);
        assertThat(error.path("message").asString())
                .as("the message names the field")
                .contains(param);
        assertThat(team.balance(jdbc)).as("nothing charged").isEqualByComparingTo(before);
        assertThat(new Books(jdbc).openHolds(team.teamId())).as("no hold").isZero();
        assertThat(jdbc.sql("select count(*) from credit_hold where team_id = ?::uuid")
                        .param(team.id())
                        .query(Long.class)
                        .single())
                .as("no hold was ever taken")
                .isZero();
        assertThat(jdbc.sql("select count(*) from usage_record where team_id = ?::uuid")
                        .param(team.id())
                        .query(Long.class)
                        .single())
                .as("no usage")
                .isZero();
    }
}
