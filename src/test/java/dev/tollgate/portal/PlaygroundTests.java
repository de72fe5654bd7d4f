package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.playground.PlaygroundView;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.Layout;
import dev.tollgate.support.Screen;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The playground in Chromium: a streamed reply, its cost, and the header balance dropping by that cost; both tabs laid
 * out on a desk and a phone; the conversation kept while the person looks elsewhere; settings and refusals explained
 * where they happen; long prompts counted and folded; the code dialog.
 */
@IntegrationTest
class PlaygroundTests {

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReplyStreamsInShowsItsCostAndTheBalanceDropsByIt() throws InterruptedException {
        TeamSummary team = testTeams.createWithBalance("Playground", "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, member.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).hasText("Cr$ 2.00");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Playground"))
                    .click();
            assertThat(page.locator("#playground-prices")).containsText("Cr$ 1.00 in / Cr$ 5.00 out");
            Locator input = page.locator("#playground-input textarea");
            input.fill("Tell me about the lighthouses of Brittany");
            input.press("Enter");

            Locator reply = page.locator("vaadin-message").nth(1);
            assertThat(reply)
                    .containsText(
                            "tokens",
                            new com.microsoft.playwright.assertions.LocatorAssertions.ContainsTextOptions()
                                    .setTimeout(20_000));
            assertThat(reply).containsText("Brittany");
            Credits cost = charged(team);
            assertThat(cost.isPositive()).as("the reply was charged").isTrue();
            String costLine = (String) reply.evaluate("message => message.userName");
            assertThat(costLine)
                    .as("the reply shows its cost by the money rule")
                    .contains(DisplayFormats.cost(cost));

            Credits expectedBalance = Credits.of("2.00").minus(cost);
            assertThat(page.locator("#team-balance")).hasText(DisplayFormats.money(expectedBalance));
            assertThat(page.locator("#team-balance").getAttribute("title"))
                    .as("the header's tooltip holds the exact balance")
                    .endsWith(DisplayFormats.exactMoney(expectedBalance));
            assertThat(page.locator("#conversation-cost")).containsText(DisplayFormats.cost(cost));
            BrowserSupport.screenshot(page, "playground");

