package dev.tollgate.media;

import java.util.regex.Pattern;

/**
 * The name of a stored object, as every {@link MediaStore} accepts it: two or more letters, digits, dots, dashes and
 * underscores, starting with a letter or digit, so no key can name a folder above the store's own or another prefix of a
 * bucket.
 */
record MediaKey(String value) {

    private static final Pattern FORM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]+");

    MediaKey {
        if (!FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a media key: " + value);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
