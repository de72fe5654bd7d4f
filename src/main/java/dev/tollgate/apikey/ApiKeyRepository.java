package dev.tollgate.apikey;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    List<ApiKey> findByTeamIdOrderByCreatedAtDesc(UUID teamId);

    /** Whether another key of the team that is not revoked has this name, regardless of case. */
    @Query("""
            select count(k) > 0 from ApiKey k
            where k.teamId = :teamId and lower(k.name) = lower(:name) and k.revokedAt is null and k.id <> :except""")
    boolean existsUnrevokedNamed(UUID teamId, String name, UUID except);
}
