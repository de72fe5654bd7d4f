package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A reply schema the simulator cannot satisfy is answered with a 400 in the caller's format that names the field and
 * the keyword, before any credit is held; a schema it can satisfy is answered with JSON and charged as usual.
 */
@IntegrationTest
class StructuredOutputRefusalTests {

    static final String SIMULATED = "aws/minimax-m2.5";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String PATTERNED =
            "{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}}}";

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    FundedTeam team;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void aFundedTeam() {
        team = FundedTeam.create(port, "Schema limits", "10.00");
    }

    @Test
    void anOpenAiSchemaWithAPatternIsRefusedByNameAndCostsNothing() throws Exception {
        BigDecimal before = team.balance(jdbc);

        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"" + SIMULATED + "\",\"messages\":[{\"role\":\"user\",\"content\":\"A code\"}],"
                        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"code\","
                        + "\"schema\":" + PATTERNED + "}}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode error = JSON.readTree(response.body()).path("error");
        assertThat(error.path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(error.path("param").asString()).isEqualTo("response_format");
        assertThat(error.path("message").asString())
                .as("the message says which keyword and where")
                .contains("pattern")
                .contains("/properties/code");
        assertThat(team.balance(jdbc)).as("nothing was held or charged").isEqualByComparingTo(before);
    }

    @Test
    void anAnthropicSchemaWithAPatternIsRefusedInAnthropicsFormat() throws Exception {
        HttpResponse<String> response = post(
                "/v1/messages",
                "{\"model\":\"" + SIMULATED + "\",\"max_tokens\":100,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"A code\"}],"
                        + "\"output_config\":{\"format\":{\"type\":\"json_schema\",\"schema\":" + PATTERNED + "}}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("type").asString()).isEqualTo("error");
        assertThat(body.path("error").path("type").asString()).isEqualTo("invalid_request_error");
        assertThat(body.path("error").path("message").asString())
                .startsWith("output_config")
                .contains("pattern");
    }

    @Test
    void aMalformedResponseFormatIsA400NamingThePart() throws Exception {
        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"" + SIMULATED + "\",\"messages\":[{\"role\":\"user\",\"content\":\"Hi\"}],"
                        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"x\","
                        + "\"schema\":\"not a schema\"}}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).path("error").path("param").asString())
                .isEqualTo("response_format.json_schema.schema");
    }

    @Test
    void aSatisfiableSchemaIsAnsweredWithJsonAndCharged() throws Exception {
        BigDecimal before = team.balance(jdbc);

        HttpResponse<String> response = post(
                "/v1/chat/completions",
                "{\"model\":\"" + SIMULATED + "\",\"messages\":[{\"role\":\"user\",\"content\":\"A code\"}],"
                        + "\"response_format\":{\"type\":\"json_schema\",\"json_schema\":{\"name\":\"code\","
                        + "\"schema\":{\"type\":\"object\",\"properties\":{\"code\":{\"type\":\"string\","
                        + "\"maxLength\":3}},\"required\":[\"code\"]}}}}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        String content = JSON.readTree(response.body())
                .path("choices")
                .path(0)
                .path("message")
                .path("content")
                .asString();
        assertThat(JSON.readTree(content).path("code").asString()).hasSizeLessThanOrEqualTo(3);
        assertThat(team.balance(jdbc)).as("the reply is charged").isLessThan(before);
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                        .header("Authorization", "Bearer " + team.key())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
