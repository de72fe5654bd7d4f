package dev.tollgate.provider.channel;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code tollgate.channels}. Model ids contain '/' and '.', which property binding strips from map keys
 * or splits into nested maps unless they are bracketed; {@link #modelIds} puts nested keys back together and the
 * catalog match ignores the stripped '/', so the plain YAML form works.
 *
 * @param apiKey the channel's secret (for Bedrock {@code accessKeyId:secretAccessKey}); sealed when stored
 * @param speaksResponses {@code speaks-responses}: the openai-compatible upstream serves the Responses API
 */
record ConfiguredChannel(
        String name,
        String kind,
        String baseUrl,
        @Nullable String apiKey,
        @Nullable String region,
        @Nullable Map<String, Object> models,
        @Nullable Integer priority,
        @Nullable Integer weight,
        @Nullable Duration connectTimeout,
        @Nullable Duration timeout,
        @Nullable Boolean enabled,
        @Nullable Boolean speaksResponses) {

    /** The models map flattened: nested maps from dotted keys joined back with '.'. */
    Map<String, String> modelIds() {
        Map<String, String> flat = new LinkedHashMap<>();
        if (models != null) {
            flatten("", models, flat);
        }
        return flat;
    }

    private static void flatten(String prefix, Map<?, ?> map, Map<String, String> into) {
        map.forEach((key, value) -> {
            String name = prefix.isEmpty() ? String.valueOf(key) : prefix + "." + key;
            if (value instanceof Map<?, ?> nested) {
                flatten(name, nested, into);
            } else {
                into.put(name, value == null ? "" : String.valueOf(value));
            }
        });
    }

    @Override
    public String toString() {
        return "ConfiguredChannel[name=" + name + ", kind=" + kind + ", baseUrl=" + baseUrl + ", apiKey="
                + (apiKey == null ? "none" : "******") + "]";
    }
}
