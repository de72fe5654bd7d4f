package dev.tollgate.account;

import dev.tollgate.text.StorableText;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Teams and their members. Platform admins create teams; owners (and platform admins) manage members. */
@Service
@Transactional(readOnly = true)
public class TeamService {

    static final int MINIMUM_PASSWORD_LENGTH = 8;

    /** The longest name of a person, as app_user.display_name holds it. */
    public static final int LONGEST_DISPLAY_NAME = 200;

    private final TeamRepository teams;
    private final MembershipRepository memberships;
    private final UserAccountRepository users;
    private final TeamAccess access;
    private final PasswordEncoder passwordEncoder;
    private final Clock clock;

    TeamService(
            TeamRepository teams,
            MembershipRepository memberships,
            UserAccountRepository users,
            TeamAccess access,
            PasswordEncoder passwordEncoder,
            Clock clock) {
        this.teams = teams;
        this.memberships = memberships;
        this.users = users;
        this.access = access;
        this.passwordEncoder = passwordEncoder;
        this.clock = clock;
    }

    @Transactional
    public TeamSummary create(String name) {
        access.requirePlatformAdmin();
        TeamName teamName = new TeamName(name);
        if (teams.existsByNameIgnoringCase(teamName.value())) {
            throw nameTaken(teamName);
        }
        return teams.save(new Team(teamName, clock.instant())).toSummary();
    }

    /** Renames a team (its owners and admins, and platform admins) under the rules a new team's name follows. */
    @Transactional
    public TeamSummary rename(TeamId id, String name) {
        access.require(id, TeamRole.ADMIN);
        TeamName teamName = new TeamName(name);
        Team team = teams.findById(id.value()).orElseThrow(() -> new TeamNotFoundException(id));
        if (teams.existsByNameIgnoringCaseAndIdNot(teamName.value(), id.value())) {
            throw nameTaken(teamName);
        }
        team.rename(teamName);
        return team.toSummary();
    }

    public TeamSummary get(TeamId id) {
        access.require(id, TeamRole.MEMBER);
        return teams.findById(id.value()).map(Team::toSummary).orElseThrow(() -> new TeamNotFoundException(id));
    }

    public List<TeamSummary> all() {
        access.requirePlatformAdmin();
        return teams.findAllByName().stream().map(Team::toSummary).toList();
    }

    /** The teams the current user can switch to in the portal, by name; every team for a platform admin. */
    public List<TeamMembership> myTeams() {
        if (access.isPlatformAdmin()) {
            Map<TeamId, TeamRole> own = ownMemberships();
            return teams.findAllByName().stream()
                    .map(team -> new TeamMembership(team.toSummary(), own.getOrDefault(team.id(), TeamRole.OWNER)))
                    .toList();
        }
        Map<TeamId, TeamRole> own = ownMemberships();
        return teams.findAllById(own.keySet().stream().map(TeamId::value).toList()).stream()
                .map(team -> new TeamMembership(team.toSummary(), own.get(team.id())))
                .sorted(Comparator.comparing(m -> m.team().name().toLowerCase()))
                .toList();
    }

    public List<Member> members(TeamId team) {
        access.require(team, TeamRole.MEMBER);
        List<Membership> rows = memberships.findByTeamId(team.value());
        Map<UserId, UserAccount> people =
                users.findAllById(rows.stream().map(m -> m.userId().value()).toList()).stream()
                        .collect(Collectors.toMap(UserAccount::id, Function.identity()));
        return rows.stream()
                .map(m -> toMember(m, people.get(m.userId())))
                .sorted(Comparator.comparing(Member::role).thenComparing(Member::email))
                .toList();
    }

    @Transactional
    public Member addMember(TeamId team, NewMember newMember) {
        access.require(team, TeamRole.OWNER);
        requireTeam(team);
        EmailAddress email = new EmailAddress(newMember.email());
        UserAccount user = users.findByEmail(email.value()).orElseGet(() -> users.save(newUser(email, newMember)));
        if (memberships.findByTeamIdAndUserId(team.value(), user.id().value()).isPresent()) {
            throw new AccountRuleException(email.value() + " is already a member of this team");
        }
        Membership membership = memberships.save(new Membership(team, user.id(), newMember.role(), clock.instant()));
        return toMember(membership, user);
    }

    @Transactional
    public void changeRole(TeamId team, UserId user, TeamRole role) {
        access.require(team, TeamRole.OWNER);
        Membership membership = requireMembership(team, user);
        if (membership.role() == TeamRole.OWNER && role != TeamRole.OWNER) {
            requireAnotherOwner(team);
        }
        membership.changeRole(role);
    }

    @Transactional
    public void removeMember(TeamId team, UserId user) {
        access.require(team, TeamRole.OWNER);
        Membership membership = requireMembership(team, user);
        if (membership.role() == TeamRole.OWNER) {
            requireAnotherOwner(team);
        }
        memberships.delete(membership);
    }

    private UserAccount newUser(EmailAddress email, NewMember newMember) {
        String password = newMember.initialPassword();
        if (password == null || password.length() < MINIMUM_PASSWORD_LENGTH) {
            throw new AccountRuleException(email.value() + " has no account yet: give an initial password of at least "
                    + MINIMUM_PASSWORD_LENGTH + " characters");
        }
        String displayName =
                newMember.displayName() == null || newMember.displayName().isBlank()
                        ? email.value().substring(0, email.value().indexOf('@'))
                        : newMember.displayName().strip();
        if (displayName.length() > LONGEST_DISPLAY_NAME) {
            throw new AccountRuleException(
                    "display_name", "A person's name has at most " + LONGEST_DISPLAY_NAME + " characters");
        }
        StorableText.flaw(displayName).ifPresent(flaw -> {
            throw new AccountRuleException("display_name", "The name " + flaw);
        });
        return new UserAccount(email, displayName, passwordEncoder.encode(password), false, clock.instant());
    }

    private static AccountRuleException nameTaken(TeamName name) {
        return new AccountRuleException("name", "A team named \"" + name.value() + "\" already exists");
    }

    private void requireTeam(TeamId team) {
        if (!teams.existsById(team.value())) {
            throw new TeamNotFoundException(team);
        }
    }

    private Membership requireMembership(TeamId team, UserId user) {
        return memberships
                .findByTeamIdAndUserId(team.value(), user.value())
                .orElseThrow(() -> new AccountRuleException("That person is not a member of this team"));
    }

    private void requireAnotherOwner(TeamId team) {
        if (memberships.countByTeamIdAndRole(team.value(), TeamRole.OWNER) <= 1) {
            throw new AccountRuleException("A team keeps at least one owner");
        }
    }

    private Map<TeamId, TeamRole> ownMemberships() {
        return access.currentUserId()
                .map(user -> memberships.findByUserId(user.value()).stream()
                        .collect(Collectors.toMap(Membership::teamId, Membership::role)))
                .orElse(Map.of());
    }

    private static Member toMember(Membership membership, UserAccount user) {
        return new Member(user.id(), user.email(), user.displayName(), membership.role(), membership.joinedAt());
    }
}
