package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import dev.tollgate.account.NewMember;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.apikey.IssuedApiKey;
import dev.tollgate.apikey.NewApiKey;
import dev.tollgate.billing.BillingService;
import dev.tollgate.caller.Caller;
import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.media.MediaItem;
import dev.tollgate.media.MediaKind;
import dev.tollgate.media.MediaService;
import dev.tollgate.media.MediaUpload;
import dev.tollgate.media.NewMedia;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.Layout;
import dev.tollgate.support.Screen;
import dev.tollgate.support.TestImages;
import dev.tollgate.support.TestTeams;
import java.io.OutputStream;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/**
 * Teams, team overview, keys, channels and gallery with names of the longest allowed length and with nothing in them,
 * at a desk and a phone width: names, balances and actions are measured inside the viewport, and nothing scrolls
 * sideways. Renaming a team and editing a key go through the browser.
 */
@IntegrationTest
class LongNamesLayoutTests {

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    TeamService teams;

    @Autowired
    BillingService billing;

    @Autowired
    ApiKeyService keys;

    @Autowired
    MediaService media;

    @Autowired
    UserDetailsService users;

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
    void teamsAdminKeepsALongNamedTeamsBalanceAndActionsInViewKeepsTheSelectionAndRenamesIt() throws Exception {
        TeamSummary team = actors.asPlatformAdmin(() -> teams.create(uniqueLongestTeamName()));
        actors.asPlatformAdmin(() -> billing.topUp(team.id(), Credits.of("1234.50"), "long names"));
        UserDetails member = personNamedLongest(team, TeamRole.MEMBER);
        ChromiumExtension.submitSignIn(page, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
        assertThat(page.locator(".team-name, #team-balance").first()).isAttached();
        page.navigate("/admin/teams");
        page.locator("#team-search input").fill(team.name().substring(192));
        Locator row = page.locator("#teams-grid vaadin-grid-cell-content:visible")
                .filter(new Locator.FilterOptions().setHasText(team.name()));
        assertThat(row).hasCount(1);
        row.click();
        assertThat(page.locator("#admin-team-name")).hasText(team.name());

        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            assertThat(page.locator("#teams-grid vaadin-grid-cell-content")
                            .filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Created$"))))
                    .isVisible(new com.microsoft.playwright.assertions.LocatorAssertions.IsVisibleOptions()
                            .setVisible(screen == Screen.DESK));
            Layout.assertGridFits(page.locator("#teams-grid"), "the team list at " + screen);
            Layout.assertGridFits(page.locator(".admin-detail vaadin-grid"), "the members at " + screen);
            if (screen == Screen.DESK) {
                // on a phone the header gives the admin's team switcher its own line (the header's own tests)
                Layout.assertInsideViewport(page, page.locator("#team-balance"), "the header's balance");
            }
            Layout.assertInsideViewport(page, row, "the team's name in the list at " + screen);
            Layout.assertInsideViewport(page, page.locator("#admin-team-name"), "the panel's title at " + screen);
            Layout.assertInsideViewport(page, page.locator("#admin-team-balance"), "the balance at " + screen);
            Layout.assertInsideViewport(page, page.locator("#top-up"), "Add credit at " + screen);
            Layout.assertInsideViewport(page, page.locator("#add-member"), "Add member at " + screen);
            Layout.assertInsideViewport(page, page.locator("#rename-team"), "Rename at " + screen);
            Layout.assertInsideViewport(
                    page,
                    page.locator(".admin-detail vaadin-grid-cell-content")
                            .filter(new Locator.FilterOptions().setHasText(Layout.LONGEST_NAME)),
                    "the member's name at " + screen);
            Layout.assertInsideViewport(
                    page,
                    page.locator(".admin-detail vaadin-button")
                            .filter(new Locator.FilterOptions().setHasText("Remove")),
                    "Remove at " + screen);
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "admin-teams-long-name" + screen.suffix());
        }

        Layout.use(page, Screen.DESK);
        row.click();
        // clicking the selected team again keeps its panel
        assertThat(page.locator("#admin-team-name")).hasText(team.name());

        String renamed = "Renamed " + UUID.randomUUID();
        page.locator("#rename-team").click();
        page.locator("#rename-team-name input").fill(renamed);
        page.locator("#confirm-rename-team").click();
        assertThat(page.locator("#admin-team-name")).hasText(renamed);
        assertThat(actors.asPlatformAdmin(() -> teams.get(team.id())).name()).isEqualTo(renamed);
        assertThat(member.getUsername()).isNotBlank();
    }

