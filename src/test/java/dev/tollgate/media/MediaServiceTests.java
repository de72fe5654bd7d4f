package dev.tollgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.account.UserId;
import dev.tollgate.caller.Caller;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestImages;
import dev.tollgate.support.TestTeams;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetails;

/** Stored media belongs to one team: only its members find it, only its maker or an admin deletes it. */
@IntegrationTest
class MediaServiceTests {

    @Autowired
    MediaService media;

    @Autowired
    MediaProperties properties;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Test
    void anotherTeamCannotFindListOrDeleteAnImage() throws Exception {
        TeamSummary owner = testTeams.create("Media owner");
        TeamSummary other = testTeams.create("Media other");
        UserDetails maker = testTeams.addPerson(owner, TeamRole.MEMBER);
        UserDetails outsider = testTeams.addPerson(other, TeamRole.OWNER);
        MediaItem item = actors.as(maker, () -> store(owner, maker, "A private picture"));

        actors.as(outsider, () -> {
            assertThatThrownBy(() -> media.find(owner.id(), item.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> media.page(owner.id(), MediaQuery.all(MediaKind.IMAGE), null, 10))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> media.delete(owner.id(), item.id())).isInstanceOf(AccessDeniedException.class);
            assertThat(media.find(other.id(), item.id()))
                    .as("asking under one's own team finds nothing either")
                    .isEmpty();
            assertThat(media.page(other.id(), MediaQuery.all(MediaKind.IMAGE), null, 10))
                    .isEmpty();
        });
        assertThat(media.content(item.id())).as("the bytes stay served").isPresent();
    }

    @Test
    void onlyTheMakerOrATeamAdminDeletesAndDeletingRemovesTheBytes() throws Exception {
        TeamSummary team = testTeams.create("Media delete");
        UserDetails maker = testTeams.addPerson(team, TeamRole.MEMBER);
        UserDetails colleague = testTeams.addPerson(team, TeamRole.MEMBER);
        UserDetails admin = testTeams.addPerson(team, TeamRole.ADMIN);
        MediaItem first = actors.as(maker, () -> store(team, maker, "First"));
        MediaItem second = actors.as(maker, () -> store(team, maker, "Second"));

        actors.as(
                colleague,
                () -> assertThatThrownBy(() -> media.delete(team.id(), first.id()))
                        .isInstanceOf(MediaAccessDeniedException.class));
        actors.as(maker, () -> media.delete(team.id(), first.id()));
        actors.as(admin, () -> media.delete(team.id(), second.id()));

        assertThat(media.content(first.id())).isEmpty();
        assertThat(media.content(second.id())).isEmpty();
        try (var files = Files.walk(properties.directory())) {
            assertThat(files.map(Path::getFileName).map(Path::toString))
                    .noneMatch(name -> name.startsWith(first.id().value())
                            || name.startsWith(second.id().value()));
        }
        actors.as(maker, () -> {
            assertThat(media.find(team.id(), first.id())).isEmpty();
            assertThatThrownBy(() -> media.delete(team.id(), first.id())).isInstanceOf(MediaNotFoundException.class);
        });
    }

    @Test
    void pagesAreNewestFirstAndFiltersCombine() throws Exception {
        TeamSummary team = testTeams.create("Media pages");
        UserDetails maker = testTeams.addPerson(team, TeamRole.MEMBER);
        for (int i = 0; i < 7; i++) {
            String prompt = (i % 2 == 0 ? "Blue whale " : "Red fox ") + i;
            actors.as(maker, () -> store(team, maker, prompt));
        }

        actors.as(maker, () -> {
            List<MediaItem> firstPage = media.page(team.id(), MediaQuery.all(MediaKind.IMAGE), null, 4);
            List<MediaItem> secondPage = media.page(team.id(), MediaQuery.all(MediaKind.IMAGE), firstPage.getLast(), 4);
            assertThat(firstPage)
                    .extracting(MediaItem::prompt)
                    .containsExactly("Blue whale 6", "Red fox 5", "Blue whale 4", "Red fox 3");
            assertThat(secondPage)
                    .extracting(MediaItem::prompt)
                    .containsExactly("Blue whale 2", "Red fox 1", "Blue whale 0");
            MediaQuery whales = new MediaQuery(MediaKind.IMAGE, "WHALE blue", null, null, null);
            assertThat(media.count(team.id(), whales)).isEqualTo(4);
            assertThat(media.count(team.id(), new MediaQuery(MediaKind.IMAGE, "100%_", null, null, null)))
                    .as("LIKE wildcards in a search are plain text")
                    .isZero();
            assertThat(media.count(team.id(), new MediaQuery(MediaKind.IMAGE, null, "other/model", null, null)))
                    .isZero();
            assertThat(media.count(
                            team.id(),
                            new MediaQuery(
                                    MediaKind.IMAGE, null, null, Instant.now().plusSeconds(60), null)))
                    .isZero();
        });
    }

    private MediaItem store(TeamSummary team, UserDetails maker, String prompt) throws IOException {
        MediaUpload upload = media.newUpload();
        try (OutputStream out = upload.stream()) {
            out.write(TestImages.png(16, 16));
        }
        UUID userId = jdbc.sql("select id from app_user where email = ?")
                .param(maker.getUsername())
                .query(UUID.class)
                .single();
        MediaItem item = media.store(
                upload,
                new NewMedia(
                        Caller.portal("req-" + UUID.randomUUID(), team.id(), new UserId(userId)),
                        MediaKind.IMAGE,
                        "enterprise/image-2",
                        prompt,
                        16,
                        16,
                        "image/png",
                        "png",
                        Credits.of("0.16"),
                        null));
        sleepPastTheClockTick();
        return item;
    }

    private static void sleepPastTheClockTick() {
        try {
            Thread.sleep(2);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
