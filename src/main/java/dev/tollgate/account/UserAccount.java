package dev.tollgate.account;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
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

    /**
     * A digest of the stored password hash: it changes with every new password (BCrypt salts each hash) and tells
     * nothing about the password, so a session may keep it.
     */
    String credentialsStamp() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(passwordHash.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has SHA-256", e);
        }
    }

    PortalUser toPortalUser() {
        return new PortalUser(id(), email, displayName, passwordHash, credentialsStamp(), platformAdmin, enabled);
    }
}
