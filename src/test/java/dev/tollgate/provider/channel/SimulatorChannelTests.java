package dev.tollgate.provider.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.client.OpenAIClient;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import dev.tollgate.calls.ChatPipeline;
import dev.tollgate.calls.ImagePipeline;
import dev.tollgate.calls.VideoPipeline;
import dev.tollgate.catalog.CatalogModel;
import dev.tollgate.catalog.ModelId;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatRouter;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.ToolChoice;
import dev.tollgate.support.Actors;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import dev.tollgate.support.UpstreamStandIn.Answer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The built-in simulator as a channel of its own: there from the start, switched off and on like any channel, never
 * deleted, renamed or made twice, standing in only for models no enabled channel serves, with its calls in its health.
 */
@IntegrationTest
class SimulatorChannelTests {

    static final String MODEL = "aws/glm-5";

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ChatRouter chatRouter;

    @Autowired
    ChatPipeline chatPipeline;

    @Autowired
    ImagePipeline imagePipeline;

    @Autowired
    VideoPipeline videoPipeline;

    TestChannels channels;
    UpstreamStandIn upstream;
    FundedTeam team;
    OpenAIClient client;

    @BeforeEach
    void aTeam() {
        channels = new TestChannels(channelService, actors);
        upstream = new UpstreamStandIn();
        team = FundedTeam.create(port, "Simulated", "10.00");
        client = team.client();
    }

    @AfterEach
    void simulatorOnAndChannelsRemoved() {
        channels.switchSimulator(true);
        channels.removeAll();
        upstream.close();
    }

    @Test
    void theSimulatorIsAChannelFromTheStartThatServesEveryModelAfterAllOthers() {
        ChannelView simulator = channels.simulator();

        assertThat(simulator.kind().id()).isEqualTo("simulator");
        assertThat(simulator.enabled()).as("on by default").isTrue();
        assertThat(simulator.fromConfig())
                .as("TOLLGATE_SIMULATOR_ENABLED is not set in tests")
                .isFalse();
        assertThat(simulator.hasSecret()).isFalse();
        assertThat(simulator.baseUrl()).as("it calls no upstream").isNull();
        assertThat(simulator.models()).as("no list: every catalog model").isEmpty();
        assertThat(simulator.priority())
                .as("beyond the 0 to 1000 administrators can give")
                .isGreaterThan(1000);
        assertThat(actors.asPlatformAdmin(() -> channelService.list()))
                .as("listed last, after every real channel")
                .last()
                .extracting(ChannelView::name)
                .isEqualTo("simulator");
    }

    @Test
    void switchedOffItLeavesAModelNoOtherChannelServesUnavailableAndSwitchedOnItServesItAgain() {
        channels.switchSimulator(false);

        assertThatThrownBy(() -> say(MODEL)).isInstanceOfSatisfying(InternalServerException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(503);
            assertThat(e.getMessage()).contains("No upstream channel serves the model '" + MODEL + "'");
        });
        assertThat(ids(chatPipeline.models()))
                .as("the playground's pickers no longer offer it")
                .doesNotContain(MODEL);
        assertThat(ids(imagePipeline.models())).isEmpty();
        assertThat(ids(videoPipeline.models())).isEmpty();
        assertThat(charges())
                .as("nothing is charged for a model nothing serves")
                .isEmpty();

        channels.switchSimulator(true);

