package dev.tollgate.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;

import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.errors.InternalServerException;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.images.ImageGenerateParams;
import dev.tollgate.account.TeamId;
import dev.tollgate.billing.PrepaidCharge;
import dev.tollgate.billing.PrepaidCharges;
import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.media.MediaProperties;
import dev.tollgate.money.Credits;
import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatProvider;
import dev.tollgate.provider.ChatRouter;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.GeneratedImage;
import dev.tollgate.provider.ImageProvider;
import dev.tollgate.provider.ImageRequest;
import dev.tollgate.provider.ImageRouter;
import dev.tollgate.provider.ImageSink;
import dev.tollgate.provider.NoUpstreamChannelException;
import dev.tollgate.provider.RoutedChatStream;
import dev.tollgate.provider.UpstreamException;
import dev.tollgate.provider.channel.Routed;
import dev.tollgate.support.AdminApiClient;
import dev.tollgate.support.AnthropicClients;
import dev.tollgate.support.Books;
import dev.tollgate.support.FundedTeam;
import dev.tollgate.support.IntegrationTest;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/**
 * Upstreams that fail: before any output nothing is charged and the caller gets a 502/503; after output began the
 * caller is charged for what was delivered and the stream ends with an error event.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class UpstreamFailureTests {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @MockitoBean
    ChatRouter router;

    @MockitoBean
    ImageRouter imageRouter;

    @Autowired
    PrepaidCharges prepaid;

    @Autowired
    MediaProperties media;

    String team;
    OpenAIClient client;

    private FundedTeam funded;

    @BeforeEach
    void fundedTeam() {
        funded = FundedTeam.create(port, "Failures", "1.00");
        team = funded.id();
        client = funded.client();
    }

    /** Routes every chat request to {@code provider}, as the router would with it as the only channel. */
    private void serveChatWith(ChatProvider provider) {
        given(router.open(any()))
                .willAnswer(call -> new RoutedChatStream("test-upstream", provider.open(call.getArgument(0))));
    }

    private void serveImagesWith(ImageProvider provider) {
        given(imageRouter.generate(any(), any()))
                .willAnswer(call -> new Routed<>(
                        provider.channelName(), provider.generate(call.getArgument(0), call.getArgument(1))));
    }

    @Test
    void anUpstreamDownBeforeAnyOutputIsA503AndCostsNothing() {
        serveChatWith(request -> {
            throw new UpstreamException("connection refused", true);
        });
        assertThatThrownBy(() -> client.chat().completions().create(params()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.headers().values("retry-after")).isNotEmpty();
                });
        assertNothingCharged();
        assertThat(usage().get("status")).isEqualTo("FAILED");
    }

    @Test
    void noChannelForTheModelIsA503WithAClearMessage() {
        given(router.open(any())).willThrow(new NoUpstreamChannelException("aws/claude-haiku-4-5"));
        assertThatThrownBy(() -> client.chat().completions().create(params()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("No upstream channel serves the model");
                });
        assertNothingCharged();
    }

    @Test
    void anthropicCallersGetTheOverloadedErrorForAnUnavailableUpstream() throws Exception {
        serveChatWith(request -> {
            throw new UpstreamException("connection refused", true);
        });
        AdminApiClient admin = new AdminApiClient(port, IntegrationTest.MASTER_KEY);
        String key =
                admin.createKey(team, "{\"name\":\"anthropic\"}").get("key").asString();
        com.anthropic.client.AnthropicClient anthropic = AnthropicClients.forKey(port, key);
        assertThatThrownBy(() -> anthropic
                        .messages()
                        .create(com.anthropic.models.messages.MessageCreateParams.builder()
                                .model("aws/claude-haiku-4-5")
                                .maxTokens(20)
                                .addUserMessage("hello")
                                .build()))
                .isInstanceOfSatisfying(com.anthropic.errors.ServiceUnavailableException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.type())
                            .hasValueSatisfying(
                                    type -> assertThat(type.toString()).contains("overloaded"));
                });
        assertNothingCharged();
    }

    @Test
    void aBrokenUpstreamIsA502() {
        serveChatWith(request -> {
            throw new UpstreamException("upstream answered 400: bad schema", false);
        });
        assertThatThrownBy(() -> client.chat().completions().create(params()))
                .isInstanceOfSatisfying(
                        InternalServerException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(502));
        assertNothingCharged();
    }

    @Test
    void anUpstreamRefusingTheRequestAsMalformedIsA400NotA502() {
        serveChatWith(request -> {
            throw new UpstreamException("The upstream answered 400: messages.0.content: bad value", false, 400, null);
        });
        assertThatThrownBy(() -> client.chat().completions().create(params()))
                .as("a 400 is the caller's to fix; a 502 would make the SDKs retry it")
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.type()).hasValue("invalid_request_error");
                    assertThat(e.getMessage()).contains("messages.0.content: bad value");
                });
        assertNothingCharged();
        assertThat(usage().get("status")).isEqualTo("FAILED");
    }

    @Test
    void aFailureMidStreamChargesForTheDeliveredTokensAndEndsTheStreamWithAnError() {
        serveChatWith(new FailingAfter(3));
        List<String> received = new ArrayList<>();
        assertThatThrownBy(() -> {
                    try (StreamResponse<ChatCompletionChunk> stream =
                            client.chat().completions().createStreaming(params())) {
                        stream.stream()
                                .forEach(chunk -> chunk.choices()
                                        .forEach(choice ->
                                                choice.delta().content().ifPresent(received::add)));
                    }
                })
                .as("the SDK raises the in-stream error")
                .isInstanceOf(RuntimeException.class);
        assertThat(String.join("", received)).isEqualTo("one two three ");
        Map<String, Object> usage = usage();
        assertThat(usage.get("status")).isEqualTo("FAILED");
        assertThat(((Number) usage.get("output_tokens")).longValue()).isEqualTo(3);
        BigDecimal expected = new BigDecimal("1.00")
                .movePointLeft(6)
                .multiply(BigDecimal.valueOf(20))
                .add(new BigDecimal("5.00").movePointLeft(6).multiply(BigDecimal.valueOf(3)));
        assertThat(balance()).isEqualByComparingTo(new BigDecimal("1.00").subtract(expected));
        assertThat(openHolds()).isZero();
    }

    @Test
    void aFailureMidReplyOfAWholeResponseIsA503AndCostsNothing() {
        serveChatWith(new FailingAfter(3));
        assertThatThrownBy(() -> client.chat().completions().create(params()))
                .isInstanceOfSatisfying(
                        InternalServerException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(503));
        assertNothingCharged();
        assertThat(usage().get("status")).isEqualTo("FAILED");
    }

    @Test
    void anImageRenderThatFailsIsRefundedOnceAndLeavesNoMedia() throws Exception {
        serveImagesWith(new ImageProvider() {
            @Override
            public String channelName() {
                return "broken";
            }

            @Override
            public List<GeneratedImage> generate(ImageRequest request, ImageSink sink) {
                try (OutputStream first = sink.open(0)) {
                    first.write(new byte[] {(byte) 0x89, 'P', 'N', 'G'});
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                throw new UpstreamException("the renderer crashed", false);
            }
        });

        assertThatThrownBy(() -> client.images()
                        .generate(ImageGenerateParams.builder()
                                .model("enterprise/image-2")
                                .prompt("A bridge")
                                .n(2)
                                .build()))
                .isInstanceOfSatisfying(
                        InternalServerException.class,
                        e -> assertThat(e.statusCode()).isEqualTo(502));

        assertThat(balance()).as("the charge came back").isEqualByComparingTo("1.00");
        assertThat(jdbc.sql("select kind || ' ' || amount from ledger_entry where team_id = ?::uuid order by id")
                        .param(team)
                        .query(String.class)
                        .list())
                .containsExactly("TOP_UP 1.000000000", "CHARGE -0.320000000", "REFUND 0.320000000");
        assertThat(jdbc.sql("select count(*) from media_item where team_id = ?::uuid")
                        .param(team)
                        .query(Long.class)
                        .single())
                .isZero();
        try (var staged = Files.list(media.directory().resolve(".staging"))) {
            assertThat(staged).as("the half-written image is gone").isEmpty();
        }
        Map<String, Object> usage = usage();
        assertThat(usage.get("status")).isEqualTo("FAILED");
        assertThat((BigDecimal) usage.get("total_cost")).isEqualByComparingTo("0");

        // a second failure signal for the same request finds the charge refunded already
        Map<String, Object> row = jdbc.sql("select id, request_id, amount from prepaid_charge where team_id = ?::uuid")
                .param(team)
                .query()
                .singleRow();
        PrepaidCharge charge = new PrepaidCharge(
                (java.util.UUID) row.get("id"),
                new TeamId(java.util.UUID.fromString(team)),
                null,
                (String) row.get("request_id"),
                new Credits((BigDecimal) row.get("amount")));
        assertThat(prepaid.refund(charge, "reported again")).isFalse();
        assertThat(balance()).isEqualByComparingTo("1.00");
    }

    @Test
    void noChannelForAnImageModelIsA503AndCostsNothing() {
        given(imageRouter.generate(any(), any())).willThrow(new NoUpstreamChannelException("enterprise/image-2"));

        assertThatThrownBy(() -> client.images()
                        .generate(ImageGenerateParams.builder()
                                .model("enterprise/image-2")
                                .prompt("A bridge")
                                .build()))
                .isInstanceOfSatisfying(InternalServerException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(e.getMessage()).contains("No upstream channel serves the model");
                });
        assertThat(balance()).isEqualByComparingTo("1.00");
    }

    private static ChatCompletionCreateParams params() {
        ChatCompletionCreateParams.Builder builder = ChatCompletionCreateParams.builder()
                .model("aws/claude-haiku-4-5")
                .addUserMessage("hello")
                .maxCompletionTokens(50);
        return builder.build();
    }

    private void assertNothingCharged() {
        assertThat(balance()).isEqualByComparingTo("1.00");
        assertThat(openHolds()).isZero();
    }

    private BigDecimal balance() {
        return funded.balance(jdbc);
    }

    /** Open holds, and one more when the team's account still holds credit. */
    private long openHolds() {
        Books books = new Books(jdbc);
        return books.openHolds(Books.team(team)) + (books.held(Books.team(team)).signum() != 0 ? 1 : 0);
    }

    private Map<String, Object> usage() {
        return jdbc.sql("select * from usage_record where team_id = ?::uuid")
                .param(team)
                .query()
                .singleRow();
    }

    /** An upstream that streams a few tokens and then breaks; it reports 20 prompt tokens. */
    private static final class FailingAfter implements ChatProvider {

        private final int tokens;

        FailingAfter(int tokens) {
            this.tokens = tokens;
        }

        @Override
        public ChatStream open(dev.tollgate.provider.ChatRequest request) {
            String[] words = {"one ", "two ", "three ", "four "};
            return new ChatStream() {
                private int sent;

                @Override
                public TokenCounts usageSoFar() {
                    return new TokenCounts(20, sent, 0, 0);
                }

                @Override
                public void close() {}

                @Override
                public boolean hasNext() {
                    return true;
                }

                @Override
                public ChatEvent next() {
                    if (sent == tokens) {
                        throw new UpstreamException("connection reset by upstream", true);
                    }
                    return new ChatEvent.TextDelta(words[sent++]);
                }
            };
        }
    }
}
