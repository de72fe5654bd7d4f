package dev.tollgate.account;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * Portal sign-in with an email and password. Failed attempts are throttled per email and per client address
 * ({@link SignInThrottledException}), the same whether or not the email has an account. A signed-in session holds a
 * stamp of the password it signed in with, so that a password change ends the user's other sessions.
 */
@Service
public class PortalSignIn {

    private final AuthenticationManager passwords;
    private final SignInThrottle throttle;
    private final UserAccountRepository users;
    private final ObjectProvider<SecurityContextHolderStrategy> contexts;

    PortalSignIn(
            PortalUserDetailsService userDetails,
            PasswordEncoder passwordEncoder,
            SignInThrottle throttle,
            UserAccountRepository users,
            ObjectProvider<SecurityContextHolderStrategy> contexts) {
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(userDetails);
        provider.setPasswordEncoder(passwordEncoder);
        // a provider manager erases the password hash from the principal before the session keeps it
        this.passwords = new ProviderManager(provider);
        this.throttle = throttle;
        this.users = users;
        this.contexts = contexts;
    }

    /** The sign-in form's authentication: refused unchecked while throttled, counted when it fails. */
    public Authentication authenticate(Authentication attempt) {
        SignInAttempt counted = SignInAttempt.of(attempt);
        throttle.admit(counted);
        Authentication signedIn;
        try {
            signedIn = passwords.authenticate(attempt);
        } catch (InternalAuthenticationServiceException unavailable) {
            throw unavailable;
        } catch (AuthenticationException refused) {
            throttle.failed(counted);
            throw refused;
        }
        throttle.succeeded(counted);
        return signedIn;
    }

    /** Whether a session signed in as this user still stands: not once the password changed or the account went. */
    public boolean isCurrent(PortalUser user) {
        return users.findById(user.userId().value())
                .filter(UserAccount::isEnabled)
                .map(UserAccount::credentialsStamp)
                .filter(user.credentialsStamp()::equals)
                .isPresent();
    }

    /** After the signed-in user changed their own password, keeps the session they changed it in signed in. */
    void renewCurrentSession(UserAccount user) {
        SecurityContextHolderStrategy strategy =
                contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
        SecurityContext context = strategy.getContext();
        Authentication current = context.getAuthentication();
        if (current == null || !(current.getPrincipal() instanceof PortalUser)) {
            return;
        }
        PortalUser renewed = user.toPortalUser();
        renewed.eraseCredentials();
        UsernamePasswordAuthenticationToken authentication =
                UsernamePasswordAuthenticationToken.authenticated(renewed, null, renewed.getAuthorities());
        authentication.setDetails(current.getDetails());
        // the session keeps this very context object, so every later request of the session sees the new stamp
        context.setAuthentication(authentication);
    }
}
