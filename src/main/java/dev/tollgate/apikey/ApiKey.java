package dev.tollgate.apikey;

import dev.tollgate.account.TeamId;
import dev.tollgate.catalog.ModelId;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.jspecify.annotations.Nullable;

@Entity
@Table(name = "api_key")
class ApiKey {

    @Id
    private UUID id;

    private UUID teamId;
    private String name;
    private String keyHash;
    private String lastFour;
    private @Nullable UUID createdBy;
    private Instant createdAt;
    private @Nullable Instant expiresAt;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(columnDefinition = "varchar(100)[]")
    private String @Nullable [] allowedModels;

    private @Nullable Integer rpm;
    private @Nullable Instant lastUsedAt;
    private @Nullable Instant revokedAt;
    private long revision;

    protected ApiKey() {
        // for JPA
    }

    ApiKey(TeamId team, NewApiKey request, PlaintextKey key, @Nullable UUID createdBy, Instant now) {
        this.id = UUID.randomUUID();
        this.teamId = team.value();
        this.name = request.name();
        this.keyHash = key.hash();
        this.lastFour = key.lastFour();
        this.createdBy = createdBy;
        this.createdAt = now;
        this.expiresAt = request.expiresAt();
        this.allowedModels = stored(request.allowedModels());
        this.rpm = request.requestsPerMinute();
    }

    UUID id() {
        return id;
    }

    TeamId teamId() {
        return new TeamId(teamId);
    }

    ApiKeyStatus status(Instant now) {
        if (revokedAt != null) {
            return ApiKeyStatus.REVOKED;
        }
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return ApiKeyStatus.EXPIRED;
        }
        return ApiKeyStatus.ACTIVE;
    }

    @Nullable
    Instant expiresAt() {
        return expiresAt;
    }

    /** Gives the key new settings; its secret, creator and spending stay. A revoked key stays as it was revoked. */
    void change(NewApiKey settings) {
        if (revokedAt != null) {
            throw new InvalidApiKeyRequestException("A revoked key cannot be changed");
        }
        this.name = settings.name();
        this.expiresAt = settings.expiresAt();
        this.allowedModels = stored(settings.allowedModels());
        this.rpm = settings.requestsPerMinute();
        this.revision++;
    }

    String keyHash() {
        return keyHash;
    }

    /** Revoking twice keeps the first moment: the key was unusable from then on. */
    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now;
        }
    }

    ApiKeyView toView(Instant now) {
        return new ApiKeyView(
                new ApiKeyId(id),
                teamId(),
                name,
                lastFour,
                createdAt,
                lastUsedAt,
                expiresAt,
                models(),
                rpm,
                revokedAt,
                status(now));
    }

    AuthenticatedKey toAuthenticated() {
        return new AuthenticatedKey(new ApiKeyId(id), teamId(), name, models(), rpm, revision);
    }

    private static String @Nullable [] stored(Set<ModelId> models) {
        return models.isEmpty()
                ? null
                : models.stream().map(ModelId::value).sorted().toArray(String[]::new);
    }

    private Set<ModelId> models() {
        return allowedModels == null
                ? Set.of()
                : Arrays.stream(allowedModels).map(ModelId::new).collect(Collectors.toUnmodifiableSet());
    }
}
