package dev.tollgate.account;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

interface MembershipRepository extends JpaRepository<Membership, UUID> {

    Optional<Membership> findByTeamIdAndUserId(UUID teamId, UUID userId);

    List<Membership> findByTeamId(UUID teamId);

    List<Membership> findByUserId(UUID userId);

    long countByTeamIdAndRole(UUID teamId, TeamRole role);
}
