package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.openai.client.OpenAIClient;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.OpenAiClients;
import dev.tollgate.support.TestTeams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;

/** The Usage view names the model that served each request and, where the caller asked by an alias, that id too. */
@IntegrationTest
class UsageRequestedModelTests {

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Test
    void aRequestMadeByAnAliasShowsTheServedModelAndTheIdAskedFor() {
        TeamSummary team = testTeams.createWithBalance("Requested", "5.00");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        String key = new AdminApiClient(port, IntegrationTest.MASTER_KEY)
                .createKey(team.id().value().toString(), "{\"name\":\"cli\"}")
                .get("key")
                .asString();
        OpenAIClient client = OpenAiClients.forKey(port, key);
        for (String model : new String[] {"aws/glm-5", "claude-haiku-4-5-20251001"}) {
            client.chat()
                    .completions()
                    .create(ChatCompletionCreateParams.builder()
                            .model(model)
                            .addUserMessage("hi")
                            .maxCompletionTokens(30)
                            .build());
        }

        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, owner.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.navigate("/usage");
            Locator grid = page.locator("vaadin-grid");

            assertThat(grid).containsText("aws/claude-haiku-4-5 (as claude-haiku-4-5-20251001)");
            assertThat(grid).containsText("aws/glm-5");
            assertThat(grid).not().containsText("(as aws/glm-5)");
            page.setViewportSize(1280, 900);
            BrowserSupport.screenshot(page, "usage-requested-model-1280");
            page.setViewportSize(390, 844);
            BrowserSupport.screenshot(page, "usage-requested-model-390");

            page.setViewportSize(1280, 900);
            page.locator("vaadin-grid-cell-content", new Page.LocatorOptions().setHasText("(as claude-haiku"))
                    .first()
                    .click();
            Locator detail = page.locator("#usage-detail");
            assertThat(detail).containsText("Requested as");
            assertThat(detail).containsText("claude-haiku-4-5-20251001");
            BrowserSupport.screenshot(page, "usage-requested-model-detail");
        }
    }
}
