package dev.tollgate.video;

import java.security.SecureRandom;
import java.util.Optional;
import java.util.regex.Pattern;

/** A job's public id, {@code task_} and 24 random base62 characters, as the seed API's {@code task_xxx}. */
public record VideoJobId(String value) {

    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final Pattern FORM = Pattern.compile("task_[0-9A-Za-z]{24}");
    private static final SecureRandom RANDOM = new SecureRandom();

    public VideoJobId {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a video job id: " + value);
        }
    }

    public static VideoJobId random() {
        StringBuilder id = new StringBuilder("task_");
        for (int i = 0; i < 24; i++) {
            id.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return new VideoJobId(id.toString());
    }

    public static Optional<VideoJobId> tryParse(String value) {
        return FORM.matcher(value).matches() ? Optional.of(new VideoJobId(value)) : Optional.empty();
    }

    @Override
    public String toString() {
        return value;
    }
}
