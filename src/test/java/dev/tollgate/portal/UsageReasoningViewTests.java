package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.openai.models.ReasoningEffort;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.apikey.ApiKeyId;
import dev.tollgate.caller.Caller;
import dev.tollgate.caller.Dialect;
import dev.tollgate.catalog.ChatCost;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.money.Credits;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.OpenAiClients;
import dev.tollgate.support.TestTeams;
import dev.tollgate.usage.UsageKind;
import dev.tollgate.usage.UsageRecord;
import dev.tollgate.usage.UsageRecorder;
import dev.tollgate.usage.UsageStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;
import tools.jackson.databind.JsonNode;

/**
 * The Usage view shows the output tokens a model spent reasoning beside the others, in the grid, its totals and a
 * request's detail, and names the API a request came through, OpenAI's Responses API among them; on a wide screen and
 * a phone.
 */
@IntegrationTest
class UsageReasoningViewTests {

    private static final String MODEL = "aws/claude-sonnet-4-6";

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Autowired
    UsageRecorder recorder;

    @Autowired
    Clock clock;

    @Test
    void theGridAndARequestsDetailShowItsReasoningTokensAndTheApiItCameThrough() {
        TeamSummary team = testTeams.createWithBalance("Reasoning view", "5.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        JsonNode key = new AdminApiClient(port, IntegrationTest.MASTER_KEY)
                .createKey(team.id().value().toString(), "{\"name\":\"agent\"}");
        ChatCompletion completion = OpenAiClients.forKey(port, key.get("key").asString())
                .chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(MODEL)
                        .maxCompletionTokens(400)
                        .reasoningEffort(ReasoningEffort.LOW)
                        .addUserMessage("How do volcanoes form?")
                        .build());
        long chatReasoning = completion
                .usage()
                .orElseThrow()
                .completionTokensDetails()
                .orElseThrow()
                .reasoningTokens()
                .orElseThrow();
        assertThat(chatReasoning).isPositive();
        // a request through the Responses API, as its usage row stands
        String responsesRequest = "resp-" + UUID.randomUUID();
        recorder.record(new UsageRecord(
                Caller.api(
                        responsesRequest,
                        team.id(),
                        new ApiKeyId(UUID.fromString(key.get("id").asString())),
                        Dialect.RESPONSES),
                UsageKind.CHAT,
                new ModelId(MODEL),
                "simulator",
                UsageStatus.SUCCEEDED,
                "END_TURN",
                null,
                new TokenCounts(120, 4_321, 0, 0),
                new ChatCost(Credits.of("0.00036"), Credits.of("0.064815"), Credits.ZERO, Credits.ZERO, Credits.ZERO),
                Credits.ZERO,
                Instant.now(clock),
                Duration.ofMillis(900),
                Duration.ofMillis(200),
                null,
                4_000));

        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.setViewportSize(1280, 900);
            page.navigate("/usage");
            Locator grid = page.locator("#usage-grid");
            assertThat(grid).containsText("Reasoning");
            assertThat(grid).containsText("4000");
            assertThat(page.locator("#usage-totals")).containsText("(%,d reasoning)".formatted(chatReasoning + 4_000));
            BrowserSupport.screenshot(page, "usage-reasoning-1280");
            // the grid scrolls sideways; at its right end the token columns, Reasoning among them
            grid.evaluate("grid => grid.$.table.scrollLeft = grid.$.table.scrollWidth");
            assertThat(page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("Reasoning")))
                    .isInViewport();
            BrowserSupport.screenshot(page, "usage-reasoning-columns-1280");
            page.setViewportSize(390, 844);
            assertThat(page.locator("#usage-totals")).isVisible();
            BrowserSupport.screenshot(page, "usage-reasoning-390");

            page.setViewportSize(1280, 900);
            cell(page, 4_321).click();
            Locator detail = page.locator("#usage-detail");
            assertThat(detail).containsText(responsesRequest);
            assertThat(fact(detail, "Source")).hasText("API · OpenAI Responses");
            assertThat(fact(detail, "Reasoning")).hasText("4000 of the output tokens");
            assertThat(fact(detail, "Output")).containsText("4321 tokens");
            BrowserSupport.screenshot(page, "usage-reasoning-detail-1280");
            page.setViewportSize(390, 844);
            assertThat(fact(detail, "Reasoning")).isInViewport();
            BrowserSupport.screenshot(page, "usage-reasoning-detail-390");
            detail.locator("vaadin-button", new Locator.LocatorOptions().setHasText("Close"))
                    .click();
            assertThat(detail).isHidden();

            page.setViewportSize(1280, 900);
            page.navigate("/usage");
            cell(page, chatReasoning).click();
            assertThat(fact(detail, "Source")).hasText("API · OpenAI");
            assertThat(fact(detail, "Reasoning")).hasText(chatReasoning + " of the output tokens");
        }
    }

    /** The first grid cell that holds exactly this number. */
    private static Locator cell(Page page, long number) {
        return page.locator(
                        "vaadin-grid-cell-content",
                        new Page.LocatorOptions().setHasText(Pattern.compile("^" + number + "$")))
                .first();
    }

    private static Locator fact(Locator detail, String label) {
        return detail.locator(".fact:has(> .fact-label:text-is('" + label + "')) > .fact-value");
    }
}
