package dev.tollgate.account;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.CredentialsContainer;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** The signed-in portal user held in the security context. */
public final class PortalUser implements UserDetails, CredentialsContainer {

    private final UserId userId;
    private final String email;
    private final String displayName;
    private @Nullable String passwordHash;
    private final String credentialsStamp;
    private final boolean platformAdmin;
    private final boolean enabled;

    PortalUser(
            UserId userId,
            String email,
            String displayName,
            @Nullable String passwordHash,
            String credentialsStamp,
            boolean platformAdmin,
            boolean enabled) {
        this.userId = userId;
        this.email = email;
        this.displayName = displayName;
        this.passwordHash = passwordHash;
        this.credentialsStamp = credentialsStamp;
        this.platformAdmin = platformAdmin;
        this.enabled = enabled;
    }

    public UserId userId() {
        return userId;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }

    /** Which password this user signed in with, without the password or its hash; see {@link PortalSignIn}. */
    String credentialsStamp() {
        return credentialsStamp;
    }

    public boolean isPlatformAdmin() {
        return platformAdmin;
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        List<GrantedAuthority> authorities = new ArrayList<>();
        authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
        if (platformAdmin) {
            authorities.add(new SimpleGrantedAuthority(PlatformRoles.PLATFORM_ADMIN_AUTHORITY));
        }
        return authorities;
    }

    @Override
    public @Nullable String getPassword() {
        return passwordHash;
    }

    @Override
    public String getUsername() {
        return email;
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void eraseCredentials() {
        passwordHash = null;
    }
}
