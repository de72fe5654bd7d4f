package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.provider.bedrock.ConverseWire;
import dev.tollgate.provider.channel.ChannelKind;
import dev.tollgate.provider.channel.ChannelService;
import dev.tollgate.support.Actors;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.TestChannels;
import dev.tollgate.support.UpstreamReplies;
import dev.tollgate.support.UpstreamStandIn;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The table in docs/request-fields.md, row by row and channel kind by channel kind: each example goes through the
 * gateway to a stand-in upstream of that kind (or to the simulator), and the upstream must have received what the cell
 * says. The page is read here, so the documentation and the gateway cannot drift apart.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestFieldsTableTests {

    static final Path TABLE = Path.of("docs/request-fields.md");
    static final String UPSTREAM_MODEL = "up-model";
    static final String BEDROCK_UPSTREAM_MODEL = "anthropic.claude-sonnet-4-5-20250929-v1:0";
    static final String BEDROCK_PATH = "/model/" + BEDROCK_UPSTREAM_MODEL + "/converse-stream";
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** The channel kinds of the table's columns, each serving its own model. */
    enum Column {
        OPENAI_COMPATIBLE("aws/glm-5"),
        ANTHROPIC("aws/claude-opus-4-5"),
        BEDROCK("aws/claude-sonnet-4-0"),
        SIMULATOR("aws/minimax-m2.5");

        final String model;

        Column(String model) {
            this.model = model;
        }
    }

    enum Api {
        CHAT_COMPLETIONS("/v1/chat/completions"),
        MESSAGES("/v1/messages");

        final String path;

        Api(String path) {
            this.path = path;
        }
    }

    enum Verdict {
        PASSED,
        TRANSLATED,
        GATEWAY,
        REFUSED,
        IGNORED,
        HONOURED
    }

    /** One cell of the table: a row's field sent to one column's channel kind, and what must come of it. */
    record Case(
            Api api,
            String field,
            boolean header,
            String example,
            Column column,
            Verdict verdict,
            @Nullable JsonNode expected) {

        @Override
        public String toString() {
            return api + " " + field + (header ? " header" : "") + " → " + column + ": "
                    + verdict.name().toLowerCase() + (expected == null ? "" : " " + expected);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    ChannelService channelService;

    @Autowired
    Actors actors;

    TestChannels channels;
    UpstreamStandIn openAi;
    UpstreamStandIn anthropic;
    UpstreamStandIn bedrock;
    FundedTeam team;
    final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    void aChannelOfEachKind() {
        channels = new TestChannels(channelService, actors);
        openAi = new UpstreamStandIn().on("POST", "/v1/chat/completions", UpstreamReplies.openAiText("Hi", 9, 2));
        anthropic = new UpstreamStandIn().on("POST", "/v1/messages", UpstreamReplies.anthropicText("Hi", 9, 2));
        bedrock = new UpstreamStandIn()
                .on(
                        "POST",
                        BEDROCK_PATH,
                        ConverseWire.stream(ConverseWire.textReply(List.of("Hi"), "end_turn", 9, 2), Duration.ZERO));
        channels.add(
                "table-openai",
                ChannelKind.OPENAI_COMPATIBLE,
                openAi.baseUrl("/v1"),
                "sk-o",
                Map.of(Column.OPENAI_COMPATIBLE.model, UPSTREAM_MODEL),
                0);
        channels.add(
                "table-anthropic",
                ChannelKind.ANTHROPIC,
                anthropic.baseUrl("/v1"),
                "sk-a",
                Map.of(Column.ANTHROPIC.model, UPSTREAM_MODEL),
                0);
        channels.add(
                "table-bedrock",
                ChannelKind.BEDROCK,
                bedrock.baseUrl(""),
                "AKIATABLETESTKEY0001:secret",
                Map.of(Column.BEDROCK.model, BEDROCK_UPSTREAM_MODEL),
                0);
        team = FundedTeam.create(port, "Fields table", "100.00");
    }

    @AfterAll
    void removeChannels() {
        channels.removeAll();
        openAi.close();
        anthropic.close();
        bedrock.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void eachFieldReachesEachChannelKindAsTheTableSays(Case cell) throws Exception {
        UpstreamStandIn upstream = upstreamOf(cell.column());
        int before = upstream == null ? 0 : upstream.received().size();

        HttpResponse<String> response = send(cell);

        if (cell.verdict() == Verdict.REFUSED) {
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertNamesField(cell, JSON.readTree(response.body()));
            assertThat(upstream == null ? 0 : upstream.received().size())
                    .as("a refused field sends nothing upstream")
                    .isEqualTo(before);
            return;
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        if (upstream == null) {
            return;
        }
        assertThat(upstream.received()).as("the call reached the upstream").hasSize(before + 1);
        UpstreamStandIn.Received received = upstream.last();
        if (cell.header()) {
            assertHeader(cell, received);
            return;
        }
        JsonNode body = JSON.readTree(received.bodyText());
        switch (cell.verdict()) {
            case PASSED ->
                JSON.readTree(cell.example())
                        .properties()
                        .forEach(field -> assertThat(body.get(field.getKey()))
                                .as("%s reaches the upstream as sent", field.getKey())
                                .isEqualTo(field.getValue()));
            case TRANSLATED, GATEWAY -> {
                if (cell.expected() != null) {
                    assertContains(body, cell.expected(), "");
                }
                if (cell.expected() == null || !cell.expected().has(cell.field())) {
                    assertThat(body.has(cell.field()))
                            .as("%s itself does not reach the upstream: %s", cell.field(), body)
                            .isFalse();
                }
            }
            case IGNORED ->
                assertThat(body.has(cell.field()))
                        .as("%s is accepted and does not reach the upstream: %s", cell.field(), body)
                        .isFalse();
            case HONOURED -> throw new AssertionError("only the simulator honours");
            case REFUSED -> throw new AssertionError("handled above");
        }
    }

    private void assertHeader(Case cell, UpstreamStandIn.Received received) {
        switch (cell.verdict()) {
            case PASSED ->
                assertThat(received.header(cell.field()))
                        .as("the %s header reaches the upstream as sent", cell.field())
                        .isEqualTo(cell.example());
            case IGNORED ->
                assertThat(received.header(cell.field()))
                        .as("the %s header stays behind", cell.field())
                        .isNull();
            case TRANSLATED -> {
                assertThat(received.header(cell.field())).isNull();
                assertContains(JSON.readTree(received.bodyText()), cell.expected(), "");
            }
            default -> throw new AssertionError("no header is " + cell.verdict());
        }
    }

    private static void assertNamesField(Case cell, JsonNode error) {
        if (cell.api() == Api.CHAT_COMPLETIONS) {
            assertThat(error.path("error").path("param").asString())
                    .as("the OpenAI error names the field: %s", error)
                    .isEqualTo(cell.field());
        } else {
            assertThat(error.path("type").asString()).isEqualTo("error");
            assertThat(error.path("error").path("message").asString())
                    .as("the Anthropic error names the field: %s", error)
                    .startsWith(cell.field());
        }
        assertThat(error.path("error").path("type").asString()).isEqualTo("invalid_request_error");
    }

    /** Every key of {@code expected} is in {@code actual} with the same value; objects compare key by key. */
    private static void assertContains(JsonNode actual, @Nullable JsonNode expected, String path) {
        if (expected != null && expected.isObject()) {
            assertThat(actual.isObject())
                    .as("%s is an object in %s", path, actual)
                    .isTrue();
            expected.properties().forEach(entry -> {
                assertThat(actual.has(entry.getKey()))
                        .as("the upstream receives %s%s: %s", path, entry.getKey(), actual)
                        .isTrue();
                assertContains(actual.get(entry.getKey()), entry.getValue(), path + entry.getKey() + ".");
            });
            return;
        }
        assertThat(actual).as("the upstream receives %s", path).isEqualTo(expected);
    }

    private HttpResponse<String> send(Case cell) throws IOException, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("model", cell.column().model);
        body.putArray("messages").addObject().put("role", "user").put("content", "Hi");
        body.put("max_tokens", 16);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + cell.api().path))
                .header("Authorization", "Bearer " + team.key())
                .header("Content-Type", "application/json");
        if (cell.header()) {
            request.header(cell.field(), cell.example());
        } else {
            JSON.readTree(cell.example()).properties().forEach(field -> body.set(field.getKey(), field.getValue()));
        }
        return http.send(
                request.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private @Nullable UpstreamStandIn upstreamOf(Column column) {
        return switch (column) {
            case OPENAI_COMPATIBLE -> openAi;
            case ANTHROPIC -> anthropic;
            case BEDROCK -> bedrock;
            case SIMULATOR -> null;
        };
    }

    private static final Pattern FIELD = Pattern.compile("`([^`]+)`(.*)");
    private static final Pattern CELL =
            Pattern.compile("(passed|translated|gateway|refused|ignored|honoured)(?:\\s+`(.+)`)?");

    /** Every cell of both tables, read from the page. */
    static Stream<Case> cells() throws IOException {
        List<Case> cases = new ArrayList<>();
        Api api = null;
        for (String line : Files.readAllLines(TABLE)) {
            if (line.startsWith("## Chat Completions")) {
                api = Api.CHAT_COMPLETIONS;
            } else if (line.startsWith("## Messages")) {
                api = Api.MESSAGES;
            } else if (api != null && line.startsWith("| `")) {
                cases.addAll(row(api, line));
            }
        }
        assertThat(cases).as("the page lists fields of both APIs").hasSizeGreaterThan(200);
        return cases.stream();
    }

    private static List<Case> row(Api api, String line) {
        String[] cells = line.split("\\|");
        // cells[0] is empty: the line begins with a bar
        Matcher field = FIELD.matcher(cells[1].strip());
        assertThat(field.matches()).as("a field cell: %s", line).isTrue();
        boolean header = field.group(2).contains("header");
        String example = unquoted(cells[2].strip());
        List<Case> cases = new ArrayList<>();
        Column[] columns = Column.values();
        for (int i = 0; i < columns.length; i++) {
            Matcher cell = CELL.matcher(cells[3 + i].strip());
            assertThat(cell.matches())
                    .as("a verdict in %s: %s", line, cells[3 + i])
                    .isTrue();
            JsonNode expected = cell.group(2) == null ? null : JSON.readTree(cell.group(2));
            cases.add(new Case(
                    api,
                    field.group(1),
                    header,
                    example,
                    columns[i],
                    Verdict.valueOf(cell.group(1).toUpperCase()),
                    expected));
        }
        return cases;
    }

    private static String unquoted(String cell) {
        assertThat(cell).startsWith("`").endsWith("`");
        return cell.substring(1, cell.length() - 1);
    }
}
