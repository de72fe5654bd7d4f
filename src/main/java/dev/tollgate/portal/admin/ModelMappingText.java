package dev.tollgate.portal.admin;

import dev.tollgate.provider.channel.InvalidChannelException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A channel's model mapping as the dialog edits it: one {@code catalog-id = upstream-id} per line, or a catalog id
 * alone when the upstream uses the same id.
 */
final class ModelMappingText {

    private ModelMappingText() {}

    static String format(Map<String, String> models) {
        return models.entrySet().stream()
                .map(e -> e.getKey().equals(e.getValue()) ? e.getKey() : e.getKey() + " = " + e.getValue())
                .collect(Collectors.joining("\n"));
    }

    static Map<String, String> parse(String text) {
        Map<String, String> models = new LinkedHashMap<>();
        int number = 0;
        for (String line : text.split("\\R")) {
            number++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] sides = trimmed.split("=", 2);
            String catalogId = sides[0].strip();
            String upstream = sides.length == 2 ? sides[1].strip() : catalogId;
            if (catalogId.isEmpty() || upstream.isEmpty()) {
                throw new InvalidChannelException(
                        "Models, line " + number + ": write 'catalog-id = upstream-id', or the catalog id alone");
            }
            if (models.put(catalogId, upstream) != null) {
                throw new InvalidChannelException("Models, line " + number + ": '" + catalogId + "' is mapped twice");
            }
        }
        return models;
    }
}
