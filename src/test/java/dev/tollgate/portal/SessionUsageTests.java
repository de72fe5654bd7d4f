package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.money.Credits;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * What one agent session cost, in Chromium: the Usage view's session filter narrows the grid, its totals and the CSV
 * to the requests Claude Code sent under one {@code x-claude-code-session-id}, on a wide screen and a phone.
 */
@IntegrationTest
class SessionUsageTests {

    private static final String MODEL = "aws/minimax-m2.5";
    private static final String SESSION = "6f1c2a9e-4b7d-4e21-9c3a-0d5e8f7a1b2c";
    private static final String OTHER_SESSION = "0a9b8c7d-1e2f-4a5b-8c6d-7e8f9a0b1c2d";

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theSessionFilterShowsWhatOneAgentSessionCost() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Agent sessions", "5.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        String key = new AdminApiClient(port, IntegrationTest.MASTER_KEY)
                .createKey(team.id().value().toString(), "{\"name\":\"laptop\"}")
                .get("key")
                .asString();
        for (String session : List.of(SESSION, SESSION, OTHER_SESSION)) {
            assertThat(messages(key, session).statusCode()).isEqualTo(200);
        }
        BigDecimal sessionCost = jdbc.sql(
                        "select sum(total_cost) from usage_record where team_id = ? and session_id = ?")
                .params(team.id().value(), SESSION)
                .query(BigDecimal.class)
                .single();

        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.setViewportSize(1280, 800);
            page.navigate("/usage");
            Locator totals = page.locator("#usage-totals");
            assertThat(totals).containsText("3 requests");

            page.locator("#usage-session input").fill(SESSION);
            page.locator("#usage-session input").press("Enter");

            assertThat(totals).containsText("2 requests ·");
            assertThat(totals).containsText(DisplayFormats.money(new Credits(sessionCost)));
            assertThat(totals)
                    .hasAttribute(
                            "title", "Cost of these requests: " + DisplayFormats.exactMoney(new Credits(sessionCost)));
            Locator grid = page.locator("#usage-grid");
            assertThat(grid).containsText(SESSION.substring(0, 8));
            assertThat(grid).not().containsText(OTHER_SESSION.substring(0, 8));
            BrowserSupport.screenshot(page, "usage-session-1280");

            Download download =
                    page.waitForDownload(() -> page.locator("#usage-csv").click());
            List<String> lines = Files.readAllLines(download.path());
            assertThat(lines).as("the header and the session's two rows").hasSize(3);
            assertThat(lines.getFirst()).endsWith(",session_id,reasoning_tokens");
            assertThat(lines.subList(1, 3))
                    .as("no thinking was asked for, so no reasoning tokens")
                    .allSatisfy(line -> assertThat(line).endsWith("," + SESSION + ",0"));

            page.setViewportSize(390, 844);
            assertThat(page.locator("#usage-session")).isVisible();
            BrowserSupport.screenshot(page, "usage-session-390");
        }
    }

    private HttpResponse<String> messages(String key, String session) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/messages?beta=true"))
                            .header("x-api-key", key)
                            .header("anthropic-version", "2023-06-01")
                            .header("x-claude-code-session-id", session)
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("""
                                    {"model":"%s","max_tokens":40,
                                     "messages":[{"role":"user","content":"Tell me about tide pools"}]}
                                    """.formatted(MODEL)))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }
}
