package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.openai.errors.BadRequestException;
import com.openai.errors.NotFoundException;
import com.openai.models.responses.EasyInputMessage;
import com.openai.models.responses.Response;
import com.openai.models.responses.ResponseCreateParams;
import com.openai.models.responses.ResponseDeleteParams;
import com.openai.models.responses.ResponseInputItem;
import com.openai.models.responses.ResponseItem;
import com.openai.models.responses.inputitems.InputItemListPage;
import com.openai.models.responses.inputitems.InputItemListParams;
import dev.tollgate.responses.ResponseStore;
import dev.tollgate.responses.StoredResponse;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import dev.tollgate.support.RawHttp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stored response can be read, have its input items listed and be deleted by its own team through the Responses
 * API, with the official SDK; for anyone else, after deletion and after its retention, it does not exist.
 */
@IntegrationTest
class StoredResponsesApiTests {

    @LocalServerPort
    int port;

    @Autowired
    ResponseStore store;

    @Autowired
    JsonMapper json;

    FundedTeam team;
    FundedTeam otherTeam;

    @BeforeEach
    void teams() {
        team = FundedTeam.create(port, "Stored", "10.00");
        otherTeam = FundedTeam.create(port, "Stranger", "10.00");
    }

    @Test
    void theTeamReadsItsStoredResponseAsItWasReturned() {
        String id = stored(team, Instant.now(), "Say hello", "Hello there.");

        Response response = team.client().responses().retrieve(id);

        assertThat(response.id()).as("id").isEqualTo(id);
        assertThat(response.model().asString()).isEqualTo("acme-chat-1");
        assertThat(response.output()
                        .getFirst()
                        .asMessage()
                        .content()
                        .getFirst()
                        .asOutputText()
                        .text())
                .as("output text")
                .isEqualTo("Hello there.");
        assertThat(response.usage().orElseThrow().outputTokens()).isEqualTo(3);
    }

