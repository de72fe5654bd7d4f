package dev.tollgate.provider.channel;

import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.provider.simulator.SimulatorProperties;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Brings the stored channels in step with the configuration before the application serves anything: entries of
 * {@code tollgate.channels} are added, changed ones updated, removed ones deleted, and a bad entry stops start-up with
 * what to fix; the simulator's channel is made if missing, and switched as {@code tollgate.simulator.enabled} says when
 * that is set.
 */
@Component
class ConfiguredChannels implements SmartInitializingSingleton {

    private final ChannelsProperties properties;
    private final SimulatorProperties simulator;
    private final ChannelService channels;
    private final Catalog catalog;

    ConfiguredChannels(
            ChannelsProperties properties, SimulatorProperties simulator, ChannelService channels, Catalog catalog) {
        this.properties = properties;
        this.simulator = simulator;
        this.channels = channels;
        this.catalog = catalog;
    }

    @Override
    public void afterSingletonsInstantiated() {
        List<ChannelDraft> drafts =
                properties.configured().stream().map(this::draft).toList();
        channels.replaceConfigured(drafts);
        channels.keepSimulator(simulator.enabled());
    }

    private ChannelDraft draft(ConfiguredChannel entry) {
        String where = "tollgate.channels '" + entry.name() + "': ";
        ChannelKind kind = ChannelKind.fromId(entry.kind() == null ? "" : entry.kind())
                .orElseThrow(() -> new InvalidChannelException(where + "kind '" + entry.kind()
                        + "' is none of openai-compatible, anthropic, bedrock, gemini-image, seedance"));
        if (kind.builtIn()) {
            throw new InvalidChannelException(where + "the built-in simulator is always there and is not configured"
                    + " here; switch it with tollgate.simulator.enabled (TOLLGATE_SIMULATOR_ENABLED)");
        }
        return new ChannelDraft(
                entry.name(),
                kind,
                entry.baseUrl() == null ? "" : entry.baseUrl(),
                entry.region(),
                entry.apiKey() == null || entry.apiKey().isBlank() ? null : entry.apiKey(),
                catalogIds(entry.modelIds()),
                entry.priority() == null ? 0 : entry.priority(),
                entry.weight() == null ? 1 : entry.weight(),
                entry.connectTimeout() == null ? ChannelDraft.DEFAULT_CONNECT_TIMEOUT : entry.connectTimeout(),
                entry.timeout() == null ? ChannelDraft.DEFAULT_TIMEOUT : entry.timeout(),
                entry.enabled() == null || entry.enabled(),
                Boolean.TRUE.equals(entry.speaksResponses()));
    }

    /** Keys as binding left them, matched to catalog ids with the characters binding strips ignored. */
    private Map<String, String> catalogIds(Map<String, String> models) {
        Map<String, String> byCatalogId = new LinkedHashMap<>();
        models.forEach((key, upstream) -> byCatalogId.put(catalogId(key), upstream));
        return byCatalogId;
    }

    private String catalogId(String key) {
        String wanted = bindingForm(key);
        return catalog.all().stream()
                .map(CatalogModel::id)
                .map(id -> id.value())
                .filter(id -> id.equals(key) || bindingForm(id).equals(wanted))
                .findFirst()
                .orElse(key);
    }

    private static String bindingForm(String id) {
        return id.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "");
    }
}
