package dev.tollgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tomcat.util.http.InvalidParameterException;
import org.junit.jupiter.api.Test;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.multipart.MultipartException;
import tools.jackson.databind.json.JsonMapper;

/** How failures of the request itself map to statuses, for those that are costly to provoke over the wire. */
class RequestErrorResolverTests {

    private final RequestErrorResolver resolver =
            new RequestErrorResolver(new ApiErrorWriter(JsonMapper.builder().build()));

    @Test
    void aJsonBodyCutOffAtTheSizeCapIsA413NotAnInvalidBody() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/chat/completions");
        MockHttpServletResponse response = new MockHttpServletResponse();
        HttpMessageNotReadableException cutOff = new HttpMessageNotReadableException(
                "I/O error while reading input message",
                new BodyTooLargeException(),
                new ServletServerHttpRequest(request));

        resolver.resolveException(request, response, new Object(), cutOff);

        assertThat(response.getStatus()).isEqualTo(413);
        assertThat(response.getContentAsString()).contains("request_too_large");
    }

    @Test
    void aFormWithMorePartsThanTheContainerTakesIsA413() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/images/edits");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MultipartException tooManyParts = new MultipartException(
                "Failed to parse multipart servlet request",
                new InvalidParameterException(new IllegalStateException("too many parts"), 413));

        resolver.resolveException(request, response, new Object(), tooManyParts);

        assertThat(response.getStatus()).isEqualTo(413);
    }

    @Test
    void aFailureBeforeAnyEndpointWasChosenIsAJson500InTheCallersDialect() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/messages");
        MockHttpServletResponse response = new MockHttpServletResponse();

        resolver.resolveException(request, response, null, new IllegalStateException("boom"));

        assertThat(response.getStatus()).isEqualTo(500);
        assertThat(response.getContentAsString()).contains("\"type\":\"error\"").doesNotContain("boom");
    }

    @Test
    void domainFailuresOfAnEndpointAndPortalFailuresAreLeftToTheirOwners() {
        MockHttpServletRequest api = new MockHttpServletRequest("POST", "/v1/chat/completions");
        MockHttpServletRequest portal = new MockHttpServletRequest("POST", "/login");

        assertThat(resolver.resolveException(
                        api, new MockHttpServletResponse(), new Object(), new IllegalArgumentException("rule")))
                .as("an endpoint's own failure")
                .isNull();
        assertThat(resolver.resolveException(
                        portal, new MockHttpServletResponse(), null, new MultipartException("broken")))
                .as("a portal path")
                .isNull();
    }
}
