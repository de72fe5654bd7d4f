package dev.tollgate.account;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "team")
class Team {

    @Id
    private UUID id;

    private String name;
    private Instant createdAt;

    protected Team() {
        // for JPA
    }

    Team(TeamName name, Instant now) {
        this.id = UUID.randomUUID();
        this.name = name.value();
        this.createdAt = now;
    }

    void rename(TeamName newName) {
        this.name = newName.value();
    }

    TeamId id() {
        return new TeamId(id);
    }

    TeamSummary toSummary() {
        return new TeamSummary(id(), name, createdAt);
    }
}
