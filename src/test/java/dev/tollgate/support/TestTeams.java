package dev.tollgate.support;

import dev.tollgate.account.NewMember;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamService;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.billing.BillingService;
import dev.tollgate.money.Credits;
import java.util.UUID;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;

/** Makes fresh, uniquely named teams and people, so tests sharing one database never see each other's data. */
public class TestTeams {

    public static final String PASSWORD = "member-password-1";

    private final TeamService teams;
    private final BillingService billing;
    private final UserDetailsService users;
    private final Actors actors;

    public TestTeams(TeamService teams, BillingService billing, UserDetailsService users, Actors actors) {
        this.teams = teams;
        this.billing = billing;
        this.users = users;
        this.actors = actors;
    }

    public TeamSummary create(String prefix) {
        return actors.asPlatformAdmin(
                () -> teams.create(prefix + " " + UUID.randomUUID().toString().substring(0, 8)));
    }

    public TeamSummary createWithBalance(String prefix, String balance) {
        TeamSummary team = create(prefix);
        actors.asPlatformAdmin(() -> billing.topUp(team.id(), Credits.parse(balance), "test funds"));
        return team;
    }

    /** Adds a new person with the given role and returns them as sign-in would load them. */
    public UserDetails addPerson(TeamSummary team, TeamRole role) {
        String email =
                role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        actors.asPlatformAdmin(() -> teams.addMember(team.id(), new NewMember(email, null, role, PASSWORD)));
        return users.loadUserByUsername(email);
    }
}
