package dev.tollgate.account;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

@Entity
@Table(name = "app_user")
class UserAccount {

    @Id
    private UUID id;

    private String email;
    private String displayName;
    private String passwordHash;
    private boolean platformAdmin;
    private boolean enabled;
    private Instant createdAt;

    protected UserAccount() {
        // for JPA
    }

    UserAccount(EmailAddress email, String displayName, String passwordHash, boolean platformAdmin, Instant now) {
        this.id = UUID.randomUUID();
        this.email = email.value();
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.platformAdmin = platformAdmin;
        this.enabled = true;
        this.createdAt = now;
    }

    UserId id() {
        return new UserId(id);
    }

    String email() {
        return email;
    }

    String displayName() {
        return displayName;
    }

    String passwordHash() {
        return passwordHash;
    }

    boolean isPlatformAdmin() {
        return platformAdmin;
    }

    boolean isEnabled() {
        return enabled;
    }

    void changePasswordHash(String newHash) {
        this.passwordHash = newHash;
    }

    PortalUser toPortalUser() {
        return new PortalUser(id(), email, displayName, passwordHash, platformAdmin, enabled);
    }
}
