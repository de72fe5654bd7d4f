package dev.tollgate.portal.login;

import static dev.tollgate.support.PortalVisitor.redirectTarget;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.TollgateApplication;
import dev.tollgate.account.SignInProperties;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.PortalVisitor;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The portal behind a TLS-terminating proxy, as documented: {@code server.forward-headers-strategy=native} makes the
 * container trust X-Forwarded-Proto and X-Forwarded-For from proxies on private or loopback addresses (this test's
 * client is one).
 */
class BehindProxyTests {

    static ConfigurableApplicationContext app;
    static int port;

    @BeforeAll
    static void startBehindAProxy() {
        app = new SpringApplicationBuilder(TollgateApplication.class)
                .profiles("test")
                .run("--server.port=0", "--server.forward-headers-strategy=native");
        port = ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void overHttpsTheSessionCookieIsSecureAndBrowsersAreToldToStayOnHttps() {
        PortalVisitor visitor = PortalVisitor.fromNewAddress(port);

        HttpResponse<String> secure = visitor.get("/login", "X-Forwarded-Proto", "https");
        HttpResponse<String> plain = visitor.sameAddressNewBrowser(port).get("/login");

        assertThat(sessionCookie(secure).toLowerCase()).contains("; secure").contains("samesite=lax");
        assertThat(secure.headers().firstValue("Strict-Transport-Security")).isPresent();
        assertThat(sessionCookie(plain).toLowerCase())
                .as("a plain http request keeps a cookie it can send back")
                .doesNotContain("; secure");
    }

    @Test
    void theForwardedClientAddressIsTheOneThrottled() {
        PortalVisitor proxy = PortalVisitor.fromNewAddress(port);
        int allowed = app.getBean(SignInProperties.class).failuresPerAddress();
        for (int failure = 1; failure <= allowed; failure++) {
            proxy.signIn(
                    "sprayed-" + UUID.randomUUID() + "@example.com",
                    "wrong-password",
                    "X-Forwarded-For",
                    "203.0.113.7");
        }

        HttpResponse<String> sameClient = proxy.signIn(
                IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD, "X-Forwarded-For", "203.0.113.7");
        HttpResponse<String> otherClient = proxy.sameAddressNewBrowser(port)
                .signIn(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD, "X-Forwarded-For", "203.0.113.8");

        assertThat(redirectTarget(sameClient))
                .as("the client that failed waits")
                .contains("/login?locked");
        assertThat(redirectTarget(otherClient))
                .as("another client behind the same proxy signs in")
                .contains("/");
    }

    private static String sessionCookie(HttpResponse<String> answer) {
        return answer.headers().allValues("Set-Cookie").stream()
                .filter(cookie -> cookie.startsWith("JSESSIONID="))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie set: " + answer.headers()));
    }
}
