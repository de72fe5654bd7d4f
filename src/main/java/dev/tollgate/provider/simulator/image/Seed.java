package dev.tollgate.provider.simulator.image;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Random;

/**
 * Randomness drawn from a SHA-256 digest of text, so the same words always paint the same picture. {@link Random}'s
 * sequence is fixed by its specification, unlike the faster generators'.
 */
record Seed(long value) {

    static Seed of(String... parts) {
        MessageDigest sha256 = sha256();
        for (String part : parts) {
            sha256.update(part.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        return new Seed(ByteBuffer.wrap(sha256.digest()).getLong());
    }

    Random random() {
        return new Random(value);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }
}
