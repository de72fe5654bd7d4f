package dev.tollgate.account;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.stereotype.Component;

/**
 * Decides what the current caller may do in a team. Every service that reads or changes a team's data asks here
 * first, so tenancy holds whether the call comes from a view, the admin API or a test. Platform admins act as
 * owners of every team.
 */
@Component
public class TeamAccess {

    private final MembershipRepository memberships;
    private final ObjectProvider<SecurityContextHolderStrategy> contexts;

    /**
     * The security context comes from the application's strategy bean (the portal's is session-aware), not the JVM-wide
     * static holder, which another application in the same JVM may have replaced.
     */
    private volatile @Nullable SecurityContextHolderStrategy strategy;

    TeamAccess(MembershipRepository memberships, ObjectProvider<SecurityContextHolderStrategy> contexts) {
        this.memberships = memberships;
        this.contexts = contexts;
    }

    public Optional<UserId> currentUserId() {
        return currentAuthentication()
                .map(Authentication::getPrincipal)
                .filter(PortalUser.class::isInstance)
                .map(principal -> ((PortalUser) principal).userId());
    }

    /** Who is acting, for the record: an email, or the name of the automation that authenticated. */
    public String currentActor() {
        return currentAuthentication().map(Authentication::getName).orElse("system");
    }

    public boolean isPlatformAdmin() {
        return currentAuthentication()
                .map(auth -> auth.getAuthorities().stream()
                        .anyMatch(a -> PlatformRoles.PLATFORM_ADMIN_AUTHORITY.equals(a.getAuthority())))
                .orElse(false);
    }

    /**
     * Opens no transaction of its own (the membership lookup is one query), so services that hold money in a plain
     * JDBC transaction can check access inside it.
     */
    public Optional<TeamRole> roleIn(TeamId team) {
        if (isPlatformAdmin()) {
            return Optional.of(TeamRole.OWNER);
        }
        Optional<TeamPrincipal> boundToTeam = currentAuthentication()
                .map(Authentication::getPrincipal)
                .filter(TeamPrincipal.class::isInstance)
                .map(TeamPrincipal.class::cast);
        if (boundToTeam.isPresent()) {
            return boundToTeam.get().teamId().equals(team) ? Optional.of(TeamRole.MEMBER) : Optional.empty();
        }
        return currentUserId()
                .flatMap(user -> memberships.findByTeamIdAndUserId(team.value(), user.value()))
                .map(Membership::role);
    }

    /**
     * Whether the caller is bound to one team rather than being a person (an API key, work done for the team), and so
     * acts for the team as a whole.
     */
    public boolean isTeamPrincipal() {
        return currentAuthentication()
                .map(Authentication::getPrincipal)
                .filter(TeamPrincipal.class::isInstance)
                .isPresent();
    }

    /** The caller's role in the team, or {@link AccessDeniedException} when it is below {@code minimum}. */
    public TeamRole require(TeamId team, TeamRole minimum) {
        TeamRole role = roleIn(team).orElseThrow(() -> new AccessDeniedException("You are not a member of this team"));
        if (!role.isAtLeast(minimum)) {
            throw new AccessDeniedException("This needs the " + minimum.label() + " role in the team");
        }
        return role;
    }

    public void requirePlatformAdmin() {
        if (!isPlatformAdmin()) {
            throw new AccessDeniedException("This needs a platform admin");
        }
    }

    private Optional<Authentication> currentAuthentication() {
        return Optional.ofNullable(strategy().getContext().getAuthentication()).filter(Authentication::isAuthenticated);
    }

    /** Looked up once: asking the bean factory on every call cost every API request a few percent of its CPU. */
    private SecurityContextHolderStrategy strategy() {
        SecurityContextHolderStrategy known = strategy;
        if (known == null) {
            known = contexts.getIfAvailable(SecurityContextHolder::getContextHolderStrategy);
            strategy = known;
        }
        return known;
    }
}
