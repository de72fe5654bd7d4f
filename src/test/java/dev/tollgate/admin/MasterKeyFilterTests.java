package dev.tollgate.admin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.web.ApiErrorWriter;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import tools.jackson.databind.json.JsonMapper;

/** Without TOLLGATE_MASTER_KEY the admin API admits nobody, whatever they send. */
class MasterKeyFilterTests {

    @Test
    void anUnsetMasterKeyDisablesTheAdminApi() throws Exception {
        MasterKeyFilter filter = new MasterKeyFilter(
                new AdminApiProperties(""), writer(), SecurityContextHolder.getContextHolderStrategy());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/v1/teams");
        request.addHeader("Authorization", "Bearer ");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("disabled").contains("TOLLGATE_MASTER_KEY");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
    }

    @Test
    void theRightKeyPassesThrough() throws Exception {
        MasterKeyFilter filter = new MasterKeyFilter(
                new AdminApiProperties("s3cret"), writer(), SecurityContextHolder.getContextHolderStrategy());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/v1/teams");
        request.addHeader("Authorization", "Bearer s3cret");
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(chain.getRequest()).isNotNull();
    }

    @Test
    void aWrongKeyIsRefused() throws Exception {
        MasterKeyFilter filter = new MasterKeyFilter(
                new AdminApiProperties("s3cret"), writer(), SecurityContextHolder.getContextHolderStrategy());
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/v1/teams");
        request.addHeader("Authorization", "Bearer s3cre");
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getContentAsString()).contains("incorrect master key");
        assertThat(chain.getRequest()).as("the request went no further").isNull();
    }

    private static ApiErrorWriter writer() {
        return new ApiErrorWriter(JsonMapper.builder().build());
    }
}
