package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;

/** The chat playground in Chromium: a streamed reply, its cost, and the header balance dropping by that cost. */
@IntegrationTest
class PlaygroundTests {

    private static final Pattern CREDITS = Pattern.compile("Cr\\$ ([0-9.]+)");

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Autowired
    JdbcClient jdbc;

    @Test
    void aReplyStreamsInShowsItsCostAndTheBalanceDropsByIt() {
        TeamSummary team = testTeams.createWithBalance("Playground", "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, member.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).hasText("Cr$ 2.00");

            page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Playground"))
                    .click();
            assertThat(page.locator("#playground-prices")).containsText("1.00 in / 5.00 out");
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
            String costLine = (String) reply.evaluate("message => message.userName");
            Matcher charged = CREDITS.matcher(costLine);
            assertThat(charged.find())
                    .as("the reply shows its cost: %s", costLine)
                    .isTrue();
            BigDecimal cost = new BigDecimal(charged.group(1));
            assertThat(cost).isPositive();

            BigDecimal expectedBalance = new BigDecimal("2.00").subtract(cost);
            assertThat(page.locator("#team-balance"))
                    .hasText("Cr$ "
                            + expectedBalance
                                    .stripTrailingZeros()
                                    .setScale(Math.max(
                                            2,
                                            expectedBalance.stripTrailingZeros().scale()))
                                    .toPlainString());
            assertThat(page.locator("#conversation-cost")).containsText(charged.group(1));
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
}