    @Test
    void overviewAndKeysFitALongNamedTeamKeyAndMemberAndAKeyIsEditedInTheBrowser() throws Exception {
        TeamSummary team = actors.asPlatformAdmin(() -> teams.create(uniqueLongestTeamName()));
        actors.asPlatformAdmin(() -> billing.topUp(team.id(), Credits.of("1234.50"), "long names"));
        UserDetails owner = personNamedLongest(team, TeamRole.OWNER);
        IssuedApiKey key = actors.as(
                owner,
                () -> keys.issue(
                        team.id(),
                        new NewApiKey(
                                Layout.LONGEST_NAME,
                                null,
                                Credits.of("50.00"),
                                Set.of(new ModelId("aws/claude-sonnet-4-6"), new ModelId("aws/claude-opus-4-7")),
                                600)));
        actors.as(owner, () -> keys.issue(team.id(), NewApiKey.named("other")));
        ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
        assertThat(page.locator(".view-title")).isVisible();

        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            page.navigate("/");
            Layout.assertInsideViewport(page, page.locator(".view-title"), "the team's name at " + screen);
            Layout.assertInsideViewport(page, page.locator("#overview-balance"), "the balance at " + screen);
            Layout.assertInsideViewport(page, page.locator("#team-balance"), "the header's balance at " + screen);
            Layout.assertGridFits(page.locator("vaadin-grid").first(), "the members at " + screen);
            Layout.assertInsideViewport(page, page.locator("#rename-team"), "Rename team at " + screen);
            Layout.assertInsideViewport(page, page.locator("#add-member"), "Add member at " + screen);
            Layout.assertInsideViewport(
                    page,
                    page.locator("vaadin-grid-cell-content")
                            .filter(new Locator.FilterOptions().setHasText(Layout.LONGEST_NAME))
                            .first(),
                    "the member's name at " + screen);
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "overview-long-name" + screen.suffix());

