package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.account.NewMember;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.apikey.ApiKeyService;
import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.KeySpender;
import dev.tollgate.support.Layout;
import dev.tollgate.support.OpenAiClients;
import dev.tollgate.support.Screen;
import dev.tollgate.support.TestTeams;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import tools.jackson.databind.JsonNode;

/**
 * Where the portal shows money (Usage, Spending, the overview's statement), measured in Chromium on a desk and a phone:
 * amounts follow the money rule, key columns and fields stay inside the screen with the longest names, a statement
 * names keys and people, a backwards date range is refused on its field, and a team with nothing spent sees one empty
 * state.
 */
@IntegrationTest
class MoneyViewsTests {

    private static final String CHAT = "aws/claude-haiku-4-5";
    /** As long as a key name may be; {@link Layout#LONGEST_NAME} cut to the key's limit. */
    private static final String KEY_NAME = Layout.LONGEST_NAME.substring(0, 100);

    private static final Pattern SECONDS = Pattern.compile("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC");

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Autowired
    TeamService teams;

    @Autowired
    UserDetailsService users;

    @Autowired
    Actors actors;

    @Autowired
    ApiKeyService keys;

    @Autowired
    PrepaidCharges charges;

    @Autowired
    KeySpender spender;

    @Test
    void moneyViewsFollowTheMoneyRuleAndKeepTheirKeyColumnsOnScreen() {
        TeamSummary team = testTeams.createWithBalance("Money views", "12345.6789");
        UserDetails owner = personNamed(team, Layout.LONGEST_NAME);
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String teamId = team.id().value().toString();
        JsonNode longKey = admin.createKey(teamId, "{\"name\":\"" + KEY_NAME + "\",\"budget\":\"1.00\"}");
        // a revoked key's name may be taken again, so the key filter shows two keys of one name
        JsonNode revokedTwin = admin.createKey(teamId, "{\"name\":\"twin\",\"budget\":\"5.00\"}");
        actors.as(owner, () -> keys.revoke(idOf(revokedTwin)));
        JsonNode twin = admin.createKey(teamId, "{\"name\":\"twin\"}");
        OpenAiClients.forKey(port, longKey.get("key").asString())
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(CHAT)
                        .addUserMessage("Count the lighthouses of Brittany")
                        .maxCompletionTokens(40)
                        .build());
        spender.prepaid(team.id(), idOf(longKey), Credits.of("0.92"));
        actors.as(
                owner,
                () -> charges.charge(
                        team.id(), null, "req_" + UUID.randomUUID(), Credits.of("0.0000042"), "A portal request"));

        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            for (Screen screen : Screen.values()) {
                Layout.use(page, screen);
                checkOverview(page, screen);
                checkUsage(page, screen, twin, revokedTwin);
                checkSpending(page, screen);
            }
        }
    }

    @Test
    void aTeamWithNothingSpentSeesOneEmptyStateOnEveryScreen() {
        TeamSummary team = testTeams.create("Nothing spent");
        UserDetails owner = personNamed(team, Layout.LONGEST_NAME);

        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            for (Screen screen : Screen.values()) {
                Layout.use(page, screen);
                page.navigate("/");
                assertThat(page.locator("#overview-balance")).hasText("Cr$ 0.00");
                Layout.assertNoSidewaysScroll(page);

                page.navigate("/usage");
                assertThat(page.locator("#usage-totals")).containsText("0 requests");
                assertThat(page.locator("#usage-totals")).containsText("· Cr$ 0.00");
                Layout.assertInsideViewport(page, page.locator("#usage-to"), "the To field");
                Layout.assertNoSidewaysScroll(page);
                BrowserSupport.screenshot(page, "money-usage-empty" + screen.suffix());

                page.navigate("/spending");
                Locator empty = page.locator("#spending-empty");
                assertThat(empty).isVisible();
                assertThat(empty).containsText("Nothing was spent");
                for (String chart :
                        new String[] {"#chart-per-day", "#chart-by-key", "#chart-by-kind", "#chart-media"}) {
                    // one empty state for the range, no empty charts
                    assertThat(page.locator(chart)).isHidden();
                }
                assertThat(page.locator("#spending-top-keys")).isHidden();
                Layout.assertMoney(page.locator("#card-balance .stat-value"), "the balance card");
                Layout.assertNoSidewaysScroll(page);
                BrowserSupport.screenshot(page, "money-spending-empty" + screen.suffix());
            }
        }
    }

    private void checkOverview(Page page, Screen screen) {
        page.navigate("/");
        Locator balance = page.locator("#overview-balance");
        assertThat(balance).hasText("Cr$ 12,344.76");
        assertThat(balance).hasAttribute("title", Pattern.compile("^Cr\\$ 12,344\\.75\\d+$"));
        Layout.assertMoney(balance, "the overview's balance");
        Layout.assertMoney(page.locator("#team-balance"), "the header balance");
        assertThat(page.locator("#team-balance")).hasAttribute("title", Pattern.compile(": Cr\\$ 12,344\\.75\\d+$"));

        Locator statement = page.locator("vaadin-grid:has(vaadin-grid-cell-content:text-is('Balance'))");
        Locator portalCharge = visibleCell(statement, "-Cr$ 0.0000042");
        assertThat(portalCharge).hasCount(1);
        Layout.assertMoney(portalCharge.first(), "a charge below a cent in the statement");
        Layout.assertInsideViewport(page, portalCharge.first(), "the statement's amount");
        Layout.assertInsideViewport(page, header(statement, "Balance"), "the statement's balance column");
        Layout.assertMoney(visibleCell(statement, "Cr$ 12,344.76").first(), "a balance in the statement");
        assertFitsItsWidth(statement, "the statement");
        if (screen == Screen.DESK) {
            // a key's charge names the key and its masked suffix, not its id
            assertThat(statement).containsText("Key " + KEY_NAME + " (vai-…");
            assertThat(statement).containsText(Layout.LONGEST_NAME.substring(0, 40));
            assertThat(statement).not().containsText("key:");
            Layout.assertInsideViewport(page, header(statement, "By"), "the statement's By column");
        }
        Layout.assertNoSidewaysScroll(page);
        BrowserSupport.screenshot(page, "money-overview" + screen.suffix());
    }

    private void checkUsage(Page page, Screen screen, JsonNode twin, JsonNode revokedTwin) {
        page.navigate("/usage");
        Locator grid = page.locator("#usage-grid");
        Locator cost = grid.locator("vaadin-grid-cell-content:visible")
                .filter(new Locator.FilterOptions().setHasText(Pattern.compile("^Cr\\$ ")));
        assertThat(cost.first()).isVisible();
        Layout.assertMoney(cost.first(), "a request's cost");
        assertThat(cost.first()).not().hasText("Cr$ 0.00");
        Layout.assertInsideViewport(page, cost.first(), "a request's cost");
        for (String column : screen == Screen.DESK
                ? new String[] {"Time", "Key or user", "Model", "Cost", "Latency", "Status"}
                : new String[] {"Time", "Model", "Cost", "Status"}) {
            Layout.assertInsideViewport(page, header(grid, column), "the " + column + " column");
        }
        assertFitsItsWidth(grid, "the usage grid");
        Locator time = grid.locator("vaadin-grid-cell-content:visible")
                .filter(new Locator.FilterOptions().setHasText(SECONDS));
        assertThat(time.first()).isVisible(); // times to the second
        Locator totals = page.locator("#usage-totals");
        assertThat(totals).containsText("1 request ·");
        assertThat(totals).containsText(Pattern.compile("· Cr\\$ \\d+\\.\\d{2}$"));
        Layout.assertNoSidewaysScroll(page);
        BrowserSupport.screenshot(page, "money-usage" + screen.suffix());

        page.locator("#usage-key input").click();
        Locator twins =
                page.locator("vaadin-combo-box-item").filter(new Locator.FilterOptions().setHasText("twin · vai-…"));
        assertThat(twins).hasCount(2);
        assertThat(twins.filter(new Locator.FilterOptions().setHasText("…" + lastFour(twin))))
                .not()
                .containsText("(revoked)");
        assertThat(twins.filter(new Locator.FilterOptions().setHasText("…" + lastFour(revokedTwin) + " (revoked)")))
                .hasCount(1);
        page.keyboard().press("Escape");

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        page.locator("#usage-from input").fill(typed(today));
        page.locator("#usage-from input").press("Enter");
        page.locator("#usage-to input").fill(typed(today.minusDays(1)));
        page.locator("#usage-to input").press("Enter");
        Locator to = page.locator("#usage-to");
        assertThat(to).hasAttribute("invalid", "");
        assertThat(to).containsText("The end comes before the start");
        Layout.assertInsideViewport(page, to, "the refused To field");
        assertThat(totals).containsText("No requests");
        assertThat(cost).hasCount(0);
        BrowserSupport.screenshot(page, "money-usage-backwards" + screen.suffix());
    }

    private void checkSpending(Page page, Screen screen) {
        page.navigate("/spending");
        Locator balance = page.locator("#card-balance .stat-value");
        Layout.assertMoney(balance, "the balance card");
        assertThat(balance).hasAttribute("title", Pattern.compile("^Cr\\$ 12,344\\.75\\d+$"));
        for (String card : new String[] {"#card-today", "#card-7-days", "#card-30-days"}) {
            Layout.assertMoney(page.locator(card + " .stat-value"), card);
            Layout.assertInsideViewport(page, page.locator(card), card);
        }
        assertThat(page.locator("#spending-cards-note")).containsText("whatever the range below");
        // a balance of thousands at a rate of fractions of a cent lasts for ages, not for 493390173.4 days
        assertThat(page.locator("#card-days-left .stat-value")).hasText("Over a year");
        if (screen == Screen.DESK) {
            BoundingBox first = page.locator("#card-balance").boundingBox();
            BoundingBox last = page.locator("#card-days-left").boundingBox();
            assertThat(last.y).as("the five cards sit in one row on a desk").isEqualTo(first.y);
        }
        for (String chart : new String[] {"#chart-per-day", "#chart-by-key", "#chart-by-kind", "#chart-media"}) {
            assertThat(page.locator(chart)).hasAttribute("data-rendered", "true");
            Layout.assertInsideViewport(page, page.locator(chart), chart);
        }
        Locator topKeys = page.locator("#spending-top-keys");
        Layout.assertInsideViewport(page, header(topKeys, "Spend"), "the top keys' spend");
        Layout.assertMoney(
                visibleCell(page.locator("#spending-top-models"), Pattern.compile("^Cr\\$ "))
                        .first(),
                "a top model's spend");
        Locator budgets = page.locator("#spending-budgets");
        assertThat(budgets).not().containsText("twin");
        Locator budget = budgets.locator(".budget-row");
        assertThat(budget).hasCount(1);
        assertThat(budget).containsText("(92%)");
        assertThat(budget).hasClass(Pattern.compile("budget-warning"));
        Layout.assertInsideViewport(page, budget, "the key's budget");
        Layout.assertNoSidewaysScroll(page);
        BrowserSupport.screenshot(page, "money-spending" + screen.suffix());

        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        page.locator("#spending-from input").fill(typed(today.plusDays(1)));
        page.locator("#spending-from input").press("Enter");
        Locator from = page.locator("#spending-from");
        assertThat(from).hasAttribute("invalid", "");
        assertThat(from).containsText("The start comes after the end");
        assertThat(page.locator("#spending-empty")).containsText("Choose a start on or before the end");
        assertThat(page.locator("#chart-per-day")).isHidden();
        Layout.assertInsideViewport(page, from, "the refused From field");
        BrowserSupport.screenshot(page, "money-spending-backwards" + screen.suffix());
    }

    /** A date as a person types it into the date picker (the browser's locale is US English). */
    private static String typed(LocalDate date) {
        return date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + date.getYear();
    }

    /** The grid shows every visible column without scrolling sideways inside itself. */
    private static void assertFitsItsWidth(Locator grid, String what) {
        Number overflow = (Number) grid.evaluate("grid => grid.$.table.scrollWidth - grid.$.table.clientWidth");
        assertThat(overflow.intValue())
                .as("%s needs no sideways scrolling (%d px too wide)", what, overflow.intValue())
                .isLessThanOrEqualTo(1);
    }

    private UserDetails personNamed(TeamSummary team, String displayName) {
        String email = "money-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        actors.asPlatformAdmin(() ->
                teams.addMember(team.id(), new NewMember(email, displayName, TeamRole.OWNER, TestTeams.PASSWORD)));
        return users.loadUserByUsername(email);
    }

    private static ApiKeyId idOf(JsonNode key) {
        return new ApiKeyId(UUID.fromString(key.get("id").asString()));
    }

    private static String lastFour(JsonNode key) {
        String plaintext = key.get("key").asString();
        return plaintext.substring(plaintext.length() - 4);
    }

    private static Locator header(Locator grid, String title) {
        return grid.locator("vaadin-grid-cell-content:visible")
                .filter(new Locator.FilterOptions().setHasText(exactly(title)))
                .first();
    }

    private static Locator visibleCell(Locator grid, String text) {
        return visibleCell(grid, exactly(text));
    }

    /** Matches the whole text; escaped by hand, as the browser's regular expressions know no quoting by Q and E. */
    private static Pattern exactly(String text) {
        return Pattern.compile("^" + text.replaceAll("[\\\\^$.|?*+()\\[\\]{}]", "\\\\$0") + "$");
    }

    private static Locator visibleCell(Locator grid, Pattern text) {
        return grid.locator("vaadin-grid-cell-content:visible").filter(new Locator.FilterOptions().setHasText(text));
    }
}
