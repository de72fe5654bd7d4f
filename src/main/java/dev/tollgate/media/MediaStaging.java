package dev.tollgate.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

/**
 * The local folder objects are written to before a {@link MediaStore} takes them over, whichever store that is: a
 * reader never sees half an object, and a failed request leaves nothing in the store.
 */
final class MediaStaging {

    private final Path directory;

    MediaStaging(Path directory, Clock clock) throws IOException {
        this.directory = Files.createDirectories(directory);
        removeAbandonedFiles(clock.instant().minus(Duration.ofDays(1)));
    }

    Path newFile() throws IOException {
        return Files.createTempFile(directory, "upload-", ".part");
    }

    Path directory() {
        return directory;
    }

    /**
     * Staging files left by an instance that stopped mid-write are never handed over; those older than a day are
     * removed at start (younger ones may belong to another instance sharing the directory, still writing).
     */
    private void removeAbandonedFiles(Instant cutoff) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }
}
