package dev.tollgate.observability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.web.ApiErrorWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/** Without TOLLGATE_METRICS_TOKEN the metrics admit nobody, whatever they send; a token's prefix is not the token. */
class MetricsTokenFilterTests {

    @Test
    void anUnsetTokenRefusesEveryScrape() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
        request.addHeader("Authorization", "Bearer ");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter("  ").doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("disabled").contains("TOLLGATE_METRICS_TOKEN");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
    }

    @Test
    void aPrefixOfTheTokenIsRefused() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
        request.addHeader("Authorization", "Bearer scrape-tok");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter("scrape-token").doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(chain.getRequest()).isNull();
    }

    @Test
    void theTokenPassesThroughWhateverTheSchemesCase() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/actuator/prometheus");
        request.addHeader("Authorization", "bearer scrape-token");
        MockFilterChain chain = new MockFilterChain();

        filter("scrape-token").doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    private static MetricsTokenFilter filter(String token) {
        return new MetricsTokenFilter(
                new MetricsProperties(token, Duration.ofSeconds(5)),
                new ApiErrorWriter(JsonMapper.builder().build()),
                SecurityContextHolder.getContextHolderStrategy());
    }
}
