package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.anthropic.models.messages.CacheControlEphemeral;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.messages.TextBlockParam;
import com.anthropic.models.messages.Usage;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.images.ImageGenerateParams;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.money.Credits;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.OpenAiClients;
import dev.tollgate.support.TestTeams;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Where the credit went, in Chromium: after some API calls the dashboard draws its charts with data, filtering the
 * usage grid by model changes its totals, and the CSV download holds exactly the filtered rows.
 */
@IntegrationTest
class SpendingTests {

    private static final String CHAT = "aws/claude-haiku-4-5";
    private static final String IMAGE = "enterprise/image-2";

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theDashboardChartsAndTheUsageGridFollowTheTeamsCalls() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Spending", "5.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String key = admin.createKey(team.id().value().toString(), "{\"name\":\"dashboard\",\"budget\":\"1.00\"}")
                .get("key")
                .asString();
        OpenAIClient client = OpenAiClients.forKey(port, key);
        for (int i = 0; i < 2; i++) {
            client.chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model(CHAT)
                            .addUserMessage("Tell me about tide pools " + i)
                            .maxCompletionTokens(60)
                            .build());
        }
        client.images()
                .generate(ImageGenerateParams.builder()
                        .model(IMAGE)
                        .prompt("A tide pool")
                        .build());

        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();

            page.navigate("/spending");
            for (String chart : List.of("#chart-per-day", "#chart-by-key", "#chart-by-kind", "#chart-media")) {
                assertThat(page.locator(chart)).hasAttribute("data-rendered", "true");
                assertThat(page.locator(chart)).not().hasAttribute("data-points", "0");
            }
            assertThat(page.locator("#card-today")).not().containsText("Cr$ 0.00");
            assertThat(page.locator("#spending-top-models")).containsText(IMAGE);
            assertThat(page.locator("#spending-top-keys")).containsText("dashboard");
            assertThat(page.locator("#spending-budgets")).containsText("dashboard");
            BrowserSupport.screenshot(page, "spending");
            page.locator("#spending-ledger-tab").click();
            assertThat(page.locator("#spending-ledger")).containsText("Top-up");
            assertThat(page.locator("#spending-ledger")).containsText("Charge");

            page.navigate("/usage");
            Locator totals = page.locator("#usage-totals");
            assertThat(totals).containsText("3 requests");
            page.locator("#usage-model input").fill(IMAGE);
            page.locator("vaadin-combo-box-item", new Page.LocatorOptions().setHasText(IMAGE))
                    .first()
                    .click();
            assertThat(totals).containsText("1 request ·");
            assertThat(totals).containsText("Cr$ 0.16");
            BrowserSupport.screenshot(page, "usage");

            Download download =
                    page.waitForDownload(() -> page.locator("#usage-csv").click());
            List<String> lines = Files.readAllLines(download.path());
            assertThat(lines).hasSize(2);
            assertThat(lines.getFirst()).startsWith("created_at,request_id");
            assertThat(lines.get(1)).contains(IMAGE).contains("0.160000000");
        }
        BigDecimal charged = jdbc.sql("select sum(total_cost) from usage_record where team_id = ?")
                .param(team.id().value())
                .query(BigDecimal.class)
                .single();
        assertThat(charged).isGreaterThan(new BigDecimal("0.16"));
    }

    @Test
    void theUsageGridShowsOneHourCacheWritesAsTheirOwnLine() {
        TeamSummary team = testTeams.createWithBalance("Hour cache", "5.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String key = admin.createKey(team.id().value().toString(), "{\"name\":\"hour\"}")
                .get("key")
                .asString();
        Usage usage = AnthropicClients.forKey(port, key)
                .messages()
                .create(MessageCreateParams.builder()
                        .model(CHAT)
                        .maxTokens(20)
                        .systemOfTextBlockParams(List.of(TextBlockParam.builder()
                                .text("Tide pools hold anemones, crabs and snails at low tide. ".repeat(200))
                                .cacheControl(CacheControlEphemeral.builder()
                                        .ttl(CacheControlEphemeral.Ttl.TTL_1H)
                                        .build())
                                .build()))
                        .addUserMessage("What lives in a tide pool?")
                        .build())
                .usage();
        long hourWrites = usage.cacheCreation().orElseThrow().ephemeral1hInputTokens();
        BigDecimal hourLine = jdbc.sql("select cache_write_1h_cost from usage_record where team_id = ?")
                .param(team.id().value())
                .query(BigDecimal.class)
                .single();

        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.navigate("/usage");

            assertThat(page.locator("#usage-totals"))
                    .containsText(String.format(Locale.ROOT, "%,d cache write 1h", hourWrites));
            page.locator("#usage-grid vaadin-grid-cell-content")
                    .filter(new Locator.FilterOptions().setHasText(CHAT))
                    .first()
                    .click();
            assertThat(page.locator("#usage-detail"))
                    .containsText(hourWrites + " tokens · " + DisplayFormats.cost(new Credits(hourLine)));
            BrowserSupport.screenshot(page, "usage-hour-cache");
        }
    }

    @Test
    void platformAdminsSeeSpendPerTeamAndModel() {
        TeamSummary team = testTeams.createWithBalance("Reported", "1.00");
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String key = admin.createKey(team.id().value().toString(), "{\"name\":\"r\"}")
                .get("key")
                .asString();
        OpenAiClients.forKey(port, key)
                .images()
                .generate(ImageGenerateParams.builder()
                        .model(IMAGE)
                        .prompt("A report")
                        .build());

        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.navigate("/admin/spending");
            page.locator("#report-team input").fill(team.name());
            assertThat(page.locator("#report-total")).hasText("1 team · Cr$ 0.16");
            assertThat(page.locator("#report-grid")).containsText(team.name());
            assertThat(page.locator("#report-chart")).hasAttribute("data-rendered", "true");
            BrowserSupport.screenshot(page, "admin-spending");
        }
    }
}
