package dev.tollgate.account;

import java.util.List;
import java.util.Objects;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticatedPrincipal;
import org.springframework.security.core.Authentication;

/**
 * Background work done for one team (a video worker finishing the team's job), so the services it calls make the
 * same tenancy decisions as for the team's own keys: a member of that team and of no other.
 *
 * @param name who is acting, for the record (ledger entries, logs)
 */
public record TeamAgent(TeamId teamId, String name) implements TeamPrincipal, AuthenticatedPrincipal {

    public TeamAgent {
        Objects.requireNonNull(teamId);
        Objects.requireNonNull(name);
    }

    @Override
    public String getName() {
        return name;
    }

    /** An authentication to put in a security context for the work. */
    public Authentication authentication() {
        return UsernamePasswordAuthenticationToken.authenticated(this, null, List.of());
    }
}
