package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.TimeoutError;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.WaitForSelectorState;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.TestTeams;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The channels admin view in Chromium: a platform admin adds a channel with a secret the browser never sees again,
 * traffic then shows up in its health, bad input gets a readable message, and the channel can be deleted; the
 * built-in simulator is listed and switched off and on, never deleted.
 */
@IntegrationTest
class ChannelsAdminTests {

    private static final String MODEL = "aws/qwen3-codex";
    private static final String SECRET = "sk-portal-typed-5ecret-42";

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams teams;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    final UpstreamStandIn upstream = new UpstreamStandIn();
    final UpstreamStandIn flaky = new UpstreamStandIn();

    @AfterEach
    void cleanUp() {
        new TestChannels(channelService, actors).removeAll();
        upstream.close();
        flaky.close();
    }

    @Test
    void anAdminAddsAChannelThatThenServesTheModelAndShowsItsHealth() {
        upstream.on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("via the portal's channel", 12, 4));
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.navigate("/admin/channels");
            page.locator("#add-channel").click();
            page.locator("#channel-name input").fill("portal-upstream");
            page.locator("#channel-base-url input").fill(upstream.baseUrl("/v1").toString());
            page.locator("#channel-secret input").fill(SECRET);
            page.locator("#channel-models textarea").fill(MODEL + " = qwen-upstream");
            page.locator("#channel-priority input").fill("1");
            BrowserSupport.screenshot(page, "admin-channel-dialog");
            page.locator("#channel-save").click();

            Locator grid = page.locator("#channels-grid");
            assertThat(grid).containsText("portal-upstream");
            assertThat(grid).containsText("openai-compatible");
            assertThat(grid).containsText(MODEL);
            assertThat(grid).containsText("1 / 1");

