package dev.tollgate.media;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemMediaStoreTests extends MediaStoreContract {

    @TempDir
    Path root;

    private FileSystemMediaStore store;

    @BeforeEach
    void emptyStore() throws IOException {
        store = new FileSystemMediaStore(root, new MediaStaging(root.resolve(".staging"), Clock.systemUTC()));
    }

    @Override
    MediaStore store() {
        return store;
    }

    @Test
    void objectsAreSpreadOverTwoLetterFolders() throws IOException {
        Path staged = store.stagingFile();
        Files.writeString(staged, "bytes");

        store.put("AbCdEfGhIjKlMnOpQrStUvWx.png", staged);

        assertThat(root.resolve("Ab").resolve("AbCdEfGhIjKlMnOpQrStUvWx.png")).hasContent("bytes");
    }

    @Test
    void stagingFilesAbandonedLongAgoAreRemovedAtStartButRecentOnesAreLeft() throws IOException {
        Path staging = Files.createDirectories(root.resolve(".staging"));
        Path old = Files.writeString(staging.resolve("upload-old.part"), "half");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.writeString(staging.resolve("upload-recent.part"), "writing");

        new MediaStaging(staging, Clock.systemUTC());

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }
}
