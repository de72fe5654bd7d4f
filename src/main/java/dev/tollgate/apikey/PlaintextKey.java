package dev.tollgate.apikey;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * A key as the caller holds it: {@code vai-} and 40 base-62 characters (about 238 random bits). High entropy is
 * why a plain SHA-256 is the right hash here: there is nothing to brute-force, and lookups stay one index probe.
 */
record PlaintextKey(String value) {

    static final String PREFIX = "vai-";
    private static final int RANDOM_LENGTH = 40;
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern FORMAT = Pattern.compile("vai-[0-9A-Za-z]{" + RANDOM_LENGTH + "}");

    PlaintextKey {
        if (!isWellFormed(value)) {
            throw new IllegalArgumentException("Not a vai- key");
        }
    }

    static boolean isWellFormed(String candidate) {
        return FORMAT.matcher(candidate).matches();
    }

    static PlaintextKey generate(SecureRandom random) {
        StringBuilder key = new StringBuilder(PREFIX.length() + RANDOM_LENGTH).append(PREFIX);
        for (int i = 0; i < RANDOM_LENGTH; i++) {
            key.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return new PlaintextKey(key.toString());
    }

    String hash() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    String lastFour() {
        return value.substring(value.length() - 4);
    }

    /** Keeps the secret out of logs and exception messages. */
    @Override
    public String toString() {
        return PREFIX + "…" + lastFour();
    }
}