            // tried first, and failing: the request moves on to the new channel
            flaky.on(
                    "POST",
                    "/v1/chat/completions",
                    UpstreamStandIn.Answer.json(500, "{\"error\":{\"message\":\"boom\"}}"));
            new TestChannels(channelService, actors)
                    .add(
                            "flaky-upstream",
                            ChannelKind.OPENAI_COMPATIBLE,
                            flaky.baseUrl("/v1"),
                            "sk-flaky",
                            Map.of(MODEL, "qwen-flaky"),
                            0);
            page.reload();
            String reply = FundedTeam.create(port, "Channels", "5.00")
                    .client()
                    .chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model(MODEL)
                            .addUserMessage("Hello")
                            .build())
                    .choices()
                    .getFirst()
                    .message()
                    .content()
                    .orElseThrow();
            assertThat(reply).isEqualTo("via the portal's channel");
            assertThat(upstream.last().header("authorization")).isEqualTo("Bearer " + SECRET);

            // the view refreshes health by itself every few seconds
            assertThat(grid).containsText("1 call · 0% failed");
            assertThat(grid).containsText("Closed");
            assertThat(grid).containsText("1 call · 100% failed");
            assertThat(grid).containsText("The upstream answered 500: boom");
            assertThat(page.locator("#channels-latency")).hasAttribute("data-rendered", "true");
            BrowserSupport.screenshot(page, "admin-channels");

            page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("portal-upstream"))
                    .first()
                    .click();
            assertThat(page.locator("#channel-secret input")).hasValue("");
            assertThat(page.locator("#channel-dialog")).containsText("A secret is stored");
            assertThat(page.content()).doesNotContain(SECRET);
            page.locator("#channel-delete").click();
            page.locator("vaadin-button[slot='confirm-button']").click();
            // the grid keeps cell elements of removed rows, hidden; only what is shown counts
            assertThat(page.locator("#channels-grid vaadin-grid-cell-content")
                            .filter(new Locator.FilterOptions()
                                    .setHasText("portal-upstream")
                                    .setVisible(true)))
                    .hasCount(0);
            assertThat(grid).containsText("flaky-upstream");
        }
    }

    @Test
    void theSimulatorIsListedAndSwitchedOffInItsDialogAndOnAgainInTheGrid() {
        TestChannels channels = new TestChannels(channelService, actors);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.navigate("/admin/channels");

            Locator grid = page.locator("#channels-grid");
            assertThat(grid).containsText("simulator");
            assertThat(grid).containsText("built in");
            assertThat(grid).containsText("in the application, no upstream");
            assertThat(grid).containsText("Every model no other enabled channel serves");
            assertThat(page.locator("#channels-empty")).isVisible();
            page.setViewportSize(1440, 900);
            BrowserSupport.screenshot(page, "admin-channels-simulator-1440");
            page.setViewportSize(390, 844);
            BrowserSupport.screenshot(page, "admin-channels-simulator-390");
            page.setViewportSize(1400, 900);

            page.locator(
                            "vaadin-grid-cell-content",
                            new Page.LocatorOptions().setHasText("Every model no other enabled channel serves"))
                    .first()
                    .click();
            Locator dialog = page.locator("#channel-dialog");
            assertThat(dialog).containsText("answers every model that no other enabled channel serves");
            assertThat(page.locator("#channel-delete")).hasCount(0);
            assertThat(page.locator("#channel-name")).hasCount(0);
            BrowserSupport.screenshot(page, "admin-simulator-dialog");
            page.locator("#channel-enabled").click();
            page.locator("#channel-save").click();
            awaitSimulator(channels, false);

            page.locator("#channels-grid vaadin-checkbox").first().click();
            awaitSimulator(channels, true);
        } finally {
            channels.switchSimulator(true);
        }
    }

    @Test
    void aMappingToAModelTheCatalogLacksIsExplainedInTheDialog() {
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.navigate("/admin/channels");
            assertThat(page.locator("#channels-empty")).isVisible();
            page.locator("#add-channel").click();
            page.locator("#channel-name input").fill("typo");
            page.locator("#channel-base-url input").fill("https://api.example.com/v1");
            page.locator("#channel-models textarea").fill("aws/claude-haiku-9 = haiku");
            page.locator("#channel-save").click();

            assertThat(page.locator("#channel-models")).hasAttribute("invalid", "");
            assertThat(page.locator("#channel-models"))
                    .containsText("Models: 'aws/claude-haiku-9' is not a model of the catalog");
            page.locator("#channel-base-url input").fill("ftp://api.example.com");
            page.locator("#channel-models textarea").fill("aws/claude-haiku-4-5");
            page.locator("#channel-save").click();
            assertThat(page.locator("#channel-models")).not().hasAttribute("invalid", "");
            assertThat(page.locator("#channel-base-url")).hasAttribute("invalid", "");
            assertThat(page.locator("#channel-base-url")).containsText("Base URL: an http:// or https:// address");
            BrowserSupport.screenshot(page, "admin-channel-error");
        }
    }

    @Test
    void anOpenAiCompatibleChannelIsMarkedAsSpeakingResponsesAndNoOtherKindOffersIt() {
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.navigate("/admin/channels");
            page.locator("#add-channel").click();
            Locator speaksResponses = page.locator("#channel-speaks-responses");
            assertThat(speaksResponses).isVisible();
            chooseKind(page, "anthropic");
            assertThat(speaksResponses).isHidden();
            chooseKind(page, "openai-compatible");
            assertThat(speaksResponses).isVisible();

            page.locator("#channel-name input").fill("responses-upstream");
            page.locator("#channel-base-url input").fill("https://api.example.com/v1");
            page.locator("#channel-models textarea").fill(MODEL + " = gpt-5-codex");
            speaksResponses.locator("input").check();
            page.setViewportSize(1280, 900);
            BrowserSupport.screenshot(page, "admin-channel-speaks-responses-1280");
            page.setViewportSize(390, 844);
            // the dialog scrolls within itself on a phone; the screenshot shows the box where it stands
            speaksResponses.scrollIntoViewIfNeeded();
            BrowserSupport.screenshot(page, "admin-channel-speaks-responses-390");
            page.setViewportSize(1280, 900);
            page.locator("#channel-save").click();
            assertThat(page.locator("vaadin-dialog-overlay")).isHidden();

            Locator grid = page.locator("#channels-grid");
            assertThat(grid).containsText("responses-upstream");
            assertThat(grid.locator("vaadin-badge", new Locator.LocatorOptions().setHasText("Responses")))
                    .isVisible();
            assertThat(new TestChannels(channelService, actors)
                            .named("responses-upstream")
                            .speaksResponses())
                    .as("the box ticked in the dialog is the stored setting")
                    .isTrue();
            BrowserSupport.screenshot(page, "admin-channels-speaks-responses-1280");

            page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("responses-upstream"))
                    .first()
                    .click();
            assertThat(page.locator("#channel-speaks-responses input")).isChecked();
            page.locator("#channel-speaks-responses input").uncheck();
            page.locator("#channel-save").click();
            assertThat(page.locator("#channel-dialog")).hasCount(0);
            assertThat(new TestChannels(channelService, actors)
                            .named("responses-upstream")
                            .speaksResponses())
                    .as("unticked, the channel speaks Chat Completions again")
                    .isFalse();
        }
    }

    /** Waits for a switch in the browser to reach the server. */
    private static void awaitSimulator(TestChannels channels, boolean enabled) {
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (channels.simulator().enabled() != enabled) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The simulator was not switched " + (enabled ? "on" : "off"));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Test
    void teamMembersCannotOpenTheChannelsView() {
        TeamSummary team = teams.create("NoChannels");
        UserDetails owner = teams.addPerson(team, TeamRole.OWNER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.navigate("/admin/channels");
            assertThat(page.locator("#channels-grid")).hasCount(0);
            assertThat(page.locator("vaadin-side-nav-item", new Page.LocatorOptions().setHasText("Channels")))
                    .hasCount(0);
        }
    }

    /**
     * Chooses a kind in the dialog's select. Its option is found by its exact name, since the team select in the
     * header has options too, whose names may contain a kind. The list still closing from the last choice can show
     * the option and then take it away before the click lands, so opening and clicking are tried again together
     * until the select shows the kind.
     */
    private static void chooseKind(Page page, String kind) {
        Locator option = page.getByRole(
                AriaRole.OPTION, new Page.GetByRoleOptions().setName(kind).setExact(true));
        for (int attempt = 1; ; attempt++) {
            try {
                page.locator("#channel-kind").click();
                option.waitFor(new Locator.WaitForOptions()
                        .setState(WaitForSelectorState.VISIBLE)
                        .setTimeout(3_000));
                option.click(new Locator.ClickOptions().setTimeout(3_000));
                break;
            } catch (TimeoutError closed) {
                if (attempt == 5) {
                    throw closed;
                }
            }
        }
        assertThat(page.locator("#channel-kind")).containsText(kind);
    }
}
