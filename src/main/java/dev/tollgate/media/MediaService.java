package dev.tollgate.media;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Service;

/**
 * Stores what the gateway produced and finds it again for the team that owns it. Every team-facing method checks the
 * caller's membership; bytes are served by unguessable id alone.
 */
@Service
public class MediaService {

    private static final Logger log = LoggerFactory.getLogger(MediaService.class);

    private final MediaStore store;
    private final MediaRepository items;
    private final Thumbnails thumbnails;
    private final TeamAccess access;
    private final Clock clock;

    MediaService(MediaStore store, MediaRepository items, MediaProperties properties, TeamAccess access, Clock clock) {
        this.store = store;
        this.items = items;
        this.thumbnails = new Thumbnails(properties.thumbnailSize());
        this.access = access;
        this.clock = clock;
    }

    /** A staged object to write bytes to, before {@link #store} or {@link #discard}. */
    public MediaUpload newUpload() {
        try {
            return new MediaUpload(store.stagingFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage media", e);
        }
    }

    /** Drops an upload that will not be stored. */
    public void discard(MediaUpload upload) {
        try {
            Files.deleteIfExists(upload.staged());
        } catch (IOException e) {
            log.warn("Could not remove staged media {}", upload.staged(), e);
        }
    }

    /**
     * Keeps a complete upload under a new unguessable id, with a thumbnail for images, and records it. The caller must
     * be a member of the team.
     */
    public MediaItem store(MediaUpload upload, NewMedia media) {
        access.require(media.team(), TeamRole.MEMBER);
        MediaId id = MediaId.random();
        boolean thumbnail = media.kind() == MediaKind.IMAGE && writeThumbnail(id, upload.staged());
        MediaItem item = new MediaItem(
                id,
                media.caller(),
                media.kind(),
                media.model(),
                media.prompt(),
                media.width(),
                media.height(),
                media.mediaType(),
                media.extension(),
                upload.length(),
                upload.checksum(),
                media.cost(),
                media.editedFrom(),
                thumbnail,
                clock.instant());
        try {
            store.put(item.fileName(), upload.staged());
            items.insert(item);
        } catch (IOException | RuntimeException e) {
            deleteObjects(item);
            discard(upload);
            throw e instanceof IOException io
                    ? new UncheckedIOException("Cannot store media", io)
                    : (RuntimeException) e;
        }
        return item;
    }

    /** Stores a video's poster frame as its thumbnail, which the gallery then shows in place of the video. */
    public void storePoster(MediaId id, BufferedImage poster) {
        try {
            Path staged = store.stagingFile();
            thumbnails.write(poster, staged);
            store.put(thumbnailKey(id), staged);
            items.markHasThumbnail(id);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot store a poster frame", e);
        }
    }

    public Optional<MediaItem> find(TeamId team, MediaId id) {
        access.require(team, TeamRole.MEMBER);
        return items.findLive(team, id);
    }

    /** A page of the team's items, newest first, continuing after {@code after} when given. */
    public List<MediaItem> page(TeamId team, MediaQuery query, @Nullable MediaItem after, int limit) {
        access.require(team, TeamRole.MEMBER);
        return items.page(team, query, after, Math.min(limit, 500));
    }

    public long count(TeamId team, MediaQuery query) {
        access.require(team, TeamRole.MEMBER);
        return items.count(team, query);
    }

    /** The models the team has media of, for filters. */
    public List<String> models(TeamId team, MediaKind kind) {
        access.require(team, TeamRole.MEMBER);
        return items.models(team, kind);
    }

    /**
     * Whether the current caller may delete the item: who made it, a team admin, or a caller acting for the team as a
     * whole (its API keys, as the providers' APIs let any key of a project delete its videos; work done for the team).
     */
    public boolean canDelete(MediaItem item) {
        TeamRole role = access.require(item.team(), TeamRole.MEMBER);
        return role.isAtLeast(TeamRole.ADMIN)
                || access.isTeamPrincipal()
                || (item.caller().user() != null
                        && access.currentUserId()
                                .filter(item.caller().user()::equals)
                                .isPresent());
    }

    /** Removes the item's bytes and thumbnail; its id answers 404 from then on. */
    public void delete(TeamId team, MediaId id) {
        MediaItem item = find(team, id).orElseThrow(() -> new MediaNotFoundException(id));
        if (!canDelete(item)) {
            throw new MediaAccessDeniedException("Only whoever made this, or a team admin, can delete it.");
        }
        if (items.markDeleted(id, clock.instant())) {
            deleteObjects(item);
        }
    }

    /** The item's bytes, for editing it; at most {@code limit} bytes. */
    public byte[] read(TeamId team, MediaId id, long limit) {
        MediaItem item = find(team, id).orElseThrow(() -> new MediaNotFoundException(id));
        if (item.bytes() > limit) {
            throw new IllegalArgumentException("The stored image is larger than " + limit + " bytes");
        }
        Resource resource = store.get(item.fileName()).orElseThrow(() -> new MediaNotFoundException(id));
        try (InputStream in = resource.getInputStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read media " + id, e);
        }
    }

    /** Opens the item's bytes for reading; the caller closes the stream. */
    public InputStream open(MediaItem item) {
        access.require(item.team(), TeamRole.MEMBER);
        Resource resource = store.get(item.fileName()).orElseThrow(() -> new MediaNotFoundException(item.id()));
        try {
            return resource.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read media " + item.id(), e);
        }
    }

    /** The live item and its bytes, by id alone (the id is the capability). */
    Optional<Served> content(MediaId id) {
        return items.findLive(id).flatMap(item -> store.get(item.fileName()).map(bytes -> new Served(item, bytes)));
    }

    Optional<Served> thumbnail(MediaId id) {
        return items.findLive(id).flatMap(item -> store.get(thumbnailKey(id)).map(bytes -> new Served(item, bytes)));
    }

    record Served(MediaItem item, Resource bytes) {}

    private boolean writeThumbnail(MediaId id, Path image) {
        try {
            Path staged = store.stagingFile();
            try {
                thumbnails.fromImageFile(image, staged);
                store.put(thumbnailKey(id), staged);
                return true;
            } finally {
                Files.deleteIfExists(staged);
            }
        } catch (IOException | RuntimeException e) {
            log.warn("No thumbnail for media {}: {}", id, e.getMessage());
            return false;
        }
    }

    private void deleteObjects(MediaItem item) {
        try {
            store.delete(item.fileName());
            store.delete(thumbnailKey(item.id()));
        } catch (IOException e) {
            log.warn("Could not remove the bytes of media {}", item.id(), e);
        }
    }

    private static String thumbnailKey(MediaId id) {
        return id + ".thumb.jpg";
    }
}
