package dev.tollgate.portal.login;

import static dev.tollgate.support.PortalVisitor.redirectTarget;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.account.SignInProperties;
import dev.tollgate.account.TeamRole;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.PortalVisitor;
import dev.tollgate.support.TestTeams;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The sign-in endpoint as a script or another site sees it: the form's token is required, failures are throttled per
 * account and per client address without telling known accounts from unknown ones, and portal pages carry the
 * security headers and session cookie attributes browsers act on.
 */
@IntegrationTest
class SignInRequestTests {

    @LocalServerPort
    int port;

    @Autowired
    TestTeams teams;

    @Autowired
    SignInProperties limits;

    UserDetails person;
    PortalVisitor visitor;
    int accountFailures;
    int addressFailures;

    @BeforeEach
    void aPersonAndAVisitor() {
        person = teams.addPerson(teams.create("Sign-in"), TeamRole.MEMBER);
        visitor = PortalVisitor.fromNewAddress(port);
        accountFailures = limits.failuresPerAccount();
        addressFailures = limits.failuresPerAddress();
    }

    @Test
    void theSignInFormWithItsTokenSignsIn() {
        HttpResponse<String> answer = visitor.signIn(person.getUsername(), TestTeams.PASSWORD);

        assertThat(redirectTarget(answer)).as("sent on to the portal").contains("/");
        assertThat(visitor.isSignedIn()).as("the session is signed in").isTrue();
    }

    @Test
    void aSignInPostedByAnotherSiteWithoutTheFormsTokenDoesNotSignIn() {
        visitor.get("/login");

        HttpResponse<String> answer = visitor.postSignIn(
                Map.of("username", person.getUsername(), "password", TestTeams.PASSWORD),
                "Origin",
                "https://attacker.example",
                "Referer",
                "https://attacker.example/tollgate");

        assertThat(redirectTarget(answer))
                .as("a cross-site post is sent back to the sign-in page (status %d)", answer.statusCode())
                .contains("/login?expired");
        assertThat(visitor.isSignedIn())
                .as("the visitor's browser is not signed in to someone else's account")
                .isFalse();
    }

    @Test
    void aTokenFromAnotherSessionDoesNotSignIn() {
        String attackersToken = visitor.sameAddressNewBrowser(port).signInFormToken();
        visitor.get("/login");

        HttpResponse<String> answer = visitor.postSignIn(
                Map.of("username", person.getUsername(), "password", TestTeams.PASSWORD, "_csrf", attackersToken));

        assertThat(redirectTarget(answer)).isNotEqualTo(Optional.of("/"));
        assertThat(visitor.isSignedIn())
                .as("the token must belong to this session")
                .isFalse();
    }

    @Test
    void theRightPasswordAfterTwentyFiveWrongOnesDoesNotSignIn() {
        for (int attempt = 1; attempt <= 25; attempt++) {
            visitor.signIn(person.getUsername(), "wrong-password-" + attempt);
        }

        HttpResponse<String> answer = visitor.signIn(person.getUsername(), TestTeams.PASSWORD);

        assertThat(redirectTarget(answer)).as("refused as locked").contains("/login?locked");
        assertThat(visitor.isSignedIn()).isFalse();
    }

    @Test
    void theFailureThatUsesUpTheAllowanceAlreadySaysTheAccountIsLocked() {
        List<String> answers = failRepeatedly(visitor, person.getUsername(), accountFailures);

        assertThat(answers.subList(0, accountFailures - 1))
                .as("the first failures are plain wrong passwords")
                .containsOnly("/login?error");
        assertThat(answers.getLast()).as("the last allowed failure locks").isEqualTo("/login?locked");
    }

    @Test
    void anUnknownEmailIsAnsweredExactlyAsAKnownOne() {
        List<String> known = failRepeatedly(visitor, person.getUsername(), accountFailures + 2);
        List<String> unknown = failRepeatedly(
                PortalVisitor.fromNewAddress(port),
                "nobody-" + UUID.randomUUID() + "@example.com",
                accountFailures + 2);

        assertThat(unknown).as("nothing tells whether the account exists").isEqualTo(known);
    }

    @Test
    void aSuccessfulSignInForgivesTheAccountsEarlierFailures() {
        failRepeatedly(visitor, person.getUsername(), accountFailures - 1);
        assertThat(redirectTarget(visitor.sameAddressNewBrowser(port).signIn(person.getUsername(), TestTeams.PASSWORD)))
                .contains("/");

        List<String> later = failRepeatedly(visitor, person.getUsername(), accountFailures - 1);

        assertThat(later).as("the count started again").containsOnly("/login?error");
    }

