package dev.tollgate.portal.login;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tollgate.account.SignInProperties;
import dev.tollgate.account.TeamRole;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.PortalVisitor;
import dev.tollgate.support.TestTeams;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The sign-in view in Chromium, under the portal's Content Security Policy: signing in, being told when to try again
 * after too many failures, and sessions that end on sign-out or a password change.
 */
@IntegrationTest
class LoginViewTests {

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams teams;

    @Autowired
    SignInProperties limits;

    UserDetails person;
    Page page;
    BrowserContext context;

    @BeforeEach
    void aPersonAtTheSignInPage() {
        person = teams.addPerson(teams.create("Sign-in view"), TeamRole.OWNER);
        page = chromium.open(port);
        context = page.context();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void theSignInFormSignsIn() {
        ChromiumExtension.submitSignIn(page, person.getUsername(), TestTeams.PASSWORD);

        assertThat(page.locator(".team-name")).isVisible();
        assertThat(page).hasURL(Pattern.compile(".*:" + port + "/$"));
    }

    @Test
    void tooManyFailuresSayWhenToTryAgainAndEvenTheRightPasswordWaits() {
        for (int failure = 1; failure < limits.failuresPerAccount(); failure++) {
            ChromiumExtension.submitSignIn(page, person.getUsername(), "wrong-password-" + failure);
            assertThat(page.getByText("Incorrect email or password")).isVisible();
        }

        ChromiumExtension.submitSignIn(page, person.getUsername(), "wrong-password-again");

        long minutes =
                (limits.failureWindow().dividedBy(limits.failuresPerAccount()).toSeconds() + 59) / 60;
        assertThat(page.getByText("Too many failed sign-ins")).isVisible();
        assertThat(page.getByText("Try again in " + minutes + " minutes.")).isVisible();
        page.setViewportSize(1440, 900);
        BrowserSupport.screenshot(page, "login-locked-desk");
        page.setViewportSize(390, 844);
        BrowserSupport.screenshot(page, "login-locked-phone");

        ChromiumExtension.submitSignIn(page, person.getUsername(), TestTeams.PASSWORD);
        assertThat(page.getByText("Too many failed sign-ins")).isVisible();
        assertThat(page).hasURL(Pattern.compile(".*/login\\?locked$"));
    }

    @Test
    void signingOutEndsTheSessionForEveryCopyOfItsCookie() {
        ChromiumExtension.submitSignIn(page, person.getUsername(), TestTeams.PASSWORD);
        assertThat(page.locator(".team-name")).isVisible();
        PortalVisitor copied = PortalVisitor.fromNewAddress(port);
        copied.useSessionId(sessionCookie());
        assertThat(copied.isSignedIn())
                .as("the copied cookie works while signed in")
                .isTrue();

        openUserMenu();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Sign out"))
                .click();

        assertThat(page).hasURL(Pattern.compile(".*/login$"));
        assertThat(copied.isSignedIn())
                .as("the session itself ended, not just the browser's cookie")
                .isFalse();
    }

    @Test
    void changingThePasswordSignsOutTheOtherSessionsButNotThisOne() {
        PortalVisitor elsewhere = PortalVisitor.fromNewAddress(port);
        elsewhere.signIn(person.getUsername(), TestTeams.PASSWORD);
        assertThat(elsewhere.isSignedIn()).isTrue();
        ChromiumExtension.submitSignIn(page, person.getUsername(), TestTeams.PASSWORD);
        assertThat(page.locator(".team-name")).isVisible();

        openUserMenu();
        page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Change password"))
                .click();
        page.getByLabel("Current password").fill(TestTeams.PASSWORD);
        page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true))
                .fill("a-new-password-2");
        page.getByLabel("Repeat new password").fill("a-new-password-2");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Change password"))
                .click();
        assertThat(page.getByText("Password changed")).isVisible();

        assertThat(elsewhere.isSignedIn())
                .as("the session signed in with the old password ended")
                .isFalse();
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pricing"))
                .click();
        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chat models")))
                .isVisible();
        page.reload();
        assertThat(page.locator(".team-name")).isVisible();
        PortalVisitor again = PortalVisitor.fromNewAddress(port);
        assertThat(PortalVisitor.redirectTarget(again.signIn(person.getUsername(), "a-new-password-2")))
                .contains("/");
    }

    private void openUserMenu() {
        page.locator(".user-menu vaadin-menu-bar-button").first().click();
    }

    private String sessionCookie() {
        return context.cookies().stream()
                .filter(cookie -> cookie.name.equals("JSESSIONID"))
                .map(cookie -> cookie.value)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie in the browser"));
    }
}
