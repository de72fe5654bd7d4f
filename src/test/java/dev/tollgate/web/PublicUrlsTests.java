package dev.tollgate.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

class PublicUrlsTests {

    @Test
    void withoutAConfiguredUrlLinksUseTheAddressTheRequestCameIn() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/images/generations");
        request.setServerName("gateway.internal");
        request.setServerPort(8443);
        request.setScheme("https");

        assertThat(new PublicUrls("").absolute(request, "/media/abc.png"))
                .isEqualTo("https://gateway.internal:8443/media/abc.png");
    }

    @Test
    void aConfiguredUrlWinsAndATrailingSlashIsIgnored() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/v1/images/generations");

        assertThat(new PublicUrls(" https://ai.example.com/ ").absolute(request, "/media/abc.png"))
                .isEqualTo("https://ai.example.com/media/abc.png");
    }
}
