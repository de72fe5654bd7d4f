package dev.tollgate.provider.channel;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.secret.SecretBox;
import dev.tollgate.secret.UnreadableSecretException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.modulith.NamedInterface;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Platform administrators' management of upstream channels. Secrets go in and are sealed at once; nothing here ever
 * hands one back. Channels from configuration are shown but changed only there. The built-in simulator's channel is
 * listed and switched like the others, but never made, renamed or deleted by anyone.
 */
@NamedInterface("channel")
@Service
public class ChannelService {

    private static final Logger log = LoggerFactory.getLogger(ChannelService.class);

    private final ChannelStore store;
    private final ChannelRules rules;
    private final SecretBox secrets;
    private final ChannelDirectory directory;
    private final ApplicationEventPublisher events;
    private final TeamAccess access;
    private final Clock clock;

    ChannelService(
            ChannelStore store,
            ChannelRules rules,
            SecretBox secrets,
            ChannelDirectory directory,
            ApplicationEventPublisher events,
            TeamAccess access,
            Clock clock) {
        this.access = access;
        this.store = store;
        this.rules = rules;
        this.secrets = secrets;
        this.directory = directory;
        this.events = events;
        this.clock = clock;
    }

    /**
     * One channel.
     *
     * @throws ChannelNotFoundException when there is none with this id
     */
    public ChannelView get(ChannelId id) {
        requireAdmin();
        return store.find(id).map(ChannelRow::view).orElseThrow(() -> new ChannelNotFoundException(id.toString()));
    }

    public List<ChannelView> list() {
        requireAdmin();
        return store.all().stream().map(ChannelRow::view).toList();
    }

    /** Each channel's recent health on this instance, by id. */
    public Map<ChannelId, ChannelHealth> health() {
        requireAdmin();
        return store.all().stream().collect(Collectors.toMap(ChannelRow::id, row -> directory.health(row.id())));
    }

