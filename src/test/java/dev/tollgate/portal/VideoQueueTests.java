package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.security.core.userdetails.UserDetails;

/** The video queue in Chromium: a job queued from the view reaches completed by push, and its video plays inline. */
@IntegrationTest
class VideoQueueTests {

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Test
    void aQueuedJobReachesCompletedWithoutReloadingAndItsVideoPlays() {
        TeamSummary team = testTeams.createWithBalance("Video queue", "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, member.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).hasText("Cr$ 2.00");
            page.navigate("/videos");
            assertThat(page.locator("#video-empty")).isVisible();
            assertThat(page.locator("#video-price")).containsText("Cr$ 0.60");

            page.locator("#video-prompt textarea").fill("A paper boat drifting down a rainy street");
            page.locator("#video-create").click();
            Locator job = page.locator(".video-job").first();
            assertThat(job).containsText("A paper boat drifting down a rainy street");
            assertThat(page.locator("#team-balance")).hasText("Cr$ 1.40");
            Object navigations = page.evaluate("() => performance.getEntriesByType('navigation').length");

            assertThat(job)
                    .hasAttribute(
                            "data-status",
                            "completed",
                            new com.microsoft.playwright.assertions.LocatorAssertions.HasAttributeOptions()
                                    .setTimeout(90_000));
            assertThat(job.locator(".video-status")).hasText("Completed");
            assertThat(page.evaluate("() => performance.getEntriesByType('navigation').length"))
                    .as("the page was not reloaded")
                    .isEqualTo(navigations);
            page.waitForFunction(
                    "() => { const v = document.querySelector('.video-job video'); return v && v.readyState >= 2; }");
            @SuppressWarnings("unchecked")
            List<Number> size =
                    (List<Number>) page.evaluate("() => { const v = document.querySelector('.video-job video');"
                            + " return [v.videoWidth, v.videoHeight, v.duration]; }");
            assertThat(size.get(0).intValue()).isEqualTo(720);
            assertThat(size.get(1).intValue()).isEqualTo(1280);
            assertThat(size.get(2).doubleValue()).isCloseTo(4.0, org.assertj.core.data.Offset.offset(0.2));
            page.evaluate("() => document.querySelector('.video-job video').play()");
            page.waitForFunction("() => document.querySelector('.video-job video').currentTime > 0.5");
            BrowserSupport.screenshot(page, "video-queue");

            page.locator("#video-filter").click();
            page.locator("vaadin-select-item:has-text('Failed')").click();
            assertThat(page.locator("#video-empty")).isVisible();
            assertThat(page.locator(".video-job")).hasCount(0);
        }
    }
}
