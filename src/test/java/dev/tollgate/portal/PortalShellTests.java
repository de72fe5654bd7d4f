package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.BoundingBox;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.KeySpender;
import dev.tollgate.support.Layout;
import dev.tollgate.support.Screen;
import dev.tollgate.support.TestTeams;
import dev.tollgate.support.WithWebhookReceiver;
import dev.tollgate.webhook.TeamWebhookService;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The frame around the views at a desk and on a phone: error pages inside it, its header, dialog errors on their
 * fields, the alert history, and the team's webhook section.
 */
@IntegrationTest
class PortalShellTests extends WithWebhookReceiver {

    private static final Pattern TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC");

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    ApiKeyService keys;

    @Autowired
    KeySpender spender;

    @Autowired
    TeamWebhookService webhooks;

    Page page;

    @BeforeEach
    void openPage() {
        page = chromium.open(port);
    }

    @AfterEach
    void closePage() {
        page.context().close();
    }

    @Test
    void errorPagesOpenInsideTheLayoutWithTheirStatusAndAWayBack() {
        TeamSummary team = testTeams.createWithBalance("Lost", "3.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        signIn(member.getUsername());

        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);

            Response unknown = page.navigate("/no-such-page");
            assertThat(unknown.status()).as("an unknown URL is not found").isEqualTo(404);
            assertErrorPageInLayout("Page not found", screen);
            BrowserSupport.screenshot(page, "error-not-found" + screen.suffix());

            Response admin = page.navigate("/admin/teams");
            assertThat(admin.status()).as("a member on an admin URL is refused").isEqualTo(403);
            assertErrorPageInLayout("No access", screen);
            assertThat(page.locator("#error-page")).not().containsText("Could not navigate");
            BrowserSupport.screenshot(page, "error-no-access" + screen.suffix());
        }

        page.locator("#error-back").click();
        assertThat(page.locator("#overview-role")).hasText("Member");

