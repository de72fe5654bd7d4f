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
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;

/** The chat playground in Chromium: a streamed reply, its cost, and the header balance dropping by that cost. */
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
