package dev.tollgate.catalog;

import java.util.Objects;
import java.util.regex.Pattern;

/** A catalog model id such as {@code aws/claude-sonnet-4-6}: a provider prefix and a name. */
public record ModelId(String value) {

    private static final Pattern FORMAT = Pattern.compile("[a-z0-9][a-z0-9._-]*(/[a-z0-9][a-z0-9._-]*)*");

    public ModelId {
        Objects.requireNonNull(value, "value");
        if (value.length() > 100 || !FORMAT.matcher(value).matches()) {
            throw new IllegalArgumentException("Not a model id: " + value);
        }
    }

    /** A model id, or empty when the text cannot be one (so callers can answer "unknown model"). */
    public static java.util.Optional<ModelId> tryParse(String value) {
        return value.length() <= 100 && FORMAT.matcher(value).matches()
                ? java.util.Optional.of(new ModelId(value))
                : java.util.Optional.empty();
    }

    /** The part before the first slash, shown as the model's owner ({@code aws}, {@code enterprise}). */
    public String owner() {
        int slash = value.indexOf('/');
        return slash < 0 ? "tollgate" : value.substring(0, slash);
    }

    @Override
    public String toString() {
        return value;
    }
}