        assertThat(say(MODEL)).isNotBlank();
        assertThat(ids(chatPipeline.models())).contains(MODEL);
        assertThat(ids(imagePipeline.models())).contains("enterprise/image-2");
        assertThat(ids(videoPipeline.models())).contains("enterprise/seedance-1-5-pro");
        assertThat(usageChannels())
                .as("the refused request is recorded without a channel, the answered one with the simulator's")
                .containsExactly("(none)", "simulator");
    }

    @Test
    void aRealChannelOnTheModelGoesFirstAndTheSimulatorIsNotCalledWhileItAnswers() {
        upstream.on("POST", "/v1/messages", UpstreamReplies.anthropicText("from the real one", 5, 2));
        channels.add("real-one", ChannelKind.ANTHROPIC, upstream.baseUrl("/v1"), "sk-real", Map.of(MODEL, "up"), 1000);
        int simulatorCallsBefore = simulatorCalls();

        for (int i = 0; i < 3; i++) {
            assertThat(say(MODEL)).isEqualTo("from the real one");
        }

        assertThat(upstream.received()).hasSize(3);
        assertThat(usageChannels()).containsExactly("real-one", "real-one", "real-one");
        assertThat(simulatorCalls()).isEqualTo(simulatorCallsBefore);
    }

    @Test
    void whenTheRealChannelsOfAModelFailTheCallerIsToldAndTheSimulatorDoesNotAnswerInstead() {
        upstream.on(
                "POST", "/v1/messages", Answer.json(503, "{\"type\":\"error\",\"error\":{\"type\":\"api_error\"}}"));
        channels.add("failing-one", ChannelKind.ANTHROPIC, upstream.baseUrl("/v1"), "sk-f", Map.of(MODEL, "up"), 0);
        int simulatorCallsBefore = simulatorCalls();

        assertThatThrownBy(() -> say(MODEL))
                .isInstanceOfSatisfying(
                        InternalServerException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(503));

        assertThat(upstream.received()).hasSize(1);
        assertThat(simulatorCalls()).isEqualTo(simulatorCallsBefore);
        assertThat(usageChannels()).doesNotContain("simulator");
        assertThat(charges()).isEmpty();
    }

    @Test
    void callsTheSimulatorAnswersShowInItsHealth() {
        int before = simulatorCalls();

        say(MODEL);
        say(MODEL);

        assertThat(simulatorCalls()).isEqualTo(before + 2);
        assertThat(health(channels.simulator()).circuit()).isEqualTo(ChannelHealth.Circuit.CLOSED);
    }

    @Test
    void theSimulatorCannotBeDeleted() {
        ChannelView simulator = channels.simulator();

        assertThatThrownBy(() -> actors.asPlatformAdmin(() -> channelService.delete(simulator.id())))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("cannot be deleted")
                .hasMessageContaining("switch it off");
        assertThat(channels.simulator().id()).isEqualTo(simulator.id());
    }

    @Test
    void theSimulatorCannotBeRenamedOrGivenAnUpstream() {
        ChannelView simulator = channels.simulator();

        assertThatThrownBy(() -> update(simulator, draft("pretender", simulator.kind(), "", Map.of(), 1001)))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("Name: the built-in simulator keeps its name");
        assertThatThrownBy(() -> update(
                        simulator,
                        draft("simulator", ChannelKind.OPENAI_COMPATIBLE, "https://a.example/v1", Map.of(), 0)))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("Kind:");
        assertThatThrownBy(() -> update(simulator, draft("simulator", simulator.kind(), "", Map.of(MODEL, ""), 1001)))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("Models:");
        assertThatThrownBy(() -> update(simulator, draft("simulator", simulator.kind(), "", Map.of(), 0)))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("Priority:");
        assertThat(channels.simulator().name()).isEqualTo("simulator");
    }

    @Test
    void anUnchangedSimulatorSavedWithOnlyItsSwitchTurnedIsSwitched() {
        ChannelView simulator = channels.simulator();

        update(simulator, draft("simulator", simulator.kind(), "", Map.of(), simulator.priority()), false);

        assertThat(channels.simulator().enabled()).isFalse();
    }

    @Test
    void aSecondSimulatorCannotBeMade() {
        ChannelKind simulatorKind = ChannelKind.fromId("simulator").orElseThrow();

        assertThatThrownBy(() -> actors.asPlatformAdmin(
                        () -> channelService.create(draft("simulator", simulatorKind, "", Map.of(), 1001))))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("there is one built-in simulator");
        assertThatThrownBy(() -> actors.asPlatformAdmin(
                        () -> channelService.create(draft("second", simulatorKind, "", Map.of(), 1001))))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("there is one built-in simulator");
        assertThatThrownBy(() -> actors.asPlatformAdmin(() -> channelService.create(draft(
                        "Simulator", ChannelKind.OPENAI_COMPATIBLE, "https://a.example/v1", Map.of(MODEL, ""), 0))))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("the built-in simulator's");
        ChannelView real = channels.add(
                "not-a-simulator", ChannelKind.OPENAI_COMPATIBLE, upstream.baseUrl("/v1"), "sk", Map.of(MODEL, ""), 0);
        assertThatThrownBy(() -> update(real, draft("not-a-simulator", simulatorKind, "", Map.of(), 1001)))
                .isInstanceOf(InvalidChannelException.class)
                .hasMessageContaining("there is one built-in simulator");
        assertThat(actors.asPlatformAdmin(() -> channelService.list()))
                .filteredOn(channel -> channel.kind() == simulatorKind)
                .hasSize(1);
    }

    @Test
    void theBareSimulatorAnswersWhateverRoutingSays() {
        upstream.on("POST", "/v1/messages", UpstreamReplies.anthropicText("from the real one", 5, 2));
        channels.add("routed-one", ChannelKind.ANTHROPIC, upstream.baseUrl("/v1"), "sk-r", Map.of(MODEL, "up"), 0);
        channels.switchSimulator(false);

        StringBuilder text = new StringBuilder();
        try (ChatStream stream = chatRouter.openOnSimulator(request("Say exactly: bare"))) {
            stream.forEachRemaining(event -> {
                if (event instanceof ChatEvent.TextDelta delta) {
                    text.append(delta.text());
                }
            });
        }

        assertThat(text).hasToString("bare");
        assertThat(upstream.received())
                .as("the benchmark endpoint never reaches a real upstream")
                .isEmpty();
    }

    private String say(String model) {
        return client.chat()
                .completions()
                .create(ChatCompletionCreateParams.builder()
                        .model(model)
                        .addUserMessage("Say something")
                        .maxCompletionTokens(30)
                        .build())
                .choices()
                .getFirst()
                .message()
                .content()
                .orElse("");
    }

    private static ChatRequest request(String question) {
        return new ChatRequest(
                new ModelId(MODEL),
                List.of(),
                List.of(ChatMessage.user(question)),
                List.of(),
                ToolChoice.AUTO,
                50,
                null,
                List.of(),
                false,
                "bare");
    }

    private static ChannelDraft draft(
            String name, ChannelKind kind, String baseUrl, Map<String, String> models, int priority) {
        return new ChannelDraft(
                name,
                kind,
                baseUrl,
                null,
                null,
                models,
                priority,
                1,
                ChannelDraft.DEFAULT_CONNECT_TIMEOUT,
                ChannelDraft.DEFAULT_TIMEOUT,
                true);
    }

    private void update(ChannelView channel, ChannelDraft draft) {
        actors.asPlatformAdmin(() -> channelService.update(channel.id(), draft));
    }

    private void update(ChannelView channel, ChannelDraft draft, boolean enabled) {
        update(
                channel,
                new ChannelDraft(
                        draft.name(),
                        draft.kind(),
                        draft.baseUrl(),
                        draft.region(),
                        draft.secret(),
                        draft.models(),
                        draft.priority(),
                        draft.weight(),
                        draft.connectTimeout(),
                        draft.timeout(),
                        enabled));
    }

    private int simulatorCalls() {
        return health(channels.simulator()).attempts();
    }

    private ChannelHealth health(ChannelView channel) {
        return actors.asPlatformAdmin(() -> channelService.health().get(channel.id()));
    }

    private static List<String> ids(List<CatalogModel> models) {
        return models.stream().map(model -> model.id().value()).toList();
    }

    private List<String> usageChannels() {
        return jdbc.sql("select coalesce(channel, '(none)') from usage_record where team_id = ?::uuid"
                        + " order by created_at")
                .param(team.id())
                .query(String.class)
                .list();
    }

    private List<java.math.BigDecimal> charges() {
        return jdbc.sql("select amount from ledger_entry where team_id = ?::uuid and kind <> 'TOP_UP'")
                .param(team.id())
                .query(java.math.BigDecimal.class)
                .list();
    }
}
