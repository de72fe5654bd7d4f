package dev.tollgate.portal.charts;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Each kind of chart drawn by ECharts in Chromium from {@link ChartHarness}'s known data. */
@IntegrationTest
class ChartTests {

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Test
    void everyKindOfChartDrawsItsPointsAndAnEmptyOneSaysSo() {
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            signIn(page);
            page.setViewportSize(1400, 1300);
            page.navigate("/test/charts");

            assertDrawn(page.locator("#spend"), 21); // 3 models × 7 days
            assertDrawn(page.locator("#keys"), 4);
            assertDrawn(page.locator("#tokens"), 3);
            assertDrawn(page.locator("#media"), 14); // images and videos × 7 days
            assertDrawn(page.locator("#empty"), 0);
            assertThat(page.locator("#empty")).containsText("No data for this period");
            assertThat(page.locator("#spend")).containsText("Spend per day by model");
            assertThat(page.locator("#keys").locator("svg")).containsText("production backend");

            BrowserSupport.screenshot(page, "charts");
        }
    }

    @Test
    void newDataRedrawsTheSameChart() {
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            signIn(page);
            page.navigate("/test/charts");
            Locator spend = page.locator("#spend");
            assertDrawn(spend, 21);
            spend.evaluate("chart => chart.dataset.marker = 'same element'");

            page.locator("#next-week").click();

            assertDrawn(spend, 7); // one model × 7 days
            assertThat(spend.locator("svg")).containsText("2026-03-09");
            assertThat(spend).hasAttribute("data-marker", "same element");
        }
    }

    private static void signIn(Page page) {
        ChromiumExtension.submitSignIn(page, IntegrationTest.ADMIN_EMAIL, IntegrationTest.ADMIN_PASSWORD);
        page.waitForURL(url -> !url.contains("/login"));
    }

    private static void assertDrawn(Locator chart, int points) {
        assertThat(chart).hasAttribute("data-rendered", "true");
        assertThat(chart).hasAttribute("data-points", String.valueOf(points));
    }
}
