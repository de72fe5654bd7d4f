package dev.tollgate.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileSystemMediaStoreTests {

    @TempDir
    Path root;

    @Test
    void aStagedFileIsHandedOverWholeAndCanBeReadAndDeleted() throws IOException {
        FileSystemMediaStore store = new FileSystemMediaStore(new MediaProperties(root, 384));
        Path staged = store.stagingFile();
        Files.writeString(staged, "bytes");

        store.put("AbCdEfGhIjKlMnOpQrStUvWx.png", staged);

        assertThat(staged).doesNotExist();
        assertThat(store.get("AbCdEfGhIjKlMnOpQrStUvWx.png").orElseThrow().getContentAsByteArray())
                .asString()
                .isEqualTo("bytes");
        assertThat(root.resolve("Ab").resolve("AbCdEfGhIjKlMnOpQrStUvWx.png")).exists();
        store.delete("AbCdEfGhIjKlMnOpQrStUvWx.png");
        assertThat(store.get("AbCdEfGhIjKlMnOpQrStUvWx.png")).isEmpty();
    }

    @Test
    void keysCannotReachOutsideTheStore() throws IOException {
        FileSystemMediaStore store = new FileSystemMediaStore(new MediaProperties(root, 384));

        assertThatThrownBy(() -> store.get("../../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> store.delete("a/b")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void stagingFilesAbandonedLongAgoAreRemovedAtStartButRecentOnesAreLeft() throws IOException {
        Path staging = Files.createDirectories(root.resolve(".staging"));
        Path old = Files.writeString(staging.resolve("upload-old.part"), "half");
        Files.setLastModifiedTime(old, FileTime.from(Instant.now().minus(Duration.ofDays(2))));
        Path recent = Files.writeString(staging.resolve("upload-recent.part"), "writing");

        new FileSystemMediaStore(new MediaProperties(root, 384));

        assertThat(old).doesNotExist();
        assertThat(recent).exists();
    }
}
