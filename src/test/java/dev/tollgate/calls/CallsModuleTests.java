package dev.tollgate.calls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.tollgate.account.TeamId;
import dev.tollgate.account.TeamRole;
import dev.tollgate.account.TeamSummary;
import dev.tollgate.billing.BillingService;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.money.Credits;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.support.Actors;
import dev.tollgate.support.TestTeams;
import dev.tollgate.usage.UsageStatus;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.test.context.ActiveProfiles;

/**
 * The call lifecycle with only the modules it stands on: no public API, no portal, no admin API. A call is priced,
 * held, answered, charged and recorded, and a call that cannot go ahead is refused with a {@link Refusal}, not with
 * anything of HTTP.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "database")
@ActiveProfiles("test")
@Import({Actors.class, TestTeams.class})
class CallsModuleTests {

    private static final ModelId HAIKU = new ModelId("aws/claude-haiku-4-5");

    @Autowired
    ChatPipeline pipeline;

    @Autowired
    TestTeams teams;

    @Autowired
    BillingService billing;

    @Autowired
    Actors actors;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void theCoreRunsWithoutTheApiThePortalOrTheAdminApi() {
        List<String> edges = List.of("dev.tollgate.gateway.", "dev.tollgate.portal.", "dev.tollgate.admin.");
        List<String> loaded = List.of(context.getBeanDefinitionNames()).stream()
                .map(name -> context.getType(name))
                .filter(type -> type != null)
                .map(Class::getName)
                .filter(type -> edges.stream().anyMatch(type::startsWith))
                .toList();

        assertThat(loaded).as("beans of the modules on top of the core").isEmpty();
    }

    @Test
    void aPlaygroundCallIsHeldAnsweredChargedOnceAndRecordedWithItsCaller() {
        Member member = fundedMember("10.00");
        TeamId team = member.team();
        ChatCall call = ChatCall.portal("req-" + UUID.randomUUID(), team, null, ask("Tell me about tides", 40));
        StringBuilder reply = new StringBuilder();

        ChatOutcome outcome = actors.as(
                member.person(),
                () -> pipeline.execute(call, event -> {
                    if (event instanceof ChatEvent.TextDelta text) {
                        reply.append(text.text());
                    }
                }));

        assertThat(reply).as("the reply reached the listener").isNotEmpty();
        assertThat(outcome.status()).isEqualTo(UsageStatus.SUCCEEDED);
        assertThat(outcome.charged()).as("a call costs something").isGreaterThan(Credits.ZERO);
        assertThat(balance(team))
                .as("the balance is the top-up less exactly what the outcome says was charged")
                .isEqualByComparingTo(Credits.parse("10.00").minus(outcome.charged()));
        Map<String, Object> row = jdbc.queryForMap(
                "SELECT source, dialect, api_key_id, status FROM usage_record WHERE request_id = ?", call.requestId());
        assertThat(row)
                .as("the usage row carries the caller")
                .containsEntry("source", "PLAYGROUND")
                .containsEntry("status", "SUCCEEDED");
        assertThat(row.get("dialect")).isNull();
        assertThat(row.get("api_key_id")).isNull();
    }

    @Test
    void aCallTheBalanceCannotCoverIsRefusedAsADomainRefusalAndChargesNothing() {
        Member member = fundedMember("0.000001");
        TeamId team = member.team();
        ChatCall call = ChatCall.portal("req-" + UUID.randomUUID(), team, null, ask("Tell me about tides", 4000));

        CallRefusedException refused = catchThrowableOfType(
                CallRefusedException.class, () -> actors.as(member.person(), () -> pipeline.execute(call, e -> {})));

        assertThat(refused.refusal()).isInstanceOf(Refusal.InsufficientCredit.class);
        assertThat(balance(team)).as("nothing was charged").isEqualByComparingTo(Credits.parse("0.000001"));
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM credit_hold WHERE request_id = ?", Long.class, call.requestId()))
                .as("no hold was left behind")
                .isZero();
    }

    @Test
    void aModelTheCatalogDoesNotKnowIsRefusedByName() {
        Member member = fundedMember("1.00");
        TeamId team = member.team();
        ChatRequest request = new ChatRequest(
                new ModelId("nowhere/no-such-model"),
                List.of(),
                List.of(ChatMessage.user("hello")),
                List.of(),
                ToolChoice.AUTO,
                10,
                null,
                List.of(),
                true,
                team.toString());

        CallRefusedException refused = catchThrowableOfType(
                CallRefusedException.class,
                () -> actors.as(
                        member.person(),
                        () -> pipeline.execute(
                                ChatCall.portal("req-" + UUID.randomUUID(), team, null, request), e -> {})));

        assertThat(refused.refusal())
                .isInstanceOfSatisfying(
                        Refusal.UnknownModel.class,
                        unknown -> assertThat(unknown.toString()).contains("nowhere/no-such-model"));
    }

    /** A member of a team with {@code balance}, who calls as people do from the playground. */
    private record Member(TeamId team, UserDetails person) {}

    private Member fundedMember(String balance) {
        TeamSummary team = teams.createWithBalance("Core", balance);
        return new Member(team.id(), teams.addPerson(team, TeamRole.MEMBER));
    }

    private Credits balance(TeamId team) {
        return actors.asPlatformAdmin(() -> billing.balance(team));
    }

    private static ChatRequest ask(String question, int maxTokens) {
        return new ChatRequest(
                HAIKU,
                List.of(),
                List.of(ChatMessage.user(question)),
                List.of(),
                ToolChoice.AUTO,
                maxTokens,
                null,
                List.of(),
                true,
                "module-test");
    }
}
