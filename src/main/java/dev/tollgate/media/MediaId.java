package dev.tollgate.media;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A stored object's public id: 24 base62 characters from a secure random source (about 142 bits), so a media URL
 * cannot be guessed and needs no sign-in to fetch.
 */
public record MediaId(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int LENGTH = 24;
    private static final Pattern FORM = Pattern.compile("[0-9A-Za-z]{" + LENGTH + "}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public MediaId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a media id: " + value);
        }
    }

    static MediaId random() {
        StringBuilder id = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new MediaId(id.toString());
    }

    public static Optional<MediaId> tryParse(String value) {
        return FORM.matcher(value).matches() ? Optional.of(new MediaId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
