package dev.tollgate.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import jakarta.servlet.http.HttpServletRequest;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/** A bearer token admits exactly its secret, under a scheme in any case, and nothing it cannot read. */
class BearerTokenTests {

    private final BearerToken token = new BearerToken("s3cret-token");

    @Test
    void theSecretUnderTheBearerSchemeMatches() {
        assertThat(token.matches("Bearer s3cret-token")).isTrue();
    }

    @Test
    void theSchemeMatchesInAnyCaseAndTheSecretIsStripped() {
        assertThat(token.matches("bEaReR s3cret-token"))
                .as("scheme in mixed case")
                .isTrue();
        assertThat(token.matches("Bearer   s3cret-token \t"))
                .as("blanks around the secret")
                .isTrue();
    }

    @Test
    void aSecretConfiguredWithBlanksAroundItIsMatchedWithout() {
        BearerToken pasted = new BearerToken("  s3cret-token\n");

        assertThat(pasted.matches("Bearer s3cret-token")).isTrue();
        assertThat(pasted.matches("Bearer s3cret-toke")).isFalse();
    }

    @Test
    void aMissingHeaderDoesNotMatch() {
        assertThat(token.matches((String) null)).isFalse();
        assertThat(token.matches(new MockHttpServletRequest("GET", "/"))).isFalse();
    }

    @Test
    void anotherSchemeDoesNotMatch() {
        assertThat(token.matches("Basic s3cret-token")).as("another scheme").isFalse();
        assertThat(token.matches("s3cret-token")).as("no scheme").isFalse();
        assertThat(token.matches("Bearers3cret-token"))
                .as("no blank after the scheme")
                .isFalse();
    }

    @Test
    void aWrongPrefixOrLongerSecretDoesNotMatch() {
        assertThat(token.matches("Bearer s3cret-toke")).as("a prefix").isFalse();
        assertThat(token.matches("Bearer s3cret-token2")).as("a longer value").isFalse();
        assertThat(token.matches("Bearer S3CRET-TOKEN"))
                .as("the secret in another case")
                .isFalse();
        assertThat(token.matches("Bearer ")).as("an empty value").isFalse();
    }

    @Test
    void theRequestsAuthorizationHeaderIsRead() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/");
        request.addHeader("Authorization", "Bearer s3cret-token");

        assertThat(token.matches(request)).isTrue();
    }

    @Test
    void aHeaderTheFirewallRefusesToReadDoesNotMatch() {
        MockHttpServletRequest raw = new MockHttpServletRequest("GET", "/");
        raw.addHeader("Authorization", "Bearer s3cret-token\u0000");
        HttpServletRequest firewalled = new StrictHttpFirewall().getFirewalledRequest(raw);
        assertThatExceptionOfType(RequestRejectedException.class)
                .as("the firewall refuses to hand the header out")
                .isThrownBy(() -> firewalled.getHeader("Authorization"));

        assertThat(token.matches(firewalled)).isFalse();
    }

    @Test
    void aBlankSecretIsRefusedAndTheSecretIsNeverPrinted() {
        assertThatIllegalArgumentException().isThrownBy(() -> new BearerToken("  "));
        assertThat(token.toString()).doesNotContain("s3cret");
    }
}