            page.navigate("/keys");
            Locator name = page.locator("#keys-grid vaadin-grid-cell-content")
                    .filter(new Locator.FilterOptions().setHasText(Layout.LONGEST_NAME));
            assertThat(name).isVisible();
            Layout.assertGridFits(page.locator("#keys-grid"), "the keys at " + screen);
            Layout.assertInsideViewport(page, name, "the key's name at " + screen);
            Layout.assertInsideViewport(
                    page,
                    page.locator("#keys-grid vaadin-grid-cell-content")
                            .filter(new Locator.FilterOptions().setHasText("Active"))
                            .first(),
                    "the key's status at " + screen);
            Layout.assertInsideViewport(page, editButton(), "Edit at " + screen);
            Layout.assertInsideViewport(
                    page,
                    page.locator("#keys-grid vaadin-button")
                            .filter(new Locator.FilterOptions().setHasText("Revoke"))
                            .first(),
                    "Revoke at " + screen);
            Locator modelsHeader = page.locator("#keys-grid vaadin-grid-cell-content")
                    .filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Models$")));
            if (screen == Screen.PHONE) {
                // a phone shows name, status and actions
                assertThat(modelsHeader).isHidden();
            } else {
                Layout.assertInsideViewport(page, modelsHeader, "the models column at " + screen);
                Layout.assertInsideViewport(
                        page,
                        page.locator("#keys-grid vaadin-grid-cell-content")
                                .filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Expires$"))),
                        "the expiry column at " + screen);
            }
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "keys-long-name" + screen.suffix());
        }

        Layout.use(page, Screen.DESK);
        editButton().click();
        assertThat(page.locator("#key-rpm input")).hasValue("600");
        page.locator("#key-name input").fill("other");
        page.locator("#confirm-edit-key").click();
        // a name another key has is refused on the name field
        assertThat(page.locator("#key-name")).containsText("already has a key named");
        page.locator("#key-name input").fill("renamed-key");
        page.locator("#key-rpm input").fill("42");
        page.locator("#key-budget input").fill("75.5");
        page.locator("#confirm-edit-key").click();
        assertThat(page.locator("#edit-key")).hasCount(0);
        assertThat(page.locator("#keys-grid")).containsText("renamed-key");
        assertThat(keys.authenticate(key.plaintext()).requestsPerMinute())
                .as("the key is used with its new limit")
                .isEqualTo(42);
        assertThat(keys.authenticate(key.plaintext()).name()).isEqualTo("renamed-key");
        assertThat(page.locator("#keys-grid")).containsText("75.50");
    }

    @Test
    void emptyTeamViewsShowTheirEmptyStateAndActionsInViewAtBothWidths() {
        TeamSummary team = actors.asPlatformAdmin(() -> teams.create(uniqueLongestTeamName()));
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
        assertThat(page.locator(".view-title")).isVisible();

        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            page.navigate("/keys");
            Layout.assertInsideViewport(page, page.locator("div.empty-state"), "no keys yet at " + screen);
            Layout.assertInsideViewport(page, page.locator("#create-key"), "Create key at " + screen);
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "keys-empty" + screen.suffix());

            page.navigate("/gallery");
            Layout.assertInsideViewport(page, page.locator("#gallery-empty"), "no images yet at " + screen);
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "gallery-empty" + screen.suffix());
        }
    }

    @Test
    void aGalleryCardWithALongPromptKeepsItsImageAndSaysWhichKeyMadeIt() throws Exception {
        TeamSummary team = actors.asPlatformAdmin(() -> teams.create(uniqueLongestTeamName()));
        UserDetails owner = personNamedLongest(team, TeamRole.OWNER);
        IssuedApiKey key = actors.as(owner, () -> keys.issue(team.id(), NewApiKey.named(Layout.LONGEST_NAME)));
        String prompt = ("A lighthouse on a cliff at dusk, " + "seen-through-rain-".repeat(40) + " ").repeat(8);
        MediaItem image = actors.as(owner, () -> {
            MediaUpload upload = media.newUpload();
            try (OutputStream out = upload.stream()) {
                out.write(TestImages.png(64, 64));
            }
            return media.store(
                    upload,
                    new NewMedia(
                            Caller.api(
                                    "req-long-" + team.id(),
                                    team.id(),
                                    key.key().id(),
                                    Dialect.OPENAI),
                            MediaKind.IMAGE,
                            "enterprise/image-2",
                            prompt,
                            64,
                            64,
                            "image/png",
                            "png",
                            Credits.of("0.16"),
                            null));
        });
        ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
        assertThat(page.locator(".view-title")).isVisible();

        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            page.navigate("/gallery");
            Locator card = page.locator("#gallery-card-" + image.id());
            assertThat(card.locator(".gallery-maker")).containsText("By key " + Layout.LONGEST_NAME.substring(0, 30));
            Layout.assertInsideViewport(page, card.locator(".gallery-thumbnail"), "the thumbnail at " + screen);
            Layout.assertInsideViewport(page, card.locator(".gallery-caption"), "the caption at " + screen);
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "gallery-long-prompt" + screen.suffix());

            card.click();
            Locator download = page.locator("#image-detail-download");
            assertThat(download).isVisible();
            assertThat(page.locator("#image-detail")).containsText(key.key().maskedKey());
            Layout.assertInsideViewport(page, page.locator("#image-detail-picture"), "the picture at " + screen);
            Layout.assertInsideViewport(page, download, "Download at " + screen);
            Layout.assertInsideViewport(page, page.locator("#image-detail-reuse"), "Reuse prompt at " + screen);
            if (screen == Screen.DESK) {
                assertAboveTheFold(download, "Download beside a long prompt");
            }
            BrowserSupport.screenshot(page, "gallery-detail-long-prompt" + screen.suffix());
            page.locator("#image-detail-close").click();
            assertThat(page.locator("#image-detail")).hasCount(0);
        }
    }

    @Test
    void channelsAdminCutsALongBaseUrlInsteadOfClippingItAtBothWidths() throws Exception {
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String name = "long-url-" + UUID.randomUUID().toString().substring(0, 8);
        String baseUrl = "https://gateway.example.com/" + "deployments/region-one/".repeat(9) + "v1";
        AdminApiClient.Reply created = admin.post("/admin/v1/channels", """
                {"name":"%s","kind":"openai-compatible","baseUrl":"%s","apiKey":"sk-long",
                 "models":{"aws/glm-5":"glm-5"},"enabled":false}""".formatted(name, baseUrl));
        org.assertj.core.api.Assertions.assertThat(created.status())
                .as("channel made: %s", created.body())
                .isEqualTo(201);
        try {
            ChromiumExtension.submitSignIn(page, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
            assertThat(page.locator(".view-title")).isVisible();
            page.navigate("/admin/channels");
            for (Screen screen : Screen.values()) {
                Layout.use(page, screen);
                Locator where = page.locator(".channel-where").filter(new Locator.FilterOptions().setHasText(baseUrl));
                assertThat(where).hasAttribute("title", Pattern.compile(".*" + baseUrl));
                Layout.assertGridFits(page.locator("#channels-grid"), "the channels at " + screen);
                Layout.assertInsideViewport(page, where, "the base URL at " + screen);
                Layout.assertInsideViewport(
                        page,
                        page.locator("#channels-grid vaadin-checkbox").first(),
                        "the Enabled switch at " + screen);
                Layout.assertInsideViewport(page, page.locator("#add-channel"), "Add channel at " + screen);
                Layout.assertNoSidewaysScroll(page);
                BrowserSupport.screenshot(page, "admin-channels-long-url" + screen.suffix());
            }
        } finally {
            admin.delete("/admin/v1/channels/" + created.body().get("id").asString());
        }
    }

    private Locator editButton() {
        return page.locator("#keys-grid vaadin-button[aria-label='Edit " + Layout.LONGEST_NAME + "']");
    }

    /** The grid's own columns fit its width: a row's name and actions are not hidden behind a sideways scroll. */
    private void assertAboveTheFold(Locator element, String what) {
        BoundingBox box = element.boundingBox();
        int height = page.viewportSize().height;
        assertThat(box.y + box.height)
                .as("%s is in view without scrolling (bottom at %.0f of %d px)", what, box.y + box.height, height)
                .isLessThanOrEqualTo(height);
    }

    /** A person named with the longest name, added to the team. */
    private UserDetails personNamedLongest(TeamSummary team, TeamRole role) {
        String email = "long-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        actors.asPlatformAdmin(
                () -> teams.addMember(team.id(), new NewMember(email, Layout.LONGEST_NAME, role, TestTeams.PASSWORD)));
        return users.loadUserByUsername(email);
    }

    /** A 200-character team name no other test uses: team names are unique across the shared database. */
    private static String uniqueLongestTeamName() {
        return Layout.LONGEST_NAME.substring(0, 191) + " "
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
