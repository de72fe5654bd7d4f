package dev.tollgate.media;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

/**
 * Media on the local filesystem: objects spread over two-letter folders (so no folder grows huge), staged in
 * {@code .staging} on the same filesystem so handing an object over is an atomic rename.
 */
class FileSystemMediaStore implements MediaStore {

    private final Path root;
    private final MediaStaging staging;

    FileSystemMediaStore(Path root, MediaStaging staging) {
        this.root = root.toAbsolutePath().normalize();
        this.staging = staging;
    }

    @Override
    public Path stagingFile() throws IOException {
        return staging.newFile();
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
        String name = new MediaKey(key).value();
        return root.resolve(name.substring(0, 2)).resolve(name);
    }
}
