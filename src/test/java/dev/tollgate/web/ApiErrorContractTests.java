package dev.tollgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.RawHttp;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Requests the container or the framework refuse before any endpoint sees them still get the API's JSON error, in the
 * caller's dialect and with a 4xx, under every API prefix and for media URLs; the portal gets a plain page.
 */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class ApiErrorContractTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> MALFORMED_SUFFIXES = List.of("mod%00els", "mod\\els", "mod%zzels");

    @LocalServerPort
    int port;

    private RawHttp http;
    private String auth;

    @BeforeEach
    void client() {
        http = new RawHttp(port);
        auth = "Authorization: Bearer "
                + FundedTeam.create(port, "Errors", "1.00").key() + "\r\n";
    }

    @Test
    void aNulABackslashOrABadPercentInAnApiPathIsAJson400() {
        for (String prefix : List.of("/v1/", "/api/v1/", "/admin/v1/", "/media/")) {
            for (String suffix : MALFORMED_SUFFIXES) {
                RawHttp.Response response = http.send("GET " + prefix + suffix + " HTTP/1.1\r\n" + auth);
                assertOpenAiError(response, 400, prefix + suffix);
            }
        }
    }

    @Test
    void charactersUrlsMayNotCarryStillGetAJsonAnswer() {
        assertOpenAiError(http.send("GET /v1/mo{dels} HTTP/1.1\r\n" + auth), 404, "braces in the path");
        assertOpenAiError(http.send("GET /v1/videos?after=<a|b> HTTP/1.1\r\n" + auth), 404, "in the query");
    }

    @Test
    void anAnthropicCallerGetsTheContainersRefusalInItsOwnShape() {
        RawHttp.Response response =
                http.send("POST /v1/mess%zzages HTTP/1.1\r\nanthropic-version: 2023-06-01\r\n" + auth, "{}");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.text());
        assertThat(body.get("type").asString()).isEqualTo("error");
        assertThat(body.get("error").get("type").asString()).isEqualTo("invalid_request_error");
    }

    @Test
    void thePortalGetsAPlainPageThatNamesNoServerForTheSameMistakes() {
        for (String suffix : List.of("mod%00els", "mod\\els", "mod%zzels", "teams//usage")) {
            RawHttp.Response response = http.send("GET /" + suffix + " HTTP/1.1\r\nAccept: text/html\r\n");

            assertThat(response.status()).as(suffix).isEqualTo(400);
            assertThat(response.contentType()).as(suffix).startsWith("text/html");
            assertThat(response.text())
                    .as(suffix)
                    .doesNotContainIgnoringCase("tomcat")
                    .doesNotContainIgnoringCase("apache")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
        }
    }

    @Test
    void anUnsupportedTransferEncodingIsA400NotA501() {
        RawHttp.Response response = http.send(
                "POST /v1/chat/completions HTTP/1.1\r\n" + auth
                        + "Content-Type: application/json\r\nTransfer-Encoding: gzip\r\n",
                "{}");

        assertOpenAiError(response, 400, "gzip transfer coding");
    }

    @Test
    void aBrokenChunkedBodyIsAJson400AndNoServerError(CapturedOutput output) {
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + auth
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n";

        assertOpenAiError(http.exchange(request.getBytes(StandardCharsets.US_ASCII), false), 400, "bad chunk size");
        assertThat(output.getAll()).as("the log").doesNotContain("Unexpected failure");
    }

    @Test
    void aHeaderLargerThanTheContainerAcceptsIsAJson4xx() {
        RawHttp.Response response =
                http.send("GET /v1/models HTTP/1.1\r\n" + auth + "X-Padding: " + "a".repeat(20_000) + "\r\n");

        assertThat(response.status()).as(response.toString()).isBetween(400, 499);
        assertThat(JSON.readTree(response.text()).get("error").get("message").asString())
                .isNotBlank();
    }

    @Test
    void aBadContentLengthOrTransferEncodingIsAJson400() {
        assertOpenAiError(
                http.send("POST /v1/chat/completions HTTP/1.1\r\n" + auth + "Content-Length: abc\r\n"),
                400,
                "Content-Length");
        assertOpenAiError(
                http.send("POST /v1/chat/completions HTTP/1.1\r\n" + auth + "Transfer-Encoding: chunked, chunked\r\n"),
                400,
                "chunked twice");
    }

    @Test
    void aNegativeContentLengthIsAJson400InsteadOfAWaitForTheConnectionToClose() {
        assertOpenAiError(
                http.send("POST /v1/chat/completions HTTP/1.1\r\n" + auth + "Content-Length: -1\r\n"),
                400,
                "Content-Length: -1");
    }

    @Test
    void aWildcardContentTypeIsAJson415() {
        assertOpenAiError(
                http.send(
                        "POST /v1/chat/completions HTTP/1.1\r\n" + auth + "Content-Type: */*\r\n",
                        "{\"model\":\"aws/glm-5\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"),
                415,
                "*/*");
    }

    @Test
    void aRequestLineTooBrokenToNameAPathStillGetsJson() {
        assertOpenAiError(
                http.send("GET /v1/models/" + "a".repeat(10_000) + " HTTP/1.1\r\n" + auth), 400, "a 10 kB URL");
        assertOpenAiError(http.send("G@T /v1/models HTTP/1.1\r\n" + auth), 400, "a method that is no token");
    }

    @Test
    void aMethodTheFirewallDoesNotKnowIsA405() {
        assertOpenAiError(http.send("PROPFIND /v1/models HTTP/1.1\r\n" + auth), 405, "PROPFIND");
    }

    @Test
    void traceIsAJson405() {
        assertOpenAiError(http.send("TRACE /v1/models HTTP/1.1\r\n" + auth), 405, "TRACE");
    }

    @Test
    void aKnownEndpointCalledWithAnotherMethodIsA405NamingTheAllowedOnes() {
        RawHttp.Response response = http.send("DELETE /v1/models HTTP/1.1\r\n" + auth);

        assertOpenAiError(response, 405, "DELETE /v1/models");
        assertThat(response.header("Allow")).as("Allow").contains("GET");
        assertOpenAiError(http.send("PATCH /admin/v1/teams HTTP/1.1\r\n" + adminAuth()), 405, "PATCH admin");
    }

    @Test
    void unknownEndpointsAreJson404sUnderEveryPrefix() {
        assertOpenAiError(http.send("GET /v1/nothing-here HTTP/1.1\r\n" + auth), 404, "/v1");
        assertOpenAiError(http.send("GET /api/v1/nothing-here HTTP/1.1\r\n" + auth), 404, "/api/v1");
        assertOpenAiError(http.send("GET /admin/v1/nothing-here HTTP/1.1\r\n" + adminAuth()), 404, "/admin/v1");
    }

    @Test
    void mediaUrlsThatServeNothingAreJsonErrors() {
        assertOpenAiError(http.send("GET /media/not-a-media-url HTTP/1.1\r\n"), 404, "no extension");
        assertOpenAiError(http.send("GET /media/a/b/c HTTP/1.1\r\n"), 404, "nested");
        assertOpenAiError(http.send("GET /media/AAAAAAAAAAAAAAAAAAAAAAAA.png HTTP/1.1\r\n"), 404, "unknown id");
        assertOpenAiError(http.send("POST /media/AAAAAAAAAAAAAAAAAAAAAAAA.png HTTP/1.1\r\n"), 405, "POST");
    }

    @Test
    void aBodyOfTheWrongContentTypeIsA415() {
        for (String path : List.of("/v1/chat/completions", "/v1/images/edits", "/v1/videos")) {
            RawHttp.Response response =
                    http.send("POST " + path + " HTTP/1.1\r\n" + auth + "Content-Type: text/plain\r\n", "hello");
            assertOpenAiError(response, 415, path);
        }
        assertOpenAiError(
                http.send("POST /admin/v1/teams HTTP/1.1\r\n" + adminAuth() + "Content-Type: text/plain\r\n", "x"),
                415,
                "admin");
    }

    @Test
    void anAcceptHeaderAskingForXmlStillGetsTheJsonAnswer() {
        RawHttp.Response response = http.send("GET /v1/models HTTP/1.1\r\n" + auth + "Accept: application/xml\r\n");

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(JSON.readTree(response.text()).get("data").isArray()).isTrue();
    }

    @Test
    void aQueryThatIsNotValidPercentEncodingOrUtf8IsA400() {
        assertOpenAiError(http.send("GET /v1/videos?after=%zz HTTP/1.1\r\n" + auth), 400, "bad percent");
        assertOpenAiError(http.send("GET /v1/videos?after=%ff%fe HTTP/1.1\r\n" + auth), 400, "not UTF-8");
    }

    @Test
    void anAnthropicVersionTheFirewallWillNotHandOutStillGetsTheRequestJudgedInTheAnthropicShape() {
        RawHttp.Response response = http.exchange(
                ("POST /v1/messages HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n" + auth
                                + "anthropic-version: 2023-06-01\u0085\r\nContent-Type: application/json\r\n"
                                + "Content-Length: 2\r\n\r\n{}")
                        .getBytes(StandardCharsets.ISO_8859_1),
                false);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        JsonNode body = JSON.readTree(response.text());
        assertThat(body.get("type").asString()).isEqualTo("error");
        assertThat(body.get("error").get("message").asString())
                .as("the body's own mistake, not a refused request")
                .contains("max_tokens");
    }

    private String adminAuth() {
        return "Authorization: Bearer " + IntegrationTest.MASTER_KEY + "\r\n";
    }

    private static void assertOpenAiError(RawHttp.Response response, int status, String what) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(status);
        assertThat(response.contentType()).as(what + ": " + response).startsWith("application/json");
        JsonNode error = JSON.readTree(response.text()).get("error");
        assertThat(error).as(what + ": " + response).isNotNull();
        assertThat(error.get("message").asString()).as(what).isNotBlank();
        assertThat(error.get("type").asString()).as(what).isNotBlank();
    }
}
