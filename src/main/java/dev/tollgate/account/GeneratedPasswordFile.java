package dev.tollgate.account;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Where the first admin's generated password is handed over: a file in the data directory that only its owner can
 * read, rather than the log, which keeps no credential. It goes once the password has been changed.
 */
final class GeneratedPasswordFile {

    private final Path file;

    GeneratedPasswordFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** Writes the password, readable by the owner only from the moment the file exists. */
    void write(String email, String password) {
        try {
            Path directory = file.toAbsolutePath().getParent();
            Files.createDirectories(directory);
            Path staged = Files.createTempFile(directory, ".admin-password", ".tmp");
            try {
                try {
                    Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the data directory's own permissions apply
                }
                Files.writeString(staged, """
                        # The platform admin created on the first start. Sign in and change the password;
                        # this file is deleted when you do.
                        email: %s
                        password: %s
                        """.formatted(email, password));
                Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(staged);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the first admin's password to " + file, e);
        }
    }

    /** Removes the file, if it is still there. */
    void delete() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + file, e);
        }
    }
}
