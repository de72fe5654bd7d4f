package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
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
import dev.tollgate.support.TestTeams;
import dev.tollgate.support.WithWebhookReceiver;
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

/** An owner sets the team's webhook in the overview and sees a key's budget crossing in the header's bell. */
@IntegrationTest
class BudgetAlertPortalTests extends WithWebhookReceiver {

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
    void anOwnerSetsTheWebhookSeesTheSecretOnceAndSeesACrossingInTheBell() throws Exception {
        // enough credit for the key to spend past 80% of its budget
        TeamSummary team = testTeams.createWithBalance("Bell", "10.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        ApiKeyId key = actors.as(
                        owner,
                        () -> keys.issue(
                                team.id(), new NewApiKey("ci-runner", null, Credits.of("10.00"), Set.of(), null)))
                .key()
                .id();
        signIn(owner.getUsername());
        assertThat(page.locator("#budget-alerts")).not().isVisible();

        Locator url = page.locator("#webhook-url input");
        url.fill("http://127.0.0.1:1/hook");
        page.locator("#save-webhook").click();
        assertThat(page.locator("#webhook-url"))
                .containsText("The URL's host resolves to a loopback address, which is not allowed");
        BrowserSupport.screenshot(page, "webhook-refused");

        URI hook = receiver.newHook();
        url.fill(hook.toString());
        page.locator("#save-webhook").click();
        Locator secretField = page.locator("#new-webhook-secret input");
        assertThat(secretField).hasValue(Pattern.compile("whsec_[A-Za-z0-9_-]{43}"));
        String secret = secretField.inputValue();
        assertThat(page.locator("#copy-webhook-secret")).isVisible();
        page.waitForTimeout(400); // the dialog's opening animation
        BrowserSupport.screenshot(page, "webhook-secret");
        page.locator("#close-webhook-secret").click();
        assertThat(page.locator("#webhook-secret-masked")).hasText("whsec_…" + secret.substring(secret.length() - 4));
        assertThat(page.content()).as("the secret is gone from the page").doesNotContain(secret);
        BrowserSupport.screenshot(page, "webhook-settings");

        spender.prepaid(team.id(), key, Credits.of("8.01"));
        assertThat(receiver.await(hook, 1, Duration.ofSeconds(10)))
                .as("the webhook got the crossing")
                .hasSize(1);
        page.reload();

        Locator bell = page.locator("#budget-alerts");
        assertThat(bell).isVisible();
        assertThat(page.locator(".alert-count")).hasText("1");
        bell.click();
        assertThat(page.locator(".alert-list .alert-text"))
                .hasText("Key ci-runner has used 80% of its Cr$ 10.00 budget");
        BrowserSupport.screenshot(page, "budget-alert");

        page.locator("#mark-alerts-read").click();
        assertThat(page.locator(".alert-count")).not().isVisible();
        assertThat(page.locator(".alert-line.alert-read")).hasCount(1);
    }

    @Test
    void aMemberSeesNeitherTheWebhookSettingsNorTheBell() {
        TeamSummary team = testTeams.createWithBalance("Bell member", "5.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        ApiKeyId key = actors.as(
                        owner,
                        () -> keys.issue(team.id(), new NewApiKey("shared", null, Credits.of("1.00"), Set.of(), null)))
                .key()
                .id();
        spender.prepaid(team.id(), key, Credits.of("0.90"));

        signIn(member.getUsername());

        assertThat(page.locator("#overview-role")).hasText("Member");
        assertThat(page.locator("#webhook-section")).hasCount(0);
        assertThat(page.locator("#budget-alerts")).not().isVisible();
    }

    private void signIn(String email) {
        ChromiumExtension.submitSignIn(page, email, TestTeams.PASSWORD);
        assertThat(page.locator("#team-balance, .team-name").first()).isAttached();
    }
}
