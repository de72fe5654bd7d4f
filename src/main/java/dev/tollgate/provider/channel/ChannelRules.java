package dev.tollgate.provider.channel;

import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.text.StorableText;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What makes a channel draft storable; every refusal names the field and what is expected. The built-in simulator's
 * draft is held to its fixed settings: only its switch differs from one draft to the next.
 */
@Component
class ChannelRules {

    /** The largest priority an administrator can give (tried last among real channels). */
    static final int LAST_PRIORITY = 1000;

    private static final String ONE_SIMULATOR =
            "Kind: there is one built-in simulator, and it is always there; switch it on or off instead";

    private static final String SPEAKS_RESPONSES =
            "Speaks Responses: only openai-compatible channels can send the Responses API on as sent; ";

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,79}");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d");
    private static final Pattern UPSTREAM_MODEL = Pattern.compile("[^\\s]{1,200}");
    private static final Duration LONGEST_TIMEOUT = Duration.ofMinutes(10);
    private static final Duration SHORTEST_TIMEOUT = Duration.ofMillis(100);
    private static final int LONGEST_SECRET = 4096;

    private final Catalog catalog;

    ChannelRules(Catalog catalog) {
        this.catalog = catalog;
    }

    /** A draft for a new channel, which is never a simulator: the one there is exists from the first start. */
    Checked checkNew(ChannelDraft draft) {
        if (draft.kind().builtIn()) {
            throw new InvalidChannelException(ONE_SIMULATOR);
        }
        return check(draft);
    }

    /** A draft replacing a stored channel: the simulator stays the simulator, and no other channel becomes one. */
    Checked checkChange(ChannelRow stored, ChannelDraft draft) {
        if (stored.kind().builtIn() && !draft.kind().builtIn()) {
            throw new InvalidChannelException(
                    "Kind: the built-in simulator stays a simulator; switching it on or off is all that changes");
        }
        if (!stored.kind().builtIn() && draft.kind().builtIn()) {
            throw new InvalidChannelException(ONE_SIMULATOR);
        }
        return check(draft);
    }

    /** The draft's fields checked and normalised; the secret is left to the caller to seal. */
    Checked check(ChannelDraft draft) {
        if (draft.kind().builtIn()) {
            return checkSimulator(draft);
        }
        String name = draft.name().strip();
        if (!NAME.matcher(name).matches()) {
            throw new InvalidChannelException(
                    "Name: 1 to 80 letters, digits, '.', '_' or '-', starting with a letter " + "or digit");
        }
        if (name.equalsIgnoreCase(SimulatorChannel.NAME)) {
            // usage rows and video jobs name the simulator so; a channel may not pose as it
            throw new InvalidChannelException("Name: '" + SimulatorChannel.NAME + "' is the built-in simulator's");
        }
        URI baseUrl = baseUrl(draft.baseUrl());
        String region = region(draft.kind(), draft.region());
        if (draft.secret() != null
                && (draft.secret().isBlank() || draft.secret().length() > LONGEST_SECRET)) {
            throw new InvalidChannelException("Secret: not blank and at most " + LONGEST_SECRET + " characters");
        }
        if (draft.priority() < 0 || draft.priority() > LAST_PRIORITY) {
            throw new InvalidChannelException("Priority: 0 (tried first) to " + LAST_PRIORITY);
        }
        if (draft.weight() < 1 || draft.weight() > 1000) {
            throw new InvalidChannelException("Weight: 1 to 1000");
        }
        timeout("Connect timeout", draft.connectTimeout());
        timeout("Timeout", draft.timeout());
        if (draft.speaksResponses() && draft.kind() != ChannelKind.OPENAI_COMPATIBLE) {
            throw new InvalidChannelException(SPEAKS_RESPONSES + draft.kind().id() + " channels speak their own API");
        }
        return new Checked(name, baseUrl, region, models(draft));
    }

    record Checked(
            String name, @Nullable URI baseUrl, @Nullable String region, Map<String, String> models) {}

    /**
     * The simulator calls no upstream and serves every model after every other channel, so it has no address, secret
     * or model list, and its place in the order is fixed; a draft that says otherwise is refused by its first field.
     */
    private static Checked checkSimulator(ChannelDraft draft) {
        ChannelDraft fixed = SimulatorChannel.draft(draft.enabled());
        if (!draft.name().strip().equals(fixed.name())) {
            throw new InvalidChannelException(
                    "Name: the built-in simulator keeps its name '" + fixed.name() + "' (usage and videos record it)");
        }
        if (!draft.baseUrl().isBlank()
                || draft.secret() != null
                || (draft.region() != null && !draft.region().isBlank())) {
            throw new InvalidChannelException(
                    "Base URL, Secret, Region: the built-in simulator calls no upstream and takes none");
        }
        if (!draft.models().isEmpty()) {
            throw new InvalidChannelException(
                    "Models: the built-in simulator serves every catalog model no enabled channel serves; it takes no"
                            + " list");
        }
        if (draft.priority() != fixed.priority()) {
            throw new InvalidChannelException(
                    "Priority: the built-in simulator always comes after every other channel (" + fixed.priority()
                            + ")");
        }
        if (draft.speaksResponses()) {
            throw new InvalidChannelException(SPEAKS_RESPONSES + "the built-in simulator calls no upstream");
        }
        if (draft.weight() != fixed.weight()) {
            throw new InvalidChannelException("Weight: the built-in simulator's is " + fixed.weight());
        }
        if (!draft.connectTimeout().equals(fixed.connectTimeout())
                || !draft.timeout().equals(fixed.timeout())) {
            throw new InvalidChannelException(
                    "Timeout: the built-in simulator answers in the application; its timeouts do not change");
        }
        return new Checked(fixed.name(), null, null, Map.of());
    }

    private static URI baseUrl(String text) {
        URI uri;
        try {
            uri = new URI(text.strip());
        } catch (URISyntaxException e) {
            throw new InvalidChannelException("Base URL: not a URL (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
            throw new InvalidChannelException(
                    "Base URL: an http:// or https:// address, e.g. https://api.openai.com/v1");
        }
        if (uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw new InvalidChannelException("Base URL: no credentials, query or fragment; put the key in Secret");
        }
        return uri;
    }

    private static @Nullable String region(ChannelKind kind, @Nullable String region) {
        String trimmed = region == null ? "" : region.strip();
        if (kind == ChannelKind.BEDROCK && !REGION.matcher(trimmed).matches()) {
            throw new InvalidChannelException("Region: Bedrock channels need an AWS region, e.g. us-east-1");
        }
        return trimmed.isEmpty() ? null : trimmed;
    }

    private Map<String, String> models(ChannelDraft draft) {
        if (draft.models().isEmpty()) {
            throw new InvalidChannelException("Models: map at least one catalog model to the upstream's id for it");
        }
        Map<String, String> models = new LinkedHashMap<>();
        draft.models().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> {
            CatalogModel model = ModelId.tryParse(entry.getKey().strip())
                    .flatMap(catalog::find)
                    .orElseThrow(() -> new InvalidChannelException(
                            "Models: '" + entry.getKey() + "' is not a model of the catalog"));
            if (!draft.kind().serves(model.kind())) {
                throw new InvalidChannelException("Models: " + draft.kind() + " channels cannot serve "
                        + model.kind().label().toLowerCase(Locale.ROOT) + " model '" + model.id() + "'");
            }
            String upstream = entry.getValue() == null || entry.getValue().isBlank()
                    ? model.id().value()
                    : entry.getValue().strip();
            if (!UPSTREAM_MODEL.matcher(upstream).matches() || !StorableText.isStorable(upstream)) {
                throw new InvalidChannelException("Models: the upstream id for '" + model.id()
                        + "' has spaces or control characters, or is too long");
            }
            models.put(model.id().value(), upstream);
        });
        return models;
    }

    private static void timeout(String field, Duration value) {
        if (value.compareTo(SHORTEST_TIMEOUT) < 0 || value.compareTo(LONGEST_TIMEOUT) > 0) {
            throw new InvalidChannelException(field + ": 100 ms to 10 minutes");
        }
    }
}
