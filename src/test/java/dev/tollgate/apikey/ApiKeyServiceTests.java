package dev.tollgate.apikey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.billing.KeyBudgets;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import dev.tollgate.support.Actors;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestTeams;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.userdetails.UserDetails;

@IntegrationTest
class ApiKeyServiceTests {

    @Autowired
    ApiKeyService keys;

    @Autowired
    ApiKeyRepository repository;

    @Autowired
    KeyBudgets budgets;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TestTeams testTeams;

    @Autowired
    Actors actors;

    @Test
    void issuedKeysAreHighEntropyAndStoredOnlyAsTheirHash() {
        TeamSummary team = testTeams.create("Hashes");
        IssuedApiKey issued = actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named("backend")));

        assertThat(issued.plaintext()).matches("vai-[0-9A-Za-z]{40}");
        assertThat(issued.key().maskedKey())
                .isEqualTo("vai-…" + issued.plaintext().substring(40));
        Map<String, Object> row = jdbc.sql("select * from api_key where id = ?")
                .param(issued.key().id().value())
                .query()
                .singleRow();
        assertThat(row.get("key_hash")).isEqualTo(new PlaintextKey(issued.plaintext()).hash());
        assertThat(row.values())
                .as("no column holds the plaintext")
                .noneMatch(value -> value != null
                        && value.toString().contains(issued.plaintext().substring(4)));
        assertThat(issued.toString()).doesNotContain(issued.plaintext());
    }

    @Test
    void twoKeysNeverCollide() {
        TeamSummary team = testTeams.create("Distinct");
        List<String> secrets = actors.asPlatformAdmin(() -> java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> keys.issue(team.id(), NewApiKey.named("k" + i)).plaintext())
                .toList());
        assertThat(secrets).doesNotHaveDuplicates();
    }

    @Test
    void authenticationResolvesTheKeysTeamAndLimits() {
        TeamSummary team = testTeams.create("Auth");
        IssuedApiKey issued = actors.asPlatformAdmin(() -> keys.issue(
                team.id(),
                new NewApiKey(
                        "limited",
                        Instant.now().plus(30, ChronoUnit.DAYS),
                        Credits.parse("12.50"),
                        Set.of(new ModelId("aws/glm-5")),
                        60)));

        AuthenticatedKey key = keys.authenticate(issued.plaintext());

        assertThat(key.teamId()).isEqualTo(team.id());
        assertThat(actors.asPlatformAdmin(() -> budgets.of(key.id())).budget())
                .as("the budget the key was issued with, kept by billing")
                .isEqualTo(Credits.parse("12.5"));
        assertThat(key.requestsPerMinute()).isEqualTo(60);
        assertThat(key.allows(new ModelId("aws/glm-5"))).isTrue();
        assertThat(key.allows(new ModelId("aws/claude-opus-4-7"))).isFalse();
        assertThat(repository
                        .findById(issued.key().id().value())
                        .orElseThrow()
                        .toView(Instant.now())
                        .lastUsedAt())
                .as("use is recorded")
                .isNotNull();
    }

    @Test
    void revokedExpiredMalformedAndUnknownKeysAreRefusedWithTheirReason() {
        TeamSummary team = testTeams.create("Refusals");
        IssuedApiKey revoked = actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named("revoked")));
        IssuedApiKey expired = actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named("expired")));
        actors.asPlatformAdmin(() -> keys.revoke(revoked.key().id()));
        jdbc.sql("update api_key set expires_at = now() - interval '1 second' where id = ?")
                .param(expired.key().id().value())
                .update();

        assertThatThrownBy(() -> keys.authenticate(revoked.plaintext()))
                .extracting(e -> ((KeyRejectedException) e).reason())
                .isEqualTo(KeyRejectedException.Reason.REVOKED);
        assertThatThrownBy(() -> keys.authenticate(expired.plaintext()))
                .extracting(e -> ((KeyRejectedException) e).reason())
                .isEqualTo(KeyRejectedException.Reason.EXPIRED);
        assertThatThrownBy(() -> keys.authenticate("sk-not-ours"))
                .extracting(e -> ((KeyRejectedException) e).reason())
                .isEqualTo(KeyRejectedException.Reason.MALFORMED);
        assertThatThrownBy(() -> keys.authenticate("vai-" + "A".repeat(40)))
                .extracting(e -> ((KeyRejectedException) e).reason())
                .isEqualTo(KeyRejectedException.Reason.UNKNOWN);
        assertThatThrownBy(() -> keys.authenticate(null))
                .extracting(e -> ((KeyRejectedException) e).reason())
                .isEqualTo(KeyRejectedException.Reason.MISSING);
    }

    @Test
    void membersSeeTheTeamsKeysButOnlyOwnersAndAdminsIssueAndRevoke() {
        TeamSummary team = testTeams.create("KeyRoles");
        UserDetails admin = testTeams.addPerson(team, TeamRole.ADMIN);
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        IssuedApiKey issued = actors.as(admin, () -> keys.issue(team.id(), NewApiKey.named("by admin")));

        actors.as(member, () -> {
            assertThat(keys.list(team.id())).extracting(ApiKeyView::name).containsExactly("by admin");
            assertThatThrownBy(() -> keys.issue(team.id(), NewApiKey.named("by member")))
                    .isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> keys.revoke(issued.key().id())).isInstanceOf(AccessDeniedException.class);
        });
        assertThat(keys.authenticate(issued.plaintext()).id())
                .isEqualTo(issued.key().id());
    }

    @Test
    void noOneSeesOrRevokesAnotherTeamsKeys() {
        TeamSummary mine = testTeams.create("MineKeys");
        TeamSummary theirs = testTeams.create("TheirKeys");
        UserDetails owner = testTeams.addPerson(mine, TeamRole.OWNER);
        IssuedApiKey foreign = actors.asPlatformAdmin(() -> keys.issue(theirs.id(), NewApiKey.named("theirs")));

        actors.as(owner, () -> {
            assertThatThrownBy(() -> keys.list(theirs.id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> keys.revoke(foreign.key().id())).isInstanceOf(AccessDeniedException.class);
            assertThatThrownBy(() -> keys.issue(theirs.id(), NewApiKey.named("x")))
                    .isInstanceOf(AccessDeniedException.class);
        });
    }

    @Test
    void keyRequestsAreValidated() {
        TeamSummary team = testTeams.create("Validation");
        actors.asPlatformAdmin(() -> {
            assertThatThrownBy(() -> keys.issue(team.id(), NewApiKey.named("  ")))
                    .hasMessageContaining("needs a name");
            assertThatThrownBy(() -> keys.issue(
                            team.id(), new NewApiKey("past", Instant.now().minusSeconds(5), null, Set.of(), null)))
                    .hasMessageContaining("future");
            assertThatThrownBy(() ->
                            keys.issue(team.id(), new NewApiKey("nobudget", null, Credits.parse("-1"), Set.of(), null)))
                    .hasMessageContaining("positive");
            assertThatThrownBy(() -> keys.issue(
                            team.id(), new NewApiKey("models", null, null, Set.of(new ModelId("aws/gpt-nope")), null)))
                    .hasMessageContaining("aws/gpt-nope");
            assertThatThrownBy(() -> keys.issue(team.id(), new NewApiKey("rpm", null, null, Set.of(), 0)))
                    .hasMessageContaining("Requests per minute");
            assertThat(keys.list(team.id())).isEmpty();
        });
    }

    @Test
    void aChangedKeyIsUsedWithItsNewLimitsAtOnceAndKeepsItsSecret() {
        TeamSummary team = testTeams.create("Key change");
        UserDetails admin = testTeams.addPerson(team, TeamRole.ADMIN);
        IssuedApiKey issued = actors.as(admin, () -> keys.issue(team.id(), NewApiKey.named("before")));
        assertThat(keys.authenticate(issued.plaintext()).requestsPerMinute()).isNull();
        Instant expiry = Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

        ApiKeyView changed = actors.as(
                admin,
                () -> keys.change(
                        issued.key().id(),
                        new NewApiKey("after", expiry, Credits.of("3.00"), Set.of(new ModelId("aws/glm-5")), 30)));

        assertThat(changed.name()).isEqualTo("after");
        assertThat(changed.expiresAt()).isEqualTo(expiry);
        AuthenticatedKey used = keys.authenticate(issued.plaintext());
        assertThat(used.requestsPerMinute())
                .as("the new limit, not a cached one")
                .isEqualTo(30);
        assertThat(used.allowedModels()).containsExactly(new ModelId("aws/glm-5"));
        assertThat(actors.as(admin, () -> budgets.of(issued.key().id())).budget())
                .as("the budget changes with the key")
                .isEqualTo(Credits.of("3.00"));
    }

    @Test
    void onlyAdminsOfTheKeysTeamChangeItAndARevokedKeyStaysAsItWas() {
        TeamSummary team = testTeams.create("Key change rights");
        TeamSummary other = testTeams.create("Key change other");
        UserDetails member = testTeams.addPerson(team, TeamRole.MEMBER);
        UserDetails stranger = testTeams.addPerson(other, TeamRole.OWNER);
        IssuedApiKey issued = actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named("guarded")));

        for (UserDetails someone : List.of(member, stranger)) {
            actors.as(
                    someone,
                    () -> assertThatThrownBy(() -> keys.change(issued.key().id(), NewApiKey.named("taken over")))
                            .isInstanceOf(AccessDeniedException.class));
        }
        actors.asPlatformAdmin(() -> keys.revoke(issued.key().id()));
        actors.asPlatformAdmin(
                () -> assertThatThrownBy(() -> keys.change(issued.key().id(), NewApiKey.named("revived")))
                        .isInstanceOf(InvalidApiKeyRequestException.class)
                        .hasMessageContaining("revoked"));
    }

    @Test
    void keyNamesAreUniqueAmongTheTeamsUnrevokedKeysUpToTwoHundredCharacters() {
        TeamSummary team = testTeams.create("Key names");
        TeamSummary other = testTeams.create("Key names elsewhere");
        String longest = "k".repeat(ApiKeyService.LONGEST_NAME);
        IssuedApiKey first = actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named(longest)));
        IssuedApiKey second = actors.asPlatformAdmin(() -> keys.issue(team.id(), NewApiKey.named("second")));

        actors.asPlatformAdmin(() -> {
            assertThatThrownBy(() -> keys.issue(team.id(), NewApiKey.named(longest.toUpperCase())))
                    .isInstanceOf(InvalidApiKeyRequestException.class)
                    .extracting(e -> ((InvalidApiKeyRequestException) e).field())
                    .isEqualTo("name");
            assertThatThrownBy(() -> keys.change(second.key().id(), NewApiKey.named(longest)))
                    .as("renaming onto another key's name")
                    .isInstanceOf(InvalidApiKeyRequestException.class);
            assertThatThrownBy(() -> keys.issue(team.id(), NewApiKey.named(longest + "k")))
                    .isInstanceOf(InvalidApiKeyRequestException.class)
                    .hasMessageContaining("at most 200 characters");
            assertThat(keys.issue(other.id(), NewApiKey.named(longest)).key().name())
                    .as("another team may use the name")
                    .isEqualTo(longest);
            assertThat(keys.change(first.key().id(), NewApiKey.named(longest)).name())
                    .as("a key keeps its own name")
                    .isEqualTo(longest);
            keys.revoke(first.key().id());
            assertThat(keys.issue(team.id(), NewApiKey.named(longest)).key().name())
                    .as("a revoked key's name is free again")
                    .isEqualTo(longest);
        });
    }
}