    @Test
    void anotherTeamsResponseIsNotFoundAndCannotBeDeleted() {
        String id = stored(team, Instant.now(), "Say hello", "Hello there.");

        assertThatThrownBy(() -> otherTeam.client().responses().retrieve(id))
                .as("another team reading it")
                .isInstanceOf(NotFoundException.class)
                .hasMessageContaining("Response with id '" + id + "' not found.");
        assertThatThrownBy(() -> otherTeam.client().responses().delete(id))
                .as("another team deleting it")
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> otherTeam.client().responses().inputItems().list(id))
                .as("another team listing its input")
                .isInstanceOf(NotFoundException.class);
        assertThat(team.client().responses().retrieve(id).id())
                .as("still there for its team")
                .isEqualTo(id);
    }

    @Test
    void aDeletedResponseIsGoneAndItsDeletionIsConfirmedOnce() {
        String id = stored(team, Instant.now(), "Say hello", "Hello there.");

        RawHttp.Response deleted = new RawHttp(port)
                .send("DELETE /v1/responses/" + id + " HTTP/1.1\r\n" + "Authorization: Bearer " + team.key() + "\r\n");

        assertThat(deleted.status()).as("status of %s", deleted).isEqualTo(200);
        ObjectNode body = (ObjectNode) json.readTree(deleted.text());
        assertThat(body.path("id").asString()).isEqualTo(id);
        assertThat(body.path("object").asString()).isEqualTo("response.deleted");
        assertThat(body.path("deleted").asBoolean()).isTrue();
        assertThatThrownBy(() -> team.client().responses().retrieve(id)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> team.client()
                        .responses()
                        .delete(ResponseDeleteParams.builder().responseId(id).build()))
                .as("deleting it again")
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void aResponsePastItsRetentionIsNotFound() {
        String expired = stored(team, Instant.now().minus(Duration.ofDays(31)), "Old", "Old answer.");
        String live = stored(team, Instant.now().minus(Duration.ofDays(29)), "Recent", "Recent answer.");

        assertThatThrownBy(() -> team.client().responses().retrieve(expired)).isInstanceOf(NotFoundException.class);
        assertThat(team.client().responses().retrieve(live).id()).isEqualTo(live);
    }

    @Test
    void inputItemsAreListedNewestFirstWithStableIdsAndPageByCursor() {
        String id = storedWithInput(
                team,
                List.of(
                        message("developer", "Be brief."),
                        message("user", "First question"),
                        message("user", "Second question")));

        InputItemListPage firstPage = team.client()
                .responses()
                .inputItems()
                .list(InputItemListParams.builder().responseId(id).limit(2).build());
        List<ResponseItem> items = firstPage.data();

        assertThat(items).as("first page").hasSize(2);
        assertThat(text(items.get(0))).as("newest first").isEqualTo("Second question");
        assertThat(text(items.get(1))).isEqualTo("First question");
        assertThat(firstPage.hasMore()).as("has more").contains(true);
        String cursor = items.get(1).asResponseInputMessageItem().id();
        assertThat(cursor).startsWith("msg_");

        InputItemListPage secondPage = team.client()
                .responses()
                .inputItems()
                .list(InputItemListParams.builder()
                        .responseId(id)
                        .limit(2)
                        .after(cursor)
                        .build());
        assertThat(secondPage.data()).hasSize(1);
        assertThat(text(secondPage.data().getFirst())).isEqualTo("Be brief.");
        assertThat(secondPage.hasMore()).contains(false);

        List<ResponseItem> ascending = team.client()
                .responses()
                .inputItems()
                .list(InputItemListParams.builder()
                        .responseId(id)
                        .order(InputItemListParams.Order.ASC)
                        .build())
                .data();
        assertThat(ascending)
                .extracting(StoredResponsesApiTests::text)
                .containsExactly("Be brief.", "First question", "Second question");
        assertThat(ascending.get(1).asResponseInputMessageItem().id())
                .as("the same item keeps its id however it is listed")
                .isEqualTo(cursor);
    }

    @Test
    void badListingParametersAreRefusedNamingThem() {
        String id = stored(team, Instant.now(), "Say hello", "Hello there.");
        RawHttp http = new RawHttp(port);
        String auth = "Authorization: Bearer " + team.key() + "\r\n";

        RawHttp.Response unknownCursor =
                http.send("GET /v1/responses/" + id + "/input_items?after=msg_nope HTTP/1.1\r\n" + auth);
        RawHttp.Response badLimit =
                http.send("GET /api/v1/responses/" + id + "/input_items?limit=0 HTTP/1.1\r\n" + auth);
        RawHttp.Response restream = http.send("GET /v1/responses/" + id + "?stream=true HTTP/1.1\r\n" + auth);

        assertThat(unknownCursor.status()).isEqualTo(400);
        assertThat(json.readTree(unknownCursor.text()).at("/error/param").asString())
                .isEqualTo("after");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(json.readTree(badLimit.text()).at("/error/param").asString()).isEqualTo("limit");
        assertThat(restream.status()).isEqualTo(400);
        assertThat(json.readTree(restream.text()).at("/error/param").asString()).isEqualTo("stream");
    }

    @Test
    void aConversationIsTheChainOldestFirstAndStopsWhereALinkIsGone() {
        String first = stored(team, Instant.now(), null, "One?", "One.");
        String second = stored(team, Instant.now(), first, "Two?", "Two.");
        String third = stored(team, Instant.now(), second, "Three?", "Three.");

        assertThat(store.conversation(team.teamId(), third).orElseThrow())
                .extracting(StoredResponsesApiTests::itemText)
                .containsExactly("One?", "One.", "Two?", "Two.", "Three?", "Three.");
        assertThat(store.conversation(otherTeam.teamId(), third))
                .as("another team's")
                .isEmpty();

        store.delete(team.teamId(), first);
        assertThat(store.conversation(team.teamId(), third).orElseThrow())
                .extracting(StoredResponsesApiTests::itemText)
                .containsExactly("Two?", "Two.", "Three?", "Three.");
    }

    @Test
    void anItemReferenceIsReplacedByTheTeamsStoredItemAndAnotherTeamsIsNotFound() {
        String id = stored(team, Instant.now(), "Say hello", "Hello there.");
        String messageId = "msg_" + id.substring(5);
        List<ResponseInputItem> input = List.of(
                userMessage("Say hello"),
                ResponseInputItem.ofItemReference(
                        ResponseInputItem.ItemReference.builder().id(messageId).build()),
                userMessage("Say it again"));

        Response answered = team.client()
                .responses()
                .create(ResponseCreateParams.builder()
                        .model("aws/claude-haiku-4-5")
                        .inputOfResponse(input)
                        .build());

        List<ResponseItem> sent = team.client()
                .responses()
                .inputItems()
                .list(
                        answered.id(),
                        InputItemListParams.builder()
                                .order(InputItemListParams.Order.ASC)
                                .build())
                .data();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1).isResponseOutputMessage())
                .as("the referred item, stored whole")
                .isTrue();
        assertThat(sent.get(1).asResponseOutputMessage().id()).isEqualTo(messageId);
        assertThat(sent.get(1)
                        .asResponseOutputMessage()
                        .content()
                        .getFirst()
                        .asOutputText()
                        .text())
                .isEqualTo("Hello there.");
        assertThatThrownBy(() -> otherTeam
                        .client()
                        .responses()
                        .create(ResponseCreateParams.builder()
                                .model("aws/claude-haiku-4-5")
                                .inputOfResponse(input)
                                .build()))
                .as("another team referring to it")
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("input[1].id: item with id '" + messageId + "' not found");
    }

    private static ResponseInputItem userMessage(String text) {
        return ResponseInputItem.ofEasyInputMessage(EasyInputMessage.builder()
                .role(EasyInputMessage.Role.USER)
                .content(text)
                .build());
    }

    private String stored(FundedTeam owner, Instant createdAt, String question, String answer) {
        return stored(owner, createdAt, null, question, answer);
    }

    private String stored(FundedTeam owner, @org.jspecify.annotations.Nullable String previous, String q, String a) {
        return stored(owner, Instant.now(), previous, q, a);
    }

    private String stored(
            FundedTeam owner,
            Instant createdAt,
            @org.jspecify.annotations.Nullable String previous,
            String question,
            String answer) {
        String id = "resp_" + UUID.randomUUID().toString().replace("-", "");
        store.save(new StoredResponse(
                id,
                owner.teamId(),
                previous,
                "acme-chat-1",
                List.of(message("user", question)),
                responseObject(id, createdAt, answer),
                createdAt));
        return id;
    }

    private String storedWithInput(FundedTeam owner, List<ObjectNode> input) {
        String id = "resp_" + UUID.randomUUID().toString().replace("-", "");
        store.save(new StoredResponse(
                id,
                owner.teamId(),
                null,
                "acme-chat-1",
                input,
                responseObject(id, Instant.now(), "Fine."),
                Instant.now()));
        return id;
    }

    private ObjectNode message(String role, String text) {
        return json.createObjectNode().put("role", role).put("content", text);
    }

    private ObjectNode responseObject(String id, Instant createdAt, String answer) {
        ObjectNode response = json.createObjectNode()
                .put("id", id)
                .put("object", "response")
                .put("created_at", createdAt.getEpochSecond())
                .put("status", "completed")
                .put("model", "acme-chat-1")
                .put("parallel_tool_calls", true)
                .put("tool_choice", "auto")
                .putNull("error")
                .putNull("incomplete_details")
                .putNull("instructions")
                .putNull("temperature")
                .putNull("top_p");
        response.putArray("tools");
        response.putObject("metadata");
        ObjectNode message = response.putArray("output")
                .addObject()
                .put("type", "message")
                .put("id", "msg_" + id.substring(5))
                .put("role", "assistant")
                .put("status", "completed");
        ObjectNode part = message.putArray("content")
                .addObject()
                .put("type", "output_text")
                .put("text", answer);
        part.putArray("annotations");
        ObjectNode usage = response.putObject("usage")
                .put("input_tokens", 5)
                .put("output_tokens", 3)
                .put("total_tokens", 8);
        usage.putObject("input_tokens_details").put("cached_tokens", 0);
        usage.putObject("output_tokens_details").put("reasoning_tokens", 0);
        return response;
    }

    private static String text(ResponseItem item) {
        return item.asResponseInputMessageItem()
                .content()
                .getFirst()
                .asInputText()
                .text();
    }

    private static String itemText(ObjectNode item) {
        if (item.path("content").isString()) {
            return item.path("content").asString();
        }
        return item.at("/content/0/text").asString();
    }
}