            page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("View code"))
                    .click();
            Locator code = page.locator(".code-block").first();
            assertThat(code).containsText("http://localhost:" + port + "/v1/chat/completions");
            assertThat(code).containsText("aws/claude-haiku-4-5");
            assertThat(code).containsText("Tell me about the lighthouses of Brittany");
            assertThat(page.locator("vaadin-dialog-overlay:not([opening])")).isVisible();
            BrowserSupport.screenshot(page, "playground-code");

            assertThat(jdbc.sql("select source from usage_record where team_id = ? order by id desc limit 1")
                            .param(team.id().value())
                            .query(String.class)
                            .single())
                    .isEqualTo("PLAYGROUND");
        }
    }

    @Test
    void bothTabsKeepTheirControlsOnADeskAndAPhone() {
        TeamSummary team = testTeams.createWithBalance(Layout.LONGEST_NAME.substring(0, LONGEST_TEAM_PREFIX), "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            signIn(page, member);
            for (Screen screen : Screen.values()) {
                Layout.use(page, screen);
                page.navigate("/playground");
                Locator model = page.locator("#playground-model");
                Locator toggle = page.locator("#playground-settings-toggle");
                if (screen == Screen.PHONE) {
                    assertThat(model).isHidden();
                    Layout.assertInsideViewport(page, toggle, "the settings button on a " + screen);
                    toggle.click();
                } else {
                    assertThat(toggle).isHidden();
                }
                assertThat(model).isVisible();
                Layout.assertInsideViewport(page, model, "the model picker on a " + screen);
                Layout.assertInsideViewport(
                        page, page.locator("#playground-max-tokens"), "the max tokens field on a " + screen);
                Layout.assertInsideViewport(page, page.locator("#playground-input"), "the message box on a " + screen);
                Layout.assertInsideViewport(page, page.locator("#playground-send"), "the send button on a " + screen);
                Layout.assertInsideViewport(
                        page, page.locator("#playground-new-chat"), "the new chat button on a " + screen);
                Layout.assertInsideViewport(page, viewCode(page), "the view code button on a " + screen);
                Layout.assertNoSidewaysScroll(page);
                BrowserSupport.screenshot(page, "playground-chat" + screen.suffix());

                page.navigate(PlaygroundView.imageLink(LONGEST_IMAGE_MODEL, "A lighthouse on a cliff at dawn"));
                Locator imageModel = page.locator("#image-model");
                assertThat(imageModel).containsText("4K");
                Layout.assertInsideViewport(page, imageModel, "the image model picker on a " + screen);
                Layout.assertInsideViewport(page, page.locator("#image-prompt"), "the prompt on a " + screen);
                Layout.assertInsideViewport(page, page.locator("#image-generate"), "generate on a " + screen);
                assertThat((Boolean) imageModel.evaluate(SHOWS_ITS_WHOLE_VALUE))
                        .as("the image model picker shows the whole name of the 4K model on a %s", screen)
                        .isTrue();
                Layout.assertNoSidewaysScroll(page);
                BrowserSupport.screenshot(page, "playground-image" + screen.suffix());
            }
        }
    }

    @Test
    void theImagePromptLooksPlainWhileItRenders() {
        TeamSummary team = testTeams.createWithBalance("Image prompt", "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            signIn(page, member);
            page.navigate("/playground?tab=image");
            Locator prompt = page.locator("#image-prompt");
            prompt.locator("textarea").fill("A lighthouse on a cliff at dawn");
            page.locator("body").click(new Locator.ClickOptions().setPosition(5, 5));
            String plain = (String) prompt.evaluate(PROMPT_LOOK);
            page.evaluate(WATCH_PROMPT_WHILE_RENDERING);
            page.locator("#image-generate").click();

            assertThat(page.locator("#image-results img")).isVisible();
            @SuppressWarnings("unchecked")
            List<String> looks = (List<String>) page.evaluate("() => [...window.promptLooksWhileRendering]");
            assertThat(looks)
                    .as("the prompt was seen while the image rendered, and looked as before: %s", plain)
                    .isNotEmpty()
                    .containsOnly(plain);
        }
    }

    @Test
    void theConversationIsKeptWhileThePersonLooksElsewhereAndNewChatClearsIt() {
        TeamSummary team = testTeams.createWithBalance("Kept chat", "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            signIn(page, member);
            page.navigate("/playground");
            send(page, "Tell me about the lighthouses of Brittany");
            Locator messages = page.locator("vaadin-message");
            assertThat(messages.nth(1)).containsText("tokens");
            String cost = page.locator("#conversation-cost").innerText();

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Usage"))
                    .click();
            assertThat(page).hasURL(Pattern.compile(".*/usage.*"));
            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Playground"))
                    .click();

            assertThat(messages).hasCount(2);
            assertThat(messages.first()).containsText("Tell me about the lighthouses of Brittany");
            assertThat(messages.nth(1)).containsText("Brittany");
            assertThat(page.locator("#conversation-cost")).hasText(cost);

            page.locator("#playground-new-chat").click();
            assertThat(messages).hasCount(0);
            assertThat(page.locator("#conversation-cost")).hasText("Conversation: Cr$ 0.00");
            page.reload();
            assertThat(page.locator("#playground-input")).isVisible();
            assertThat(messages).hasCount(0);
        }
    }

    @Test
    void settingsTheModelCannotTakeSayWhyOnTheirFieldAndNothingIsSent() {
        TeamSummary team = testTeams.createWithBalance("Bad settings", "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            signIn(page, member);
            Layout.use(page, Screen.PHONE);
            page.navigate("/playground");
            Locator toggle = page.locator("#playground-settings-toggle");
            toggle.click();
            page.locator("#playground-max-tokens input").fill("0");
            page.locator("#playground-temperature input").fill("7");
            toggle.click();
            assertThat(page.locator("#playground-max-tokens")).isHidden();

            send(page, "Hello there");

            Locator maxTokens = page.locator("#playground-max-tokens");
            assertThat(maxTokens).isVisible();
            assertThat(maxTokens).hasAttribute("invalid", "");
            assertThat(maxTokens.locator("[slot=error-message]")).hasText("A reply needs at least 1 token.");
            Layout.assertInsideViewport(page, maxTokens.locator("[slot=error-message]"), "the max tokens message");
            assertThat(page.locator("#playground-temperature [slot=error-message]"))
                    .hasText("Temperature is a number from 0 to 2.");
            assertThat(page.locator("#playground-input textarea")).hasValue("Hello there");

            maxTokens.locator("input").fill("100");
            page.locator("#playground-input textarea").press("Enter");
            assertThat(maxTokens).not().hasAttribute("invalid", "");
            assertThat(page.locator("#playground-temperature")).hasAttribute("invalid", "");
            assertThat(page.locator("#playground-input textarea")).hasValue("Hello there");
            BrowserSupport.screenshot(page, "playground-invalid-settings" + Screen.PHONE.suffix());

            assertThat(page.locator("vaadin-message")).hasCount(0);
            assertThat(page.locator("#team-balance")).hasText("Cr$ 2.00");
            assertThat(usageRows(team))
                    .as("nothing was sent, so nothing was used")
                    .isZero();
        }
    }

    @Test
    void aRefusedMessageGoesBackIntoTheBoxWithTheReasonInTheConversation() {
        TeamSummary team = testTeams.create("No credit");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            signIn(page, member);
            page.navigate("/playground");
            send(page, "Will this be answered?");

            Locator messages = page.locator("vaadin-message");
            assertThat(messages).hasCount(1);
            assertThat(messages.first()).containsText("balance cannot cover");
            assertThat(messages.first()).containsText("back in the box");
            assertThat(messages.first()).not().containsText("Will this be answered?");
            assertThat(page.locator("#playground-input textarea")).hasValue("Will this be answered?");
            assertThat(page.locator("vaadin-notification-card").count())
                    .as("no toast covers the chat")
                    .isZero();
            assertThat(page.locator("#playground-input textarea")).isEnabled();
            BrowserSupport.screenshot(page, "playground-refused");
            assertThat(usageRows(team)).as("a refused message uses nothing").isZero();
        }
    }

    @Test
    void aLongPromptIsCountedBeforeSendingFoldedInTheConversationAndWrappedInTheCode() {
        TeamSummary team = testTeams.createWithBalance("Long prompt", "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            context.grantPermissions(List.of("clipboard-read", "clipboard-write"));
            signIn(page, member);
            page.navigate("/playground");
            String prompt =
                    "Summarise this: " + "the keeper climbs the tower at dusk and lights the lamp. ".repeat(900);
            assertThat(prompt.length()).isGreaterThan(50_000);

            page.locator("#playground-input textarea").fill(prompt);
            Locator tokens = page.locator("#playground-tokens");
            assertThat(tokens).containsText("Prompt: ");
            long counted = Long.parseLong(tokens.innerText().replaceAll("[^0-9]", ""));
            assertThat(counted)
                    .as("a prompt of %d characters counts thousands of tokens: %s", prompt.length(), tokens.innerText())
                    .isBetween(5_000L, 30_000L);

            page.locator("#playground-send").click();
            Locator question = page.locator("vaadin-message").first();
            assertThat(page.locator("vaadin-message").nth(1)).containsText("tokens");
            assertThat(tokens).isEmpty();
            Locator fold = question.locator("details.long-message > summary");
            assertThat(fold).containsText("Show more");
            double folded = question.boundingBox().height;
            assertThat(folded).as("the long message is folded").isLessThan(400);
            fold.click();
            assertThat(fold).containsText("Show less");
            assertThat(question.boundingBox().height)
                    .as("the long message opens in full")
                    .isGreaterThan(folded * 5);
            fold.click();
            assertThat(fold).containsText("Show more");

            for (Screen screen : Screen.values()) {
                Layout.use(page, screen);
                viewCode(page).click();
                Locator code = page.locator(".code-block").first();
                assertThat(code).containsText("the keeper climbs the tower");
                Layout.assertInsideViewport(page, code, "the code on a " + screen);
                assertThat((Boolean) code.evaluate("pre => pre.scrollWidth <= pre.clientWidth"))
                        .as("long lines wrap inside the code block on a %s", screen)
                        .isTrue();
                Locator copy = page.locator("#view-code-copy");
                Layout.assertInsideViewport(page, copy, "the copy button on a " + screen);
                BrowserSupport.screenshot(page, "playground-code" + screen.suffix());
                copy.click();
                assertThat(copy).hasText("Copied");
                String copied = (String) page.evaluate("() => navigator.clipboard.readText()");
                assertThat(copied)
                        .as("the curl call is on the clipboard")
                        .startsWith("curl http://localhost:" + port + "/v1/chat/completions")
                        .contains("the keeper climbs the tower");
                page.keyboard().press("Escape");
                assertThat(page.locator(".code-block")).hasCount(0);
            }
        }
    }

    /** True when the select's shown value is not cut off (its text fits the box it is drawn in). */
    private static final String SHOWS_ITS_WHOLE_VALUE = """
            select => {
                const value = select.querySelector('vaadin-select-value-button');
                const shown = [value, ...value.querySelectorAll('*')];
                return shown.every(element => element.scrollWidth <= element.clientWidth + 1);
            }""";

    /** With the eight-character suffix test teams get, the longest name a team may have today (100 characters). */
    private static final int LONGEST_TEAM_PREFIX = 91;

    /** How the image prompt looks: its field's background, and whether it is marked invalid, disabled or read-only. */
    private static final String PROMPT_LOOK = """
            prompt => [getComputedStyle(prompt.shadowRoot.querySelector('[part=input-field]')).backgroundColor,
                       prompt.hasAttribute('invalid'), prompt.hasAttribute('disabled'), prompt.hasAttribute('readonly')]
                      .join(' ')""";

    /**
     * Records the prompt's look whenever the progress shows: after every change to the page (a simulated image can
     * render before the browser paints a frame) and on every frame.
     */
    private static final String WATCH_PROMPT_WHILE_RENDERING = "() => {"
            + " const look = " + PROMPT_LOOK + ";"
            + " window.promptLooksWhileRendering = new Set();"
            + " const record = () => {"
            + "   const progress = document.querySelector('#image-progress');"
            + "   if (progress && !progress.hidden) {"
            + "     window.promptLooksWhileRendering.add(look(document.querySelector('#image-prompt')));"
            + "   }"
            + " };"
            + " new MutationObserver(record).observe(document.body,"
            + "   { attributes: true, childList: true, subtree: true });"
            + " const watch = () => { record(); requestAnimationFrame(watch); };"
            + " watch();"
            + "}";

    private static final String LONGEST_IMAGE_MODEL = "enterprise/gemini-3.1-flash-image-preview-4k";

    private static void signIn(Page page, UserDetails member) {
        ChromiumExtension.submitSignIn(page, member.getUsername(), TestTeams.PASSWORD);
        assertThat(page.locator("#team-balance")).isVisible();
    }

    private static void send(Page page, String message) {
        Locator input = page.locator("#playground-input textarea");
        input.fill(message);
        input.press("Enter");
    }

    private static Locator viewCode(Page page) {
        return page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("View code"));
    }

    private static String backgroundOf(Locator field) {
        return (String) field.evaluate(
                "field => getComputedStyle(field.shadowRoot.querySelector('[part=input-field]'))" + ".backgroundColor");
    }

    private long usageRows(TeamSummary team) {
        return jdbc.sql("select count(*) from usage_record where team_id = ?")
                .param(team.id().value())
                .query(Long.class)
                .single();
    }

    /** The exact cost of the team's one request, once its usage row is written (the reply may show first). */
    private Credits charged(TeamSummary team) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            var cost = jdbc.sql("select total_cost from usage_record where team_id = ?")
                    .param(team.id().value())
                    .query(BigDecimal.class)
                    .optional();
            if (cost.isPresent()) {
                return new Credits(cost.get());
            }
            Thread.sleep(100);
        }
        throw new AssertionError("No usage row for the playground's request");
    }
}
