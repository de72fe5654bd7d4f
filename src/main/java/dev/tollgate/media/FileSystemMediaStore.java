package dev.tollgate.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.stereotype.Component;

/**
 * Media on the local filesystem: objects spread over two-letter folders (so no folder grows huge), staged in
 * {@code .staging} on the same filesystem so handing an object over is an atomic rename.
 */
@Component
class FileSystemMediaStore implements MediaStore {

    private final Path root;
    private final Path staging;

    FileSystemMediaStore(MediaProperties properties) throws IOException {
        this.root = properties.directory().toAbsolutePath().normalize();
        this.staging = root.resolve(".staging");
        Files.createDirectories(staging);
        removeAbandonedStagingFiles();
    }

    /**
     * Staging files left by an instance that stopped mid-write are never handed over; those older than a day are
     * removed at start (younger ones may belong to another instance sharing the directory, still writing).
     */
    private void removeAbandonedStagingFiles() throws IOException {
        Instant cutoff = Instant.now().minus(Duration.ofDays(1));
        try (Stream<Path> files = Files.list(staging)) {
            for (Path file : files.toList()) {
                if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff)) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    @Override
    public Path stagingFile() throws IOException {
        return Files.createTempFile(staging, "upload-", ".part");
    }

    @Override
    public void put(String key, Path staged) throws IOException {
        Path target = pathOf(key);
        Files.createDirectories(target.getParent());
        Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Optional<Resource> get(String key) {
        Path path = pathOf(key);
        return Files.isRegularFile(path) ? Optional.of(new FileSystemResource(path)) : Optional.empty();
    }

    @Override
    public void delete(String key) throws IOException {
        Files.deleteIfExists(pathOf(key));
    }

    private Path pathOf(String key) {
        if (!key.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
            throw new IllegalArgumentException("Not a media key: " + key);
        }
        return root.resolve(key.substring(0, 2)).resolve(key);
    }
}