    @Transactional
    public ChannelView create(ChannelDraft draft) {
        requireAdmin();
        ChannelRules.Checked checked = rules.checkNew(draft);
        ChannelId id = new ChannelId(UUID.randomUUID());
        ChannelRow row = row(id, draft, checked, null, false);
        try {
            store.insert(row, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new InvalidChannelException("Name: a channel called '" + row.name() + "' exists already");
        }
        changed("created", row);
        return store.find(id).orElseThrow().view();
    }

    @Transactional
    public ChannelView update(ChannelId id, ChannelDraft draft) {
        requireAdmin();
        ChannelRow stored = editable(id);
        ChannelRow row = row(id, draft, rules.checkChange(stored, draft), stored.secretSealed(), false);
        try {
            store.update(row, clock.instant());
        } catch (DuplicateKeyException e) {
            throw new InvalidChannelException("Name: a channel called '" + row.name() + "' exists already");
        }
        changed("changed", row);
        return store.find(id).orElseThrow().view();
    }

    @Transactional
    public void setEnabled(ChannelId id, boolean enabled) {
        requireAdmin();
        ChannelRow stored = editable(id);
        if (store.setEnabled(id, enabled, clock.instant())) {
            changed(enabled ? "enabled" : "disabled", stored);
        }
    }

    /**
     * Deletes a channel made in the admin view.
     *
     * @throws InvalidChannelException for a channel from configuration, and for the simulator, which is only switched
     *     off
     */
    @Transactional
    public void delete(ChannelId id) {
        requireAdmin();
        ChannelRow stored = stored(id);
        if (stored.kind().builtIn()) {
            throw new InvalidChannelException(
                    "The built-in simulator cannot be deleted; switch it off instead, and models no channel serves"
                            + " become unavailable");
        }
        requireEditable(stored);
        store.delete(id);
        changed("deleted", stored);
    }

    /** Stores the channels the configuration defines, replacing those it defined before; no admin needed. */
    @Transactional
    void replaceConfigured(List<ChannelDraft> drafts) {
        List<ChannelRow> before =
                store.all().stream().filter(row -> !row.kind().builtIn()).toList();
        for (ChannelDraft draft : drafts) {
            Optional<ChannelRow> existing = before.stream()
                    .filter(row -> row.name().equalsIgnoreCase(draft.name().strip()))
                    .findFirst();
            if (existing.isPresent() && !existing.get().fromConfig()) {
                throw new InvalidChannelException("tollgate.channels: '" + draft.name()
                        + "' is also the name of a channel made in the admin view; rename one of them");
            }
            ChannelId id = existing.map(ChannelRow::id).orElseGet(() -> new ChannelId(UUID.randomUUID()));
            byte[] keep = existing.map(ChannelRow::secretSealed).orElse(null);
            ChannelRow row = row(id, draft, rules.checkNew(draft), draft.secret() == null ? null : keep, true);
            if (existing.isEmpty()) {
                store.insert(row, clock.instant());
            } else if (!sameStored(existing.get(), row, draft)) {
                store.update(row, clock.instant());
            }
        }
        before.stream()
                .filter(ChannelRow::fromConfig)
                .filter(row -> drafts.stream().noneMatch(d -> d.name().strip().equalsIgnoreCase(row.name())))
                .forEach(row -> store.delete(row.id()));
        events.publishEvent(new ChannelsChanged());
    }

    /**
     * Makes sure the simulator's channel exists, with its fixed settings; no admin needed. {@code configured} is
     * {@code tollgate.simulator.enabled}: when set, it is the switch's position at every start and the switch is the
     * configuration's alone; when unset, the switch is the administrators', on when the channel is first made.
     */
    @Transactional
    void keepSimulator(@Nullable Boolean configured) {
        Optional<ChannelRow> stored = store.findSimulator();
        boolean enabled = configured != null
                ? configured
                : stored.map(ChannelRow::enabled).orElse(true);
        ChannelDraft draft = SimulatorChannel.draft(enabled);
        ChannelId id = stored.map(ChannelRow::id).orElseGet(() -> new ChannelId(UUID.randomUUID()));
        ChannelRow row = row(id, draft, rules.check(draft), null, configured != null);
        boolean changed;
        if (stored.isEmpty()) {
            changed = store.insertIfAbsent(row, clock.instant());
        } else {
            changed = !stored.get().sameSettingsButSecret(row);
            if (changed) {
                store.update(row, clock.instant());
            }
        }
        if (changed) {
            String how = stored.isEmpty()
                    ? "added"
                    : configured != null ? "set by tollgate.simulator.enabled" : "left to administrators";
            changed(how + ", " + (enabled ? "on" : "off"), row);
        }
    }

    private boolean sameStored(ChannelRow stored, ChannelRow fresh, ChannelDraft draft) {
        // a fresh seal differs byte for byte; compare the secret by opening the stored one
        boolean sameSecret = draft.secret() == null
                ? stored.secretSealed() == null
                : stored.secretSealed() != null && draft.secret().equals(openOrNull(stored));
        return sameSecret && stored.sameSettingsButSecret(fresh);
    }

    /** The stored secret, or null when it was sealed under another key (TOLLGATE_SECRET_KEY changed): seal it anew. */
    private @Nullable String openOrNull(ChannelRow stored) {
        try {
            return secrets.open(
                    Objects.requireNonNull(stored.secretSealed()), stored.id().secretOwner());
        } catch (UnreadableSecretException e) {
            return null;
        }
    }

    private ChannelRow row(
            ChannelId id,
            ChannelDraft draft,
            ChannelRules.Checked checked,
            byte @Nullable [] storedSecret,
            boolean fromConfig) {
        byte[] sealed = draft.secret() == null
                ? storedSecret
                : secrets.seal(draft.secret().strip(), id.secretOwner());
        return new ChannelRow(
                id,
                checked.name(),
                draft.kind(),
                checked.baseUrl(),
                checked.region(),
                sealed,
                checked.models(),
                draft.priority(),
                draft.weight(),
                draft.connectTimeout(),
                draft.timeout(),
                draft.enabled(),
                draft.speaksResponses(),
                fromConfig,
                clock.instant());
    }

    private ChannelRow stored(ChannelId id) {
        return store.find(id).orElseThrow(() -> new ChannelNotFoundException(id.toString()));
    }

    private ChannelRow editable(ChannelId id) {
        return requireEditable(stored(id));
    }

    private static ChannelRow requireEditable(ChannelRow row) {
        if (row.fromConfig() && row.kind().builtIn()) {
            throw new InvalidChannelException("The built-in simulator is switched by the configuration"
                    + " (TOLLGATE_SIMULATOR_ENABLED, tollgate.simulator.enabled); change it there, or unset it to"
                    + " switch the simulator here");
        }
        if (row.fromConfig()) {
            throw new InvalidChannelException(
                    "'" + row.name() + "' is defined in the configuration (tollgate.channels); change it there");
        }
        return row;
    }

    private void changed(String what, ChannelRow row) {
        log.info(
                "Channel '{}' ({}, {}) {}",
                row.name(),
                row.kind(),
                row.baseUrl() == null ? "built in" : row.baseUrl(),
                what);
        events.publishEvent(new ChannelsChanged());
    }

    private void requireAdmin() {
        if (!access.isPlatformAdmin()) {
            throw new AccessDeniedException("Only platform administrators manage upstream channels");
        }
    }
}
