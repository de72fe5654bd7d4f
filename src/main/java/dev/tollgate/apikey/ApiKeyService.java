package dev.tollgate.apikey;

import dev.tollgate.account.TeamAccess;
import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.UserId;
import dev.tollgate.catalog.Catalog;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.text.StorableText;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/** Issues, lists, revokes and authenticates {@code vai-} keys. */
@Service
@Transactional(readOnly = true)
public class ApiKeyService {

    /** The longest key name; forms limit their fields to it too. */
    public static final int LONGEST_NAME = 200;

    static final int HIGHEST_RPM = 1_000_000;

    /** No key has this id: a new key's name is compared with every other key of the team. */
    private static final UUID NO_KEY = new UUID(0, 0);

    private final ApiKeyRepository keys;
    private final ApiKeyStore lookup;
    private final Catalog catalog;
    private final TeamAccess access;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    ApiKeyService(
            ApiKeyRepository keys,
            ApiKeyStore lookup,
            Catalog catalog,
            TeamAccess access,
            ApplicationEventPublisher events,
            Clock clock) {
        this.keys = keys;
        this.lookup = lookup;
        this.catalog = catalog;
        this.access = access;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Creates a key for the team (owners and admins); the result holds the plaintext, which is not kept. Billing opens
     * the key's budget in the same transaction ({@link ApiKeyIssued}).
     */
    @Transactional
    public IssuedApiKey issue(TeamId team, NewApiKey request) {
        access.require(team, TeamRole.ADMIN);
        Instant now = clock.instant();
        validate(request, now, null);
        requireFreeName(team, request.name(), null);
        PlaintextKey plaintext = PlaintextKey.generate(random);
        UserId creator = access.currentUserId().orElse(null);
        // flushed at once: billing's row for the key, written in this transaction, refers to it
        ApiKey key =
                keys.saveAndFlush(new ApiKey(team, request, plaintext, creator == null ? null : creator.value(), now));
        events.publishEvent(new ApiKeyIssued(new ApiKeyId(key.id()), team, request.budget()));
        return new IssuedApiKey(key.toView(now), plaintext.value());
    }

    /** The team's keys, newest first (any member). */
    public List<ApiKeyView> list(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        Instant now = clock.instant();
        return keys.findByTeamIdOrderByCreatedAtDesc(team.value()).stream()
                .map(key -> key.toView(now))
                .toList();
    }

    public ApiKeyView get(ApiKeyId id) {
        ApiKey key = keys.findById(id.value()).orElseThrow(() -> new ApiKeyNotFoundException(id));
        access.require(key.teamId(), TeamRole.MEMBER);
        return key.toView(clock.instant());
    }

    /** Revokes a key (owners and admins of its team); every replica refuses it from the next request after the commit. */
    @Transactional
    public ApiKeyView revoke(ApiKeyId id) {
        ApiKey key = keys.findById(id.value()).orElseThrow(() -> new ApiKeyNotFoundException(id));
        access.require(key.teamId(), TeamRole.ADMIN);
        Instant now = clock.instant();
        key.revoke(now);
        lookup.announceChange(key.keyHash());
        return key.toView(now);
    }

    /**
     * Gives a key new settings (owners and admins of its team): name, expiry, budget, models and rate limit, each as
     * the key is to have it from now on. Requests on every replica see the change once it commits (at the latest
     * within {@link ApiKeyStore#FRESHNESS}). An expiry already past may stay as it is; a new one is in the future.
     */
    @Transactional
    public ApiKeyView change(ApiKeyId id, NewApiKey settings) {
        ApiKey key = keys.findById(id.value()).orElseThrow(() -> new ApiKeyNotFoundException(id));
        access.require(key.teamId(), TeamRole.ADMIN);
        Instant now = clock.instant();
        validate(settings, now, key.expiresAt());
        requireFreeName(key.teamId(), settings.name(), key.id());
        key.change(settings);
        lookup.announceChange(key.keyHash());
        events.publishEvent(new ApiKeyChanged(id, key.teamId(), settings.budget()));
        return key.toView(now);
    }

    /**
     * Resolves a key presented on an API request, or throws {@link KeyRejectedException} saying why not. Needs no
     * signed-in user: the key is the credential. Runs outside any transaction: one cached lookup, and at most one
     * short write a minute per key.
     */
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    public AuthenticatedKey authenticate(@Nullable String presented) {
        if (presented == null || presented.isBlank()) {
            throw new KeyRejectedException(KeyRejectedException.Reason.MISSING);
        }
        if (!PlaintextKey.isWellFormed(presented.strip())) {
            throw new KeyRejectedException(KeyRejectedException.Reason.MALFORMED);
        }
        ApiKeyStore.KeyRow key = lookup.byHash(new PlaintextKey(presented.strip()).hash())
                .orElseThrow(() -> new KeyRejectedException(KeyRejectedException.Reason.UNKNOWN));
        Instant now = clock.instant();
        switch (key.status(now)) {
            case REVOKED -> throw new KeyRejectedException(KeyRejectedException.Reason.REVOKED);
            case EXPIRED -> throw new KeyRejectedException(KeyRejectedException.Reason.EXPIRED);
            case ACTIVE -> lookup.recordUse(key.id(), now);
        }
        return key.toAuthenticated();
    }

    /**
     * Names of the keys, for telling people about them (billing's budget alerts); needs no signed-in user and joins the
     * caller's transaction, whichever kind it is.
     */
    @Transactional(transactionManager = "jdbcTransactionManager", propagation = Propagation.SUPPORTS)
    public Map<ApiKeyId, KeyLabel> labels(Collection<ApiKeyId> keys) {
        return keys.isEmpty() ? Map.of() : lookup.labels(keys);
    }

    /** Refuses a name another unrevoked key of the team has, so people can tell keys apart; revoked ones may share. */
    private void requireFreeName(TeamId team, String name, @Nullable UUID except) {
        if (keys.existsUnrevokedNamed(team.value(), name, except == null ? NO_KEY : except)) {
            throw new InvalidApiKeyRequestException(
                    "name",
                    "The team already has a key named \"" + name + "\"; choose another name or revoke that key");
        }
    }

    private void validate(NewApiKey request, Instant now, @Nullable Instant currentExpiry) {
        if (request.name().isEmpty()) {
            throw new InvalidApiKeyRequestException("name", "A key needs a name");
        }
        if (request.name().length() > LONGEST_NAME) {
            throw new InvalidApiKeyRequestException("name", "A key name has at most " + LONGEST_NAME + " characters");
        }
        StorableText.flaw(request.name()).ifPresent(flaw -> {
            throw new InvalidApiKeyRequestException("name", "The key name " + flaw);
        });
        Instant expiry = request.expiresAt();
        if (expiry != null && !expiry.isAfter(now) && !expiry.equals(currentExpiry)) {
            throw new InvalidApiKeyRequestException("expiresAt", "The expiry must be in the future");
        }
        if (request.budget() != null && !request.budget().isPositive()) {
            throw new InvalidApiKeyRequestException("budget", "A budget is a positive amount of Cr$");
        }
        Integer rpm = request.requestsPerMinute();
        if (rpm != null && (rpm < 1 || rpm > HIGHEST_RPM)) {
            throw new InvalidApiKeyRequestException("rpm", "Requests per minute is between 1 and " + HIGHEST_RPM);
        }
        List<String> unknown = request.allowedModels().stream()
                .filter(model -> !catalog.exists(model))
                .map(ModelId::value)
                .sorted()
                .toList();
        if (!unknown.isEmpty()) {
            throw new InvalidApiKeyRequestException(
                    "models",
                    "Unknown model" + (unknown.size() > 1 ? "s: " : ": ")
                            + unknown.stream().collect(Collectors.joining(", ")));
        }
    }
}
