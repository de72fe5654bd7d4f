package dev.tollgate.secret;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the AES-256 key: the configured one, else the one generated earlier into the key file, else a new one written
 * there. Losing the generated file makes stored secrets unreadable, so its path is logged when it is made.
 */
final class SealingKeySource {

    private static final Logger log = LoggerFactory.getLogger(SealingKeySource.class);
    static final int KEY_BYTES = 32;

    private SealingKeySource() {}

    static SecretKey load(SecretProperties properties, SecureRandom random) {
        if (!properties.key().isBlank()) {
            return decode(properties.key().strip(), "TOLLGATE_SECRET_KEY");
        }
        Path file = properties.keyFile().toAbsolutePath().normalize();
        try {
            if (Files.exists(file)) {
                return decode(Files.readString(file).strip(), file.toString());
            }
            return generate(file, random);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the secret key file " + file, e);
        }
    }

    private static SecretKey generate(Path file, SecureRandom random) throws IOException {
        byte[] key = new byte[KEY_BYTES];
        random.nextBytes(key);
        Files.createDirectories(file.getParent());
        Path staged = Files.createTempFile(file.getParent(), ".secret-key", ".tmp");
        try {
            restrictToOwner(staged);
            Files.writeString(staged, Base64.getEncoder().encodeToString(key) + "\n");
            try {
                Files.move(staged, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException raced) {
                // another instance sharing the data directory made it first: use theirs
                return decode(Files.readString(file).strip(), file.toString());
            }
        } finally {
            Files.deleteIfExists(staged);
        }
        log.info("Generated the key that seals stored secrets at {}; back it up with the database", file);
        return new SecretKeySpec(key, "AES");
    }

    private static void restrictToOwner(Path path) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the data directory's own permissions apply
        }
    }

    private static SecretKey decode(String base64, String source) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new InvalidSecretKeyException("The secret key in " + source + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new InvalidSecretKeyException("The secret key in " + source + " must be 32 bytes (base64 of 44 "
                    + "characters, e.g. from `openssl rand -base64 32`); it is " + key.length);
        }
        return new SecretKeySpec(key, "AES");
    }
}