        APIResponse api = page.request().get("/admin/v1/no-such-thing");
        assertThat(api.headers().get("content-type"))
                .as("the admin API still answers in JSON")
                .contains("application/json");
    }

    @Test
    void aSignedOutVisitorOnAnUnknownUrlIsAskedToSignIn() {
        page.navigate("/no-such-page");

        assertThat(page).hasURL(Pattern.compile(".*/login$"));
    }

    @Test
    void thePhoneHeaderShowsTheBalanceAndReachesTheUserMenu() {
        TeamSummary team = testTeams.createWithBalance(Layout.LONGEST_NAME.substring(0, 90), "1234.50");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        signIn(owner.getUsername());

        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            page.reload();
            Locator balance = page.locator("#team-balance");
            assertThat(balance).isVisible();
            Layout.assertInsideViewport(page, balance, "the balance at " + screen);
            // grouped or not, whichever way the money rule writes it
            assertThat(balance).hasText(Pattern.compile("Cr\\$ 1,?234\\.50"));
            Locator menu = page.locator(".user-menu vaadin-menu-bar-button").first();
            Layout.assertInsideViewport(page, menu, "the user menu at " + screen);
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "header" + screen.suffix());

            menu.click();
            Locator signOut = page.getByRole(AriaRole.MENUITEM, new Page.GetByRoleOptions().setName("Sign out"));
            assertThat(signOut).isVisible();
            Layout.assertInsideViewport(page, signOut, "Sign out at " + screen);
            BrowserSupport.screenshot(page, "header-user-menu" + screen.suffix());
            page.keyboard().press("Escape");
        }
    }

    @Test
    void aDialogShowsARefusalOnTheFieldInsideItsBox() {
        TeamSummary team = testTeams.create("Dialog errors");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        signIn(owner.getUsername());
        page.navigate("/keys");

        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            page.locator("#create-key").click();
            page.getByLabel("Name").fill("refused-budget");
            page.locator("#key-budget input").fill("-5");
            page.locator("#confirm-create-key").click();

            Locator budget = page.locator("#key-budget");
            assertThat(budget).hasAttribute("invalid", "");
            assertThat(budget).containsText("A budget is a positive amount of Cr$");
            assertThat(page.locator(".form-error:visible")).hasCount(0);
            BoundingBox dialog = page.locator("vaadin-dialog[opened] [part~='overlay']")
                    .first()
                    .boundingBox();
            BoundingBox error = budget.locator("[slot='error-message']").first().boundingBox();
            assertThat(error.x)
                    .as("the error starts inside the dialog at %s", screen)
                    .isGreaterThanOrEqualTo(dialog.x);
            assertThat(error.x + error.width)
                    .as("the error ends inside the dialog at %s", screen)
                    .isLessThanOrEqualTo(dialog.x + dialog.width + 0.5);
            assertThat(error.y + error.height)
                    .as("the error is above the dialog's bottom edge at %s", screen)
                    .isLessThanOrEqualTo(dialog.y + dialog.height);
            BrowserSupport.screenshot(page, "dialog-field-error" + screen.suffix());

            page.locator("#key-budget input").fill("5");
            page.locator("#key-budget input").press("Tab"); // a field reports its change when left
            assertThat(budget).not().hasAttribute("invalid", "");
            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel"))
                    .click();
            assertThat(page.locator("#confirm-create-key")).hasCount(0);
        }
    }

    @Test
    void theBellKeepsReadAlertsAsAHistoryWithTheirTimes() {
        TeamSummary team = testTeams.createWithBalance("History", "10.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        ApiKeyId key = issueKeyWithBudget(team, owner, "nightly-batch");
        spender.prepaid(team.id(), key, Credits.of("8.01"));
        signIn(owner.getUsername());

        Locator bell = page.locator("#budget-alerts");
        assertThat(page.locator(".alert-count")).hasText("1");
        bell.click();
        assertThat(page.locator(".alert-line.alert-unread")).hasCount(1);
        page.locator("#mark-alerts-read").click();

        assertThat(bell).isVisible();
        assertThat(page.locator(".alert-count")).not().isVisible();
        assertThat(bell).hasAttribute("aria-label", "Budget alerts, none unread");
        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            page.reload();
            bell.click();
            Locator read = page.locator(".alert-line.alert-read");
            assertThat(read).hasCount(1);
            assertThat(read).containsText("Key nightly-batch has used 80% of its Cr$ 10.00 budget");
            assertThat(read.locator(".alert-time")).hasText(TIME);
            Layout.assertInsideViewport(page, read, "the read alert at " + screen);
            String color = (String) read.evaluate("e => getComputedStyle(e).color");
            String textColor = (String) page.evaluate("() => getComputedStyle(document.body).color");
            assertThat(color).as("a read alert is greyed").isNotEqualTo(textColor);
            BrowserSupport.screenshot(page, "alert-history" + screen.suffix());
            page.keyboard().press("Escape");
        }
    }

    @Test
    void rotatingTheSecretAsksFirstAndTheDeliveryLogListsEachAttempt() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Deliveries", "10.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        URI hook = receiver.newHook();
        actors.as(owner, () -> webhooks.save(team.id(), hook.toString()));
        ApiKeyId key = issueKeyWithBudget(team, owner, "deliveries");
        receiver.answerNext(hook, 503);
        spender.prepaid(team.id(), key, Credits.of("8.01"));
        assertThat(receiver.await(hook, 2, Duration.ofSeconds(10)))
                .as("the crossing was retried once after the 503")
                .hasSize(2);
        signIn(owner.getUsername());

        Locator masked = page.locator("#webhook-secret-masked");
        String before = masked.innerText();
        page.locator("#rotate-webhook-secret").click();
        assertThat(page.locator("#confirm-rotate-webhook-secret")).hasAttribute("opened", "");
        assertThat(page.getByText("Rotate the signing secret?")).isVisible();
        BrowserSupport.screenshot(page, "webhook-rotate-confirm");
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Cancel"))
                .click();
        assertThat(page.locator("#new-webhook-secret")).hasCount(0);
        assertThat(masked).hasText(before);

        page.locator("#rotate-webhook-secret").click();
        page.getByRole(
                        AriaRole.BUTTON,
                        new Page.GetByRoleOptions().setName("Rotate").setExact(true))
                .click();
        assertThat(page.locator("#new-webhook-secret input")).hasValue(Pattern.compile("whsec_.*"));
        page.locator("#close-webhook-secret").click();
        assertThat(masked).not().hasText(before);

        Locator log = page.locator("#webhook-deliveries");
        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            page.reload();
            Locator attempts = log.locator(".delivery-attempt");
            assertThat(attempts).hasCount(2);
            Locator retried = attempts.filter(new Locator.FilterOptions().setHasText("HTTP 503"));
            assertThat(retried).containsText("attempt 1");
            assertThat(retried.locator(".delivery-next-retry")).containsText(TIME);
            Locator delivered = attempts.filter(new Locator.FilterOptions().setHasText("HTTP 200"));
            assertThat(delivered).containsText("attempt 2");
            assertThat(delivered.locator(".delivery-time")).hasText(TIME);
            assertThat(delivered.locator(".delivery-next-retry")).hasCount(0);
            assertThat(attempts.first()).containsText("attempt 2");
            Layout.assertInsideViewport(page, delivered, "the delivered attempt at " + screen);
            Layout.assertInsideViewport(page, page.locator("#rotate-webhook-secret"), "Rotate secret at " + screen);
            BrowserSupport.screenshot(page, "webhook-deliveries" + screen.suffix());
        }
    }

    private ApiKeyId issueKeyWithBudget(TeamSummary team, UserDetails owner, String name) {
        return actors.as(
                        owner,
                        () -> keys.issue(team.id(), new NewApiKey(name, null, Credits.of("10.00"), Set.of(), null)))
                .key()
                .id();
    }

    private void assertErrorPageInLayout(String title, Screen screen) {
        Locator errorPage = page.locator("vaadin-app-layout #error-page");
        assertThat(errorPage).containsText(title);
        Locator back = page.locator("#error-back");
        assertThat(back).isVisible();
        Layout.assertInsideViewport(page, back, "the way back at " + screen);
        assertThat(page.locator("#team-balance")).isAttached();
        Layout.assertNoSidewaysScroll(page);
    }

    private void signIn(String email) {
        ChromiumExtension.submitSignIn(page, email, TestTeams.PASSWORD);
        assertThat(page.locator("#team-balance, .team-name").first()).isAttached();
    }
}
