package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.RawHttp;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Broken multipart bodies on the upload endpoints (image edits, videos) and multipart bodies sent to JSON endpoints
 * are the caller's mistake: a JSON 4xx in the caller's dialect, and nothing is charged.
 */
@IntegrationTest
class MultipartUploadErrorTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String BOUNDARY = "----tollgate-test-boundary";
    private static final List<String> UPLOAD_ENDPOINTS = List.of("/v1/images/edits", "/v1/videos");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    private RawHttp http;
    private FundedTeam team;

    @BeforeEach
    void fundedTeam() {
        http = new RawHttp(port);
        team = FundedTeam.create(port, "Multipart", "10.00");
    }

    @Test
    void aMultipartBodyWithoutABoundaryOnAJsonEndpointIsA415InTheCallersDialect() throws Exception {
        RawHttp.Response openAi = http.send(
                "POST /v1/chat/completions HTTP/1.1\r\n" + auth() + "Content-Type: multipart/form-data\r\n", "{}");
        assertOpenAiError(openAi, 415);

        RawHttp.Response anthropic = http.send(
                "POST /v1/messages HTTP/1.1\r\nx-api-key: " + team.key()
                        + "\r\nanthropic-version: 2023-06-01\r\nContent-Type: multipart/form-data\r\n",
                "{}");
        assertThat(anthropic.status()).as(anthropic.toString()).isEqualTo(415);
        assertThat(JSON.readTree(anthropic.text()).get("type").asString()).isEqualTo("error");

        RawHttp.Response admin = http.send(
                "POST /admin/v1/teams HTTP/1.1\r\nAuthorization: Bearer " + IntegrationTest.MASTER_KEY
                        + "\r\nContent-Type: multipart/form-data\r\n",
                "{}");
        assertOpenAiError(admin, 415);
    }

    @Test
    void aMultipartBodyWithoutABoundaryOnAnUploadEndpointIsA400() {
        for (String path : UPLOAD_ENDPOINTS) {
            RawHttp.Response response =
                    http.send("POST " + path + " HTTP/1.1\r\n" + auth() + "Content-Type: multipart/form-data\r\n", "x");
            assertOpenAiError(response, 400);
        }
        assertNothingCharged();
    }

    @Test
    void anUnterminatedMultipartBodyIsA400() {
        String body = field("model", "enterprise/image-2") + "--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"prompt\"\r\n\r\nA harbour at dusk";
        for (String path : UPLOAD_ENDPOINTS) {
            assertOpenAiError(post(path, body.getBytes(StandardCharsets.UTF_8)), 400);
        }
        assertNothingCharged();
    }

    @Test
    void aNulInAFileNameIsA400() {
        String body = field("model", "enterprise/image-2") + field("prompt", "A harbour") + "--" + BOUNDARY
                + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"pic\u0000.png\"\r\n"
                + "Content-Type: image/png\r\n\r\nnot really a png\r\n--" + BOUNDARY + "--\r\n";
        for (String path : UPLOAD_ENDPOINTS) {
            assertOpenAiError(post(path, body.getBytes(StandardCharsets.UTF_8)), 400);
        }
        assertNothingCharged();
    }

    @Test
    void aFileLargerThanTheUploadLimitIsA413WithAJsonBody() {
        byte[] large = new byte[22 * 1024 * 1024];
        Arrays.fill(large, (byte) 'a');
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((field("model", "enterprise/image-2") + field("prompt", "A harbour") + "--" + BOUNDARY
                        + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\"big.png\"\r\n"
                        + "Content-Type: image/png\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(large);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));

        RawHttp.Response response = post("/v1/images/edits", body.toByteArray());

        assertOpenAiError(response, 413);
        assertNothingCharged();
    }

    @Test
    void moreFormPartsThanTheContainerAcceptsIsA413WithAJsonBody() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            body.append(field("field" + i, "x"));
        }
        body.append("--").append(BOUNDARY).append("--\r\n");
        for (String path : UPLOAD_ENDPOINTS) {
            assertOpenAiError(post(path, body.toString().getBytes(StandardCharsets.UTF_8)), 413);
        }
        assertNothingCharged();
    }

    private RawHttp.Response post(String path, byte[] body) {
        return http.send(
                "POST " + path + " HTTP/1.1\r\n" + auth() + "Content-Type: multipart/form-data; boundary=" + BOUNDARY
                        + "\r\n",
                body);
    }

    private String auth() {
        return "Authorization: Bearer " + team.key() + "\r\n";
    }

    private static String field(String name, String value) {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private void assertNothingCharged() {
        assertThat(team.balance(jdbc)).as("balance").isEqualByComparingTo(new BigDecimal("10.00"));
    }

    private static void assertOpenAiError(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).as(response.toString()).startsWith("application/json");
        JsonNode error = JSON.readTree(response.text()).get("error");
        assertThat(error).as(response.toString()).isNotNull();
        assertThat(error.get("message").asString()).isNotBlank();
    }
}
