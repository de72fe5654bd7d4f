package dev.tollgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A credential pasted with a stray byte (a curly quote, a control character, a bare carriage return) is a 401 in the
 * caller's dialect, which SDKs do not retry, and neither the application nor the container writes it to the log.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MalformedCredentialTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @LocalServerPort
    int port;

    @Autowired
    LoggingSystem logging;

    private RawHttp http;
    private String key;

    @BeforeEach
    void fundedKey() {
        http = new RawHttp(port);
        key = FundedTeam.create(port, "Malformed", "1.00").key();
    }

    @AfterEach
    void defaultLogLevels() {
        logging.setLogLevel("org.apache.coyote", null);
        logging.setLogLevel("org.apache.catalina", null);
    }

    @Test
    void aKeyPastedWithACurlyQuoteIsA401AndIsNotLogged(CapturedOutput output) {
        // the quote as UTF-8: its bytes reach the server as three ISO-8859-1 characters, two of them C1 controls
        RawHttp.Response response =
                http.exchange(request("GET /v1/models HTTP/1.1\r\nAuthorization: Bearer " + key + "\u201d\r\n"), false);

        assertOpenAiInvalidKey(response);
        assertThat(output.getAll()).as("the log").doesNotContain(secretPart(key));
    }

    @Test
    void anXApiKeyWithAControlByteIsA401InTheAnthropicShapeAndIsNotLogged(CapturedOutput output) throws Exception {
        RawHttp.Response response = http.send(
                "POST /v1/messages HTTP/1.1\r\nx-api-key: " + key
                        + "\u0001\r\nanthropic-version: 2023-06-01\r\nContent-Type: application/json\r\n",
                "{}");

        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/json");
        JsonNode body = JSON.readTree(response.text());
        assertThat(body.get("type").asString()).isEqualTo("error");
        assertThat(body.get("error").get("type").asString()).isEqualTo("authentication_error");
        assertThat(output.getAll()).as("the log").doesNotContain(secretPart(key));
    }

    @Test
    void aBareCarriageReturnInTheKeyIsA401AndTheContainerDoesNotLogTheKeyEvenAtDebug(CapturedOutput output) {
        logging.setLogLevel("org.apache.coyote", LogLevel.DEBUG);

        RawHttp.Response response =
                http.send("GET /v1/models HTTP/1.1\r\nAuthorization: Bearer " + key + "\rX-Trace: 1\r\n");

        assertOpenAiInvalidKey(response);
        assertThat(output.getAll())
                .as("the container reported the header it refused")
                .contains("Error parsing HTTP request header")
                .as("without the key")
                .doesNotContain(secretPart(key));
    }

    @Test
    void aMasterKeyWithANonAsciiByteIsA401AndIsNotLogged(CapturedOutput output) {
        RawHttp.Response response = http.exchange(
                request("GET /admin/v1/teams HTTP/1.1\r\nAuthorization: Bearer " + IntegrationTest.MASTER_KEY
                        + "\u201d\r\n"),
                false);

        assertOpenAiInvalidKey(response);
        assertThat(output.getAll()).as("the log").doesNotContain(IntegrationTest.MASTER_KEY);
    }

    @Test
    void aMasterKeyWithAControlByteIsA401AndIsNotLoggedEvenAtDebug(CapturedOutput output) {
        logging.setLogLevel("org.apache.coyote", LogLevel.DEBUG);

        RawHttp.Response response = http.send(
                "GET /admin/v1/teams HTTP/1.1\r\nAuthorization: Bearer " + IntegrationTest.MASTER_KEY + "\u0000\r\n");

        assertOpenAiInvalidKey(response);
        assertThat(output.getAll()).as("the log").doesNotContain(IntegrationTest.MASTER_KEY);
    }

    @Test
    void aPortalPasswordTheContainerCannotDecodeIsNotLoggedEvenAtDebug(CapturedOutput output) {
        logging.setLogLevel("org.apache.coyote", LogLevel.DEBUG);
        logging.setLogLevel("org.apache.catalina", LogLevel.DEBUG);
        String password = "Sup3r-secret-passw0rd";

        RawHttp.Response response = http.send(
                "POST /login HTTP/1.1\r\nContent-Type: application/x-www-form-urlencoded\r\n",
                "username=admin%40tollgate.test&password=" + password + "%zz");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.text()).doesNotContain(password).doesNotContain("Exception");
        assertThat(output.getAll()).as("the log").doesNotContain(password);
    }

    private static void assertOpenAiInvalidKey(RawHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(401);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
        JsonNode error = JSON.readTree(response.text()).get("error");
        assertThat(error.get("code").asString()).isEqualTo("invalid_api_key");
        assertThat(error.get("type").asString()).isEqualTo("invalid_request_error");
    }

    /** The random part of a key: what must never be written down. */
    private static String secretPart(String key) {
        return key.substring("vai-".length());
    }

    private static byte[] request(String head) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes("Host: localhost\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return bytes.toByteArray();
    }
}
