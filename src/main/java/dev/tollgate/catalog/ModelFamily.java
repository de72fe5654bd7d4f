package dev.tollgate.catalog;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Claude families the family rule knows. A native id belongs to a family when it starts with {@code claude-} and
 * names the family as one of its dash-separated parts, which covers both {@code claude-opus-4-1-20250805} and the
 * older {@code claude-3-5-sonnet-20241022} form.
 */
enum ModelFamily {
    OPUS,
    SONNET,
    HAIKU;

    /** A catalog model's version, read from its id's last part: {@code aws/claude-sonnet-4-6} is Sonnet 4.6. */
    private static final Pattern CATALOG_VERSION =
            Pattern.compile("claude-([a-z]+)-(\\d{1,6})(?:-(\\d{1,6}))?(?:-\\d{8})?");

    private final String word = name().toLowerCase(Locale.ROOT);

    /** The family a requested native id belongs to; ids with a provider prefix are never matched. */
    static Optional<ModelFamily> ofRequested(String requested) {
        if (!requested.startsWith("claude-") || requested.contains("/")) {
            return Optional.empty();
        }
        List<String> parts = List.of(requested.split("-"));
        return Arrays.stream(values())
                .filter(family -> parts.contains(family.word))
                .findFirst();
    }

    /**
     * The newest of this family's chat models in {@code models}: the highest version in the id, compared as numbers
     * ({@code 4-10} is newer than {@code 4-9}); of two with the same version, the one earlier in the price list.
     */
    Optional<CatalogModel> newestIn(List<CatalogModel> models) {
        return models.stream()
                .filter(model -> model.kind() == ModelKind.CHAT)
                .flatMap(model -> versionOf(model).stream().map(version -> new Versioned(model, version)))
                .max(Comparator.comparingInt((Versioned candidate) -> candidate.version()[0])
                        .thenComparingInt(candidate -> candidate.version()[1])
                        .thenComparing(candidate -> -models.indexOf(candidate.model())))
                .map(Versioned::model);
    }

    private Optional<int[]> versionOf(CatalogModel model) {
        String id = model.id().value();
        Matcher matcher = CATALOG_VERSION.matcher(id.substring(id.lastIndexOf('/') + 1));
        if (!matcher.matches() || !matcher.group(1).equals(word)) {
            return Optional.empty();
        }
        int minor = matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3));
        return Optional.of(new int[] {Integer.parseInt(matcher.group(2)), minor});
    }

    private record Versioned(CatalogModel model, int[] version) {}
}
