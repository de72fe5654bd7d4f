package dev.tollgate.account;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Signs out a portal session whose user changed their password (or lost their account) after it signed in: the
 * session is invalidated and the request goes on unauthenticated, so the portal sends it to the sign-in page. Place
 * it right after the filter that loads the session's security context.
 */
public final class StaleSessionFilter extends OncePerRequestFilter {

    private final PortalSignIn signIn;
    private final SecurityContextHolderStrategy contexts;

    public StaleSessionFilter(PortalSignIn signIn, SecurityContextHolderStrategy contexts) {
        this.signIn = signIn;
        this.contexts = contexts;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication != null
                && authentication.getPrincipal() instanceof PortalUser user
                && !signIn.isCurrent(user)) {
            HttpSession session = request.getSession(false);
            if (session != null) {
                session.invalidate();
            }
            contexts.clearContext();
        }
        chain.doFilter(request, response);
    }
}
