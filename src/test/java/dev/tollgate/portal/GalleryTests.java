package dev.tollgate.portal;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.caller.Caller;
import dev.tollgate.media.MediaKind;
import dev.tollgate.media.MediaService;
import dev.tollgate.media.MediaUpload;
import dev.tollgate.media.NewMedia;
import dev.tollgate.money.Credits;
import dev.tollgate.portal.gallery.GalleryView;
import dev.tollgate.support.Actors;
import dev.tollgate.support.BrowserSupport;
import dev.tollgate.support.ChromiumExtension;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestImages;
import dev.tollgate.support.TestTeams;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.UserDetails;

/** Images in Chromium: made in the playground, found in the gallery, opened, edited and deleted. */
@IntegrationTest
class GalleryTests {

    @RegisterExtension
    static final ChromiumExtension chromium = new ChromiumExtension();

    @LocalServerPort
    int port;

    @Autowired
    TestTeams testTeams;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MediaService media;

    @Autowired
    Actors actors;

    @Test
    void anImageMadeInThePlaygroundIsInTheGalleryAndCanBeOpenedEditedAndDeleted() throws Exception {
        TeamSummary team = testTeams.createWithBalance("Gallery", "2.00");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, member.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).hasText("Cr$ 2.00");

            page.navigate("/playground?tab=image");
            assertThat(page.locator("#image-price")).containsText("1024×1024");
            assertThat(page.locator("#image-price")).containsText("Cr$ 0.16");
            page.locator("#image-prompt textarea").fill("A lighthouse on a cliff at dawn");
            page.locator("#image-generate").click();
            Locator result = page.locator("#image-results img");
            assertThat(result).isVisible();
            assertThat(page.locator("#team-balance")).hasText("Cr$ 1.84");
            page.waitForFunction("img => img.complete && img.naturalWidth === 1024", result.elementHandle());
            BrowserSupport.screenshot(page, "playground-image");

            page.locator("#image-results a").first().click();
            assertThat(page.locator("vaadin-dialog-overlay:not([opening])")).isVisible();
            Locator detail = page.locator("#image-detail");
            assertThat(page.locator("#image-detail-prompt")).hasText("A lighthouse on a cliff at dawn");
            assertThat(detail).containsText("enterprise/image-2");
            assertThat(detail).containsText("Cr$ 0.16");
            page.waitForFunction("() => { const i = document.querySelector('#image-detail-picture');"
                    + " return i && i.complete && i.naturalWidth === 1024; }");
            BrowserSupport.screenshot(page, "gallery-detail");

            page.locator("#image-detail-edit-prompt textarea").fill("Make it night with stars");
            page.locator("#image-detail-edit").click();
            assertThat(page.locator("#image-detail-prompt")).hasText("Make it night with stars");
            assertThat(page.locator("#team-balance")).hasText("Cr$ 1.68");
            page.locator("#image-detail-close").click();

            Locator cards = page.locator(".gallery-card");
            assertThat(page.locator("vaadin-dialog-overlay")).isHidden();
            assertThat(cards).hasCount(2);
            assertThat(page.locator("#gallery-total")).hasText("2 images");
            assertThat(cards.first()).containsText("Make it night with stars");
            page.waitForFunction("() => [...document.querySelectorAll('.gallery-thumbnail')]"
                    + ".every(i => i.complete && i.naturalWidth > 0)");
            BrowserSupport.screenshot(page, "gallery");

            page.locator("#gallery-search input").fill("lighthouse");
            assertThat(page.locator("#gallery-total")).hasText("1 image");
            assertThat(cards).hasCount(1);
            page.locator("#gallery-search input").fill("submarine");
            assertThat(page.locator("#gallery-empty")).isVisible();
            page.locator("#gallery-search input").fill("");
            assertThat(cards).hasCount(2);

            String deleted = jdbc.sql("select id || '.' || extension from media_item where team_id = ? and prompt = ?")
                    .params(team.id().value(), "Make it night with stars")
                    .query(String.class)
                    .single();
            cards.first().click();
            page.locator("#image-detail-delete").click();
            page.locator("vaadin-button[slot='confirm-button']").click();
            assertThat(cards).hasCount(1);
            assertThat(page.locator("#gallery-total")).hasText("1 image");
            assertThat(HttpClient.newHttpClient()
                            .send(
                                    HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/media/" + deleted))
                                            .build(),
                                    HttpResponse.BodyHandlers.discarding())
                            .statusCode())
                    .as("a deleted image's link is gone")
                    .isEqualTo(404);
        }
        assertThat(jdbc.sql("select sum(total_cost) from usage_record where team_id = ?")
                        .param(team.id().value())
                        .query(BigDecimal.class)
                        .single())
                .isEqualByComparingTo("0.32");
    }

    @Test
    void aLargeGalleryLoadsAPageAtATimeAsItIsScrolled() {
        TeamSummary team = testTeams.create("Big gallery");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        int total = 2 * GalleryView.PAGE_SIZE + 7;
        byte[] png = TestImages.png(8, 8);
        actors.as(member, () -> {
            for (int i = 0; i < total; i++) {
                MediaUpload upload = media.newUpload();
                try (OutputStream out = upload.stream()) {
                    out.write(png);
                }
                media.store(
                        upload,
                        new NewMedia(
                                Caller.portal("req-big-" + team.id() + "-" + i, team.id(), null),
                                MediaKind.IMAGE,
                                "enterprise/image-2",
                                "Picture number " + i,
                                8,
                                8,
                                "image/png",
                                "png",
                                Credits.of("0.16"),
                                null));
            }
            return null;
        });
        Page page = chromium.open(port);
        try (BrowserContext context = page.context()) {
            ChromiumExtension.submitSignIn(page, member.getUsername(), TestTeams.PASSWORD);
            assertThat(page.locator("#team-balance")).isVisible();
            page.navigate("/gallery");

            Locator cards = page.locator(".gallery-card");
            assertThat(page.locator("#gallery-total")).hasText(total + " images");
            assertThat(cards).hasCount(GalleryView.PAGE_SIZE);
            assertThat(cards.first()).containsText("Picture number " + (total - 1));
            cards.last().scrollIntoViewIfNeeded();
            assertThat(cards).hasCount(2 * GalleryView.PAGE_SIZE);
            cards.last().scrollIntoViewIfNeeded();
            assertThat(cards).hasCount(total);
            assertThat(cards.last()).containsText("Picture number 0");
        }
    }
}
