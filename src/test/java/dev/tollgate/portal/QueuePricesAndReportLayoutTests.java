package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.support.Actors;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.Layout;
import dev.tollgate.support.Screen;
import dev.tollgate.support.TestTeams;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The video queue, the price list and the admin's spend report at a desk and a phone width, for a team with the longest
 * name allowed and nothing done yet: their forms, tables and amounts stay inside the viewport and nothing scrolls
 * sideways.
 */
@IntegrationTest
class QueuePricesAndReportLayoutTests {

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
    void anEmptyVideoQueueAndThePriceListFitADeskAndAPhone() {
        TeamSummary team = actors.asPlatformAdmin(() -> teams.create(uniqueLongestTeamName()));
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        ChromiumExtension.submitSignIn(page, member.getUsername(), TestTeams.PASSWORD);
        assertThat(page.locator("#team-balance")).isVisible();

        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            page.navigate("/videos");
            assertThat(page.locator("#video-empty")).isVisible();
            Layout.assertContentFits(page);
            for (String field : new String[] {"#video-model", "#video-prompt", "#video-seconds", "#video-create"}) {
                Layout.assertInsideViewport(page, page.locator(field), field + " at " + screen);
            }
            Layout.assertInsideViewport(page, page.locator("#video-empty"), "the empty queue's note at " + screen);
            assertThat(page.locator("#video-price")).containsText("Cr$ ");
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "video-queue-empty" + screen.suffix());

            page.navigate("/pricing");
            Locator firstModel = page.locator("#chat-prices vaadin-grid-cell-content")
                    .filter(new Locator.FilterOptions().setHasText("aws/claude-haiku-4-5"))
                    .first();
            assertThat(firstModel).isVisible();
            Layout.assertContentFits(page);
            Layout.assertInsideViewport(page, firstModel, "a chat model's id in the price list at " + screen);
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "pricing" + screen.suffix());
        }
    }

    @Test
    void theSpendReportOfARangeWithNothingSpentFitsADeskAndAPhone() throws InterruptedException {
        actors.asPlatformAdmin(() -> teams.create(uniqueLongestTeamName()));
        ChromiumExtension.submitSignIn(page, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
        assertThat(page.locator("#team-balance")).isVisible();

        for (Screen screen : Screen.values()) {
            Layout.use(page, screen);
            page.navigate("/admin/spending");
            assertThat(page.locator("#report-grid")).isVisible();
            Layout.assertContentFits(page);
            for (String part : new String[] {"#report-from", "#report-to", "#report-team", "#report-total"}) {
                Layout.assertInsideViewport(page, page.locator(part), part + " at " + screen);
            }
            assertThat(page.locator("#report-total")).containsText("Cr$ ");
            Layout.assertInsideViewport(page, page.locator("#report-grid"), "the report's table at " + screen);
            Layout.assertGridFits(page.locator("#report-grid"), "the report's table at " + screen);
            Layout.assertNoSidewaysScroll(page);
            BrowserSupport.screenshot(page, "spend-report" + screen.suffix());
        }
    }

    /** A 200-character team name no other test uses: team names are unique across the shared database. */
    private static String uniqueLongestTeamName() {
        return Layout.LONGEST_NAME.substring(0, 191) + " "
                + UUID.randomUUID().toString().substring(0, 8);
    }
}
