package dev.tollgate.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;

@IntegrationTest
class TeamServiceTests {

    @Autowired
    TeamService teams;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Autowired
    UserAccountRepository users;

    @Autowired
    PasswordEncoder passwordEncoder;

    @Test
    void onlyPlatformAdminsCreateTeams() {
        TeamSummary team = testTeams.create("Anyone");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        actors.as(
                owner,
                () -> assertThatThrownBy(() -> teams.create("Sneaky team")).isInstanceOf(AccessDeniedException.class));
    }

    @Test
    void teamNamesAreUniqueRegardlessOfCase() {
        TeamSummary team = testTeams.create("Unique");
        actors.asPlatformAdmin(
                () -> assertThatThrownBy(() -> teams.create(team.name().toUpperCase()))
                        .isInstanceOf(AccountRuleException.class)
                        .hasMessageContaining("already exists"));
    }

    @Test
    void addingANewPersonCreatesTheirAccountWithABcryptHash() {
        TeamSummary team = testTeams.create("Hiring");
        Member added = actors.asPlatformAdmin(() -> teams.addMember(
                team.id(), new NewMember("New.Person@Example.com", "New Person", TeamRole.ADMIN, "s3cret-pass")));

        assertThat(added.email()).isEqualTo("new.person@example.com");
        UserAccount account = users.findByEmail("NEW.PERSON@example.com").orElseThrow();
        assertThat(account.passwordHash()).startsWith("$2").doesNotContain("s3cret-pass");
        assertThat(passwordEncoder.matches("s3cret-pass", account.passwordHash()))
                .isTrue();
        assertThat(actors.asPlatformAdmin(() -> teams.members(team.id())))
                .extracting(Member::email, Member::role)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("new.person@example.com", TeamRole.ADMIN));
    }

    @Test
    void aNewPersonNeedsAnInitialPassword() {
        TeamSummary team = testTeams.create("NoPassword");
        actors.asPlatformAdmin(() -> assertThatThrownBy(() ->
                        teams.addMember(team.id(), new NewMember("nopass@example.com", null, TeamRole.MEMBER, null)))
                .isInstanceOf(AccountRuleException.class)
                .hasMessageContaining("initial password"));
    }

    @Test
    void ownersManageMembersButAdminsAndMembersCannot() {
        TeamSummary team = testTeams.create("Roles");
        UserDetails owner = testTeams.addPerson(team, TeamRole.OWNER);
        UserDetails admin = testTeams.addPerson(team, TeamRole.ADMIN);

        actors.as(
                admin,
                () -> assertThatThrownBy(() -> teams.addMember(
                                team.id(), new NewMember("x@example.com", null, TeamRole.MEMBER, "password-1")))
                        .isInstanceOf(AccessDeniedException.class));
        Member added = actors.as(
                owner,
                () -> teams.addMember(
                        team.id(),
                        new NewMember("by-owner-" + team.id() + "@example.com", null, TeamRole.MEMBER, "password-1")));
        assertThat(added.role()).isEqualTo(TeamRole.MEMBER);
    }

    @Test
    void aTeamAlwaysKeepsOneOwner() {
        TeamSummary team = testTeams.create("Owners");
        PortalUser owner = (PortalUser) testTeams.addPerson(team, TeamRole.OWNER);
        actors.asPlatformAdmin(() -> {
            assertThatThrownBy(() -> teams.changeRole(team.id(), owner.userId(), TeamRole.MEMBER))
                    .hasMessageContaining("at least one owner");
            assertThatThrownBy(() -> teams.removeMember(team.id(), owner.userId()))
                    .hasMessageContaining("at least one owner");
        });
    }

    @Test
    void peopleSeeOnlyTheirOwnTeams() {
        TeamSummary mine = testTeams.create("Mine");
        TeamSummary theirs = testTeams.create("Theirs");
        UserDetails member = testTeams.addPerson(mine, TeamRole.MEMBER);

        actors.as(member, () -> {
            assertThat(teams.myTeams()).extracting(m -> m.team().id()).containsExactly(mine.id());
            assertThatThrownBy(() -> teams.members(theirs.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> teams.get(theirs.id())).isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void teamOwnersAndAdminsRenameTheirTeamAndMembersCannot() {
        TeamSummary team = testTeams.create("Rename");
        UserDetails admin = testTeams.addPerson(team, TeamRole.ADMIN);
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        String newName = "Renamed " + team.id();

        TeamSummary renamed = actors.as(admin, () -> teams.rename(team.id(), "  " + newName + " "));

        assertThat(renamed.name()).as("the new name, stripped").isEqualTo(newName);
        assertThat(actors.asPlatformAdmin(() -> teams.get(team.id())).name()).isEqualTo(newName);
        actors.as(
                member,
                () -> assertThatThrownBy(() -> teams.rename(team.id(), "Member's choice " + team.id()))
                        .isInstanceOf(AccessDeniedException.class));
    }

    @Test
    void aRenameFollowsTheRulesOfANewTeamsName() {
        TeamSummary taken = testTeams.create("Taken");
        TeamSummary team = testTeams.create("Renamed");

        actors.asPlatformAdmin(() -> {
            assertThatThrownBy(() -> teams.rename(team.id(), taken.name().toUpperCase()))
                    .as("another team's name, in other case")
                    .isInstanceOf(AccountRuleException.class)
                    .hasMessageContaining("already exists")
                    .extracting(e -> ((AccountRuleException) e).field())
                    .isEqualTo("name");
            assertThatThrownBy(() -> teams.rename(team.id(), "x".repeat(TeamName.LONGEST + 1)))
                    .isInstanceOf(AccountRuleException.class)
                    .hasMessageContaining("at most 200 characters");
            assertThat(teams.rename(team.id(), team.name().toUpperCase()).name())
                    .as("its own name in other case is no clash")
                    .isEqualTo(team.name().toUpperCase());
        });
    }

    @Test
    void aPersonsNameLongerThanTwoHundredCharactersIsRefusedOnTheName() {
        TeamSummary team = testTeams.create("Long person");
        String email = "long-" + team.id().value().toString().substring(0, 8) + "@example.com";

        actors.asPlatformAdmin(() -> assertThatThrownBy(() -> teams.addMember(
                        team.id(), new NewMember(email, "y".repeat(201), TeamRole.MEMBER, TestTeams.PASSWORD)))
                .isInstanceOf(AccountRuleException.class)
                .hasMessageContaining("at most 200 characters")
                .extracting(e -> ((AccountRuleException) e).field())
                .isEqualTo("display_name"));
    }
}
