package dev.tollgate.portal;

import com.vaadin.flow.spring.annotation.VaadinSessionScope;
import dev.tollgate.account.TeamMembership;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamService;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/** The team the signed-in user is working in, kept for the browser session; the first of their teams at first. */
@Component
@VaadinSessionScope
public class CurrentTeam implements Serializable {

    private final transient TeamService teams;
    private @Nullable TeamMembership selected;

    CurrentTeam(TeamService teams) {
        this.teams = teams;
    }

    /** The selected team, re-read so that a role change or removal takes effect on the next view. */
    public Optional<TeamMembership> get() {
        List<TeamMembership> mine = teams.myTeams();
        TeamMembership current = selected == null
                ? null
                : mine.stream()
                        .filter(m -> m.team().id().equals(selected.team().id()))
                        .findFirst()
                        .orElse(null);
        selected = current != null ? current : mine.stream().findFirst().orElse(null);
        return Optional.ofNullable(selected);
    }

    public List<TeamMembership> choices() {
        return teams.myTeams();
    }

    public void select(TeamMembership membership) {
        this.selected = membership;
    }

    public boolean canManageKeys() {
        return get().map(m -> m.role().canManageKeys()).orElse(false);
    }

    public boolean hasRole(TeamRole minimum) {
        return get().map(m -> m.role().isAtLeast(minimum)).orElse(false);
    }
}
