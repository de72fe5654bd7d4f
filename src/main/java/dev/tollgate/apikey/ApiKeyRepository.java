package dev.tollgate.apikey;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    List<ApiKey> findByTeamIdOrderByCreatedAtDesc(UUID teamId);
}
