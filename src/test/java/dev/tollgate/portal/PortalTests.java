package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.KeyRejectedException;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.billing.BillingService;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChargesOfEveryKind;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;

/** The portal in a real Chromium: sign-in, the price list, keys shown once and revoked, roles, top-ups. */
@IntegrationTest
class PortalTests {

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
    Catalog catalog;

    @Autowired
    BillingService billing;

    BrowserContext context;
    Page page;

    @BeforeEach
    void openPage() {
        page = chromium.open(port);
        context = page.context();
    }

    @AfterEach
    void closePage() {
        context.close();
    }

    @Test
    void aWrongPasswordIsRefusedWithAReadableMessage() {
        page.navigate("/login");
        assertThat(page.locator("input[name='username']")).isVisible();
        BrowserSupport.screenshot(page, "login");
        signInWith(IntegrationTest.ADMIN_EMAIL, "not-the-password");
        assertThat(page.getByText("Incorrect email or password")).isVisible();
        assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/login\\?error.*"));
    }

    @Test
    void thePricingPageListsAllNineteenModelsWithTheirPrices() {
        signIn(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Pricing"))
                .click();

        assertThat(page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Chat models")))
                .isVisible();
        for (CatalogModel model : catalog.all()) {
            assertThat(page.getByText(model.id().value(), new Page.GetByTextOptions().setExact(true)))
                    .isVisible();
        }
        assertThat(page.locator(".model-id")).hasCount(19);
        Locator opusRow = page.locator("#chat-prices vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText("Claude Opus 4.7"));
        assertThat(opusRow).hasCount(1);
        assertThat(page.locator("#image-prices")).containsText("4096×4096");
        assertThat(page.locator("#video-prices")).containsText("0.60");
        assertThat(page.locator("#chat-prices")).containsText("Cache write 1h / 1M");
        assertThat(page.locator("#chat-prices")).containsText("Max output");
        assertThat(page.locator("#chat-prices")).containsText("128,000");
        assertThat(page.locator(".model-aliases")
                        .filter(new Locator.FilterOptions().setHasText("claude-sonnet-4-5-20250929")))
                .containsText("claude-sonnet-4-5");
        assertThat(page.locator("#image-prices .model-aliases")).hasCount(0);
        BrowserSupport.screenshot(page, "pricing");
        page.setViewportSize(390, 844);
        BrowserSupport.screenshot(page, "pricing-390");
        page.setViewportSize(1400, 900);
    }

    @Test
    void aTeamOwnerCreatesAKeySeesItOnceAndRevokesIt() {
        TeamSummary team = testTeams.create("Portal keys");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        signIn(owner.getUsername(), TestTeams.PASSWORD);
        page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("API keys"))
                .click();

        page.locator("#create-key").click();
        page.getByLabel("Name").fill("portal-made");
        page.getByLabel("Requests per minute").fill("120");
        page.locator("#confirm-create-key").click();

        Locator secretField = page.locator("#new-key-secret input");
        assertThat(secretField).hasValue(java.util.regex.Pattern.compile("vai-[0-9A-Za-z]{40}"));
        String secret = secretField.inputValue();
        assertThat(page.locator("#confirm-create-key")).hasCount(0);
        assertThat(page.getByText("It is shown only once", new Page.GetByTextOptions().setExact(false)))
                .isVisible();
        BrowserSupport.screenshot(page, "key-created");
        assertThat(keys.authenticate(secret).teamId()).as("the shown key works").isEqualTo(team.id());

        page.locator("#close-new-key").click();
        Locator grid = page.locator("#keys-grid");
        assertThat(grid).containsText("portal-made");
        assertThat(grid).containsText("vai-…" + secret.substring(40));
        assertThat(grid).containsText("Active");
        assertThat(page.content()).as("the secret is gone from the page").doesNotContain(secret);
        page.reload();
        assertThat(page.locator("#keys-grid")).containsText("portal-made");
        assertThat(page.content()).doesNotContain(secret);
        BrowserSupport.screenshot(page, "keys");

        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke portal-made"))
                .click();
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke key"))
                .click();
        assertThat(page.locator("#keys-grid")).containsText("Revoked");
        assertThatThrownBy(() -> keys.authenticate(secret))
                .isInstanceOfSatisfying(
                        KeyRejectedException.class,
                        e -> assertThat(e.reason()).isEqualTo(KeyRejectedException.Reason.REVOKED));
        BrowserSupport.screenshot(page, "key-revoked");
    }

    @Test
    void aMemberSeesTheTeamsKeysButCannotCreateOrRevokeThem() {
        TeamSummary team = testTeams.create("Portal members");
        actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named("shared-key")));
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        signIn(member.getUsername(), TestTeams.PASSWORD);
        page.navigate("/keys");

        assertThat(page.locator("#keys-grid")).containsText("shared-key");
        assertThat(page.getByText("Ask an owner or admin")).isVisible();
        assertThat(page.locator("#create-key")).isHidden();
        assertThat(page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Revoke shared-key")))
                .hasCount(0);
        BrowserSupport.screenshot(page, "keys-member");
    }

    @Test
    void theKeysViewShowsEverythingAKeyWithoutABudgetWasCharged() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Portal key spending", "10.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        String key = actors.as(owner, () -> keys.issue(team.id(), NewApiKey.named("everything")))
                .plaintext();

        ChargesOfEveryKind.makeWith(port, key);

        Credits paid = Credits.of("10.00").minus(actors.as(owner, () -> billing.balance(team.id())));
        signIn(owner.getUsername(), TestTeams.PASSWORD);
        page.navigate("/keys");
        Locator row = page.locator("#keys-grid vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText(DisplayFormats.cost(paid)));
        assertThat(row).hasCount(1);
        BrowserSupport.screenshot(page, "keys-spent");
    }

    @Test
    void aPlatformAdminTopsUpATeamAndItsOwnerSeesTheBalanceInTheHeader() {
        TeamSummary team = testTeams.create("Portal top-up");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        signIn(IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
        page.navigate("/admin/teams");

        page.locator("#team-search input").fill(team.name());
        page.locator("#teams-grid vaadin-grid-cell-content")
                .filter(new Locator.FilterOptions().setHasText(team.name()))
                .first()
                .click();
        assertThat(page.locator(".admin-detail h3").first()).hasText(team.name());
        assertThat(page.locator("#admin-team-balance")).hasText("Cr$ 0.00");
        page.locator("#top-up").click();
        page.locator("#top-up-amount input").fill("25.50");
        page.getByLabel("Note").fill("first invoice");
        page.locator("#confirm-top-up").click();
        assertThat(page.locator("#admin-team-balance")).hasText("Cr$ 25.50");
        assertThat(page.locator("#confirm-top-up")).hasCount(0);
        BrowserSupport.screenshot(page, "admin-teams");

        Page ownerPage = chromium.open(port);
        BrowserContext ownerContext = ownerPage.context();
        signIn(ownerPage, owner.getUsername(), TestTeams.PASSWORD);
        assertThat(ownerPage.locator("#team-balance")).hasText("Cr$ 25.50");
        assertThat(ownerPage.locator("#overview-balance")).hasText("Cr$ 25.50");
        assertThat(ownerPage.getByText("first invoice")).isVisible();
        BrowserSupport.screenshot(ownerPage, "overview");
        ownerContext.close();
    }

    @Test
    void onlyPlatformAdminsReachTheAdminView() {
        TeamSummary team = testTeams.create("Portal no admin");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        signIn(owner.getUsername(), TestTeams.PASSWORD);
        assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Teams")))
                .hasCount(0);
        page.navigate("/admin/teams");
        assertThat(page.locator("#teams-grid")).hasCount(0);
    }

    private void signIn(String email, String password) {
        signIn(page, email, password);
    }

    private void signIn(Page target, String email, String password) {
        fillSignIn(target, email, password);
        assertThat(target.locator("#team-balance, .team-name").first()).isAttached();
    }

    private void signInWith(String email, String password) {
        fillSignIn(page, email, password);
    }

    private static void fillSignIn(Page target, String email, String password) {
        ChromiumExtension.submitSignIn(target, email, password);
    }
}