    @Test
    void failuresAcrossAccountsFromOneAddressLockThatAddressOnly() {
        List<String> answers = new ArrayList<>();
        for (int attempt = 1; attempt <= addressFailures; attempt++) {
            answers.addAll(failRepeatedly(visitor, "sprayed-" + UUID.randomUUID() + "@example.com", 1));
        }
        assertThat(answers.getLast())
                .as("the address's last allowed failure locks")
                .isEqualTo("/login?locked");

        HttpResponse<String> sameAddress = visitor.signIn(person.getUsername(), TestTeams.PASSWORD);
        assertThat(redirectTarget(sameAddress))
                .as("even the right password waits at a locked address")
                .contains("/login?locked");

        PortalVisitor elsewhere = PortalVisitor.fromNewAddress(port);
        assertThat(redirectTarget(elsewhere.signIn(person.getUsername(), TestTeams.PASSWORD)))
                .as("the account itself is not locked")
                .contains("/");
    }

    @Test
    void aForwardedForHeaderDoesNotChangeTheAddressUnlessForwardHeadersAreConfigured() {
        for (int attempt = 1; attempt <= addressFailures; attempt++) {
            visitor.signIn(
                    "sprayed-" + UUID.randomUUID() + "@example.com",
                    "wrong-password",
                    "X-Forwarded-For",
                    "198.51.100." + attempt);
        }

        HttpResponse<String> answer =
                visitor.signIn(person.getUsername(), TestTeams.PASSWORD, "X-Forwarded-For", "198.51.100.200");

        assertThat(redirectTarget(answer))
                .as("the address the container sees is the one throttled")
                .contains("/login?locked");
    }

    @Test
    void signingInReplacesTheSessionId() {
        visitor.get("/login");
        String before = visitor.sessionId().orElseThrow();

        visitor.signIn(person.getUsername(), TestTeams.PASSWORD);

        assertThat(visitor.sessionId())
                .as("a new session id after sign-in")
                .isPresent()
                .isNotEqualTo(Optional.of(before));
        PortalVisitor fixated = visitor.sameAddressNewBrowser(port);
        fixated.useSessionId(before);
        assertThat(fixated.isSignedIn())
                .as("the id known before sign-in is worth nothing")
                .isFalse();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteLaxAndNotSecureOverPlainHttp() {
        HttpResponse<String> page = visitor.get("/login");
        HttpResponse<String> signedIn =
                visitor.sameAddressNewBrowser(port).signIn(person.getUsername(), TestTeams.PASSWORD);

        for (HttpResponse<String> answer : List.of(page, signedIn)) {
            String cookie = sessionCookie(answer);
            List<String> attributes = Arrays.stream(cookie.split(";"))
                    .skip(1)
                    .map(String::strip)
                    .map(attribute -> attribute.toLowerCase(Locale.ROOT))
                    .toList();
            assertThat(attributes)
                    .as(cookie)
                    .contains("httponly", "samesite=lax")
                    .doesNotContain("secure");
        }
    }

    @Test
    void portalPagesCarryAContentSecurityPolicyAndTheOtherSecurityHeaders() {
        HttpResponse<String> page = visitor.get("/login");

        Map<String, List<String>> policy =
                directives(page.headers().firstValue("Content-Security-Policy").orElse(""));
        assertThat(policy)
                .as("scripts, styles and connections only from this origin; no plugins, framing or foreign forms")
                .containsEntry("default-src", List.of("'self'"))
                .containsEntry("script-src", List.of("'self'", "'unsafe-inline'", "'unsafe-eval'"))
                .containsEntry("style-src", List.of("'self'", "'unsafe-inline'"))
                .containsEntry("connect-src", List.of("'self'"))
                .containsEntry("object-src", List.of("'none'"))
                .containsEntry("base-uri", List.of("'self'"))
                .containsEntry("form-action", List.of("'self'"))
                .containsEntry("frame-ancestors", List.of("'none'"));
        assertThat(page.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("same-origin");
    }

    @Test
    void signedInPagesAreNotStoredByBrowsersOrProxies() {
        visitor.signIn(person.getUsername(), TestTeams.PASSWORD);

        HttpResponse<String> start = visitor.get("/");

        assertThat(start.statusCode()).isEqualTo(200);
        assertThat(start.headers().firstValue("Cache-Control").orElse(""))
                .as("a shared computer's back button or a proxy must not keep the page")
                .contains("no-store");
    }

    private List<String> failRepeatedly(PortalVisitor from, String email, int times) {
        List<String> answers = new ArrayList<>();
        for (int attempt = 1; attempt <= times; attempt++) {
            answers.add(redirectTarget(from.signIn(email, "wrong-password-" + attempt))
                    .orElse("no redirect"));
        }
        return answers;
    }

    private static String sessionCookie(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie set: " + answer.headers()));
    }

    private static Map<String, List<String>> directives(String policy) {
        Map<String, List<String>> directives = new LinkedHashMap<>();
        for (String directive : policy.split(";")) {
            List<String> parts = Arrays.stream(directive.strip().split("\\s+"))
                    .filter(part -> !part.isEmpty())
                    .toList();
            if (!parts.isEmpty()) {
                directives.put(parts.getFirst(), parts.subList(1, parts.size()));
            }
        }
        return directives;
    }
}
