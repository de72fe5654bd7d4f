package dev.tollgate.support;

import dev.tollgate.account.PlatformRoles;
import java.util.List;
import java.util.concurrent.Callable;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * Runs test code as someone: a platform admin, or a portal user loaded the way sign-in loads them. Uses the
 * application's own security-context strategy, as the services do.
 */
public class Actors {

    private final SecurityContextHolderStrategy contexts;

    public Actors(SecurityContextHolderStrategy contexts) {
        this.contexts = contexts;
    }

    public <T> T asPlatformAdmin(Callable<T> work) {
        return as(
                UsernamePasswordAuthenticationToken.authenticated(
                        "test-admin",
                        null,
                        List.of(new SimpleGrantedAuthority(PlatformRoles.PLATFORM_ADMIN_AUTHORITY))),
                work);
    }

    public void asPlatformAdmin(Runnable work) {
        asPlatformAdmin(() -> {
            work.run();
            return null;
        });
    }

    public <T> T as(UserDetails user, Callable<T> work) {
        return as(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()), work);
    }

    public void as(UserDetails user, Runnable work) {
        as(user, () -> {
            work.run();
            return null;
        });
    }

    private <T> T as(UsernamePasswordAuthenticationToken authentication, Callable<T> work) {
        SecurityContext previous = contexts.getContext();
        SecurityContext context = contexts.createEmptyContext();
        context.setAuthentication(authentication);
        contexts.setContext(context);
        try {
            return work.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            contexts.setContext(previous);
        }
    }
}
