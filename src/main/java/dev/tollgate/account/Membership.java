package dev.tollgate.account;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "team_member")
class Membership {

    @Id
    private UUID id;

    private UUID teamId;
    private UUID userId;

    @Enumerated(EnumType.STRING)
    private TeamRole role;

    private Instant joinedAt;

    protected Membership() {
        // for JPA
    }

    Membership(TeamId team, UserId user, TeamRole role, Instant now) {
        this.id = UUID.randomUUID();
        this.teamId = team.value();
        this.userId = user.value();
        this.role = role;
        this.joinedAt = now;
    }

    TeamId teamId() {
        return new TeamId(teamId);
    }

    UserId userId() {
        return new UserId(userId);
    }

    TeamRole role() {
        return role;
    }

    Instant joinedAt() {
        return joinedAt;
    }

    void changeRole(TeamRole newRole) {
        this.role = newRole;
    }
}
