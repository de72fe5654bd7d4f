package dev.tollgate.provider.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.CacheTtl;
import dev.tollgate.provider.ChatMessage;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.TextPart;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.support.MutableClock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimulatorPromptCacheTests {

    static final JtokkitTokenCounter COUNTER = new JtokkitTokenCounter();

    /** About 1,400 tokens: enough to be cached. */
    static final String LONG_MANUAL =
            "The quarterly report covers revenue, costs and hiring plans in detail. ".repeat(100);

    /** About 280 tokens: too short to be cached. */
    static final String SHORT_MANUAL =
            "The quarterly report covers revenue, costs and hiring plans in detail. ".repeat(20);

    final MutableClock clock = new MutableClock();
    final SimulatorChatProvider simulator = new SimulatorChatProvider(SimulatorProperties.unpaced(), COUNTER, clock);

    @Test
    void explicitBreakpointOverTheThresholdIsWrittenThenRead() {
        long prefix = JtokkitTokenCounter.REQUEST_OVERHEAD
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText(LONG_MANUAL);
        assertThat(prefix).as("the test's prefix must pass the threshold").isGreaterThanOrEqualTo(1024);

        ChatRequest first =
                withManual(LONG_MANUAL, "Summarise the revenue section.").build();
        ChatRequest second =
                withManual(LONG_MANUAL, "What are the hiring plans?").build();

        TokenCounts written = usage(first);
        TokenCounts read = usage(second);

        assertThat(written).isEqualTo(new TokenCounts(COUNTER.countPrompt(first) - prefix, 0, 0, prefix));
        assertThat(read).isEqualTo(new TokenCounts(COUNTER.countPrompt(second) - prefix, 0, prefix, 0));
    }

    @Test
    void prefixUnderTheThresholdIsNeverCached() {
        ChatRequest request =
                withManual(SHORT_MANUAL, "Summarise the revenue section.").build();

        TokenCounts first = usage(request);
        TokenCounts second = usage(request);

        for (TokenCounts usage : List.of(first, second)) {
            assertThat(usage.cacheRead()).isZero();
            assertThat(usage.cacheWrite()).isZero();
            assertThat(usage.input()).isEqualTo(COUNTER.countPrompt(request));
        }
    }

    @Test
    void breakpointOnALaterPartCachesEverythingUpToIt() {
        ChatRequest request = Requests.conversation()
                .system("You summarise reports.", true)
                .message(new ChatMessage(ChatMessage.Role.USER, List.of(new TextPart(LONG_MANUAL, true))))
                .message(ChatMessage.assistant("Understood."))
                .message(ChatMessage.user("Summarise the revenue section."))
                .build();
        long prefix = JtokkitTokenCounter.REQUEST_OVERHEAD
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText("You summarise reports.")
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText(LONG_MANUAL);

        assertThat(usage(request).cacheWrite()).isEqualTo(prefix);
        assertThat(usage(request).cacheRead()).isEqualTo(prefix);
    }

    @Test
    void implicitCachingCachesAllButTheLastMessage() {
        Requests history = Requests.conversation()
                .implicitPromptCaching()
                .message(ChatMessage.user(LONG_MANUAL))
                .message(ChatMessage.assistant("Understood."));
        ChatRequest first = copy(history)
                .message(ChatMessage.user("Summarise the revenue section."))
                .build();
        ChatRequest second = copy(history)
                .message(ChatMessage.user("What are the hiring plans?"))
                .build();
        long prefix = JtokkitTokenCounter.REQUEST_OVERHEAD
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText(LONG_MANUAL)
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText("Understood.");

        assertThat(usage(first)).isEqualTo(new TokenCounts(COUNTER.countPrompt(first) - prefix, 0, 0, prefix));
        assertThat(usage(second)).isEqualTo(new TokenCounts(COUNTER.countPrompt(second) - prefix, 0, prefix, 0));
    }

    @Test
    void implicitCachingNeedsALongEnoughPrefix() {
        ChatRequest request = Requests.conversation()
                .implicitPromptCaching()
                .message(ChatMessage.user(SHORT_MANUAL))
                .message(ChatMessage.assistant("Understood."))
                .message(ChatMessage.user("Summarise the revenue section."))
                .build();

        usage(request);
        TokenCounts again = usage(request);

        assertThat(again.cacheRead()).isZero();
        assertThat(again.cacheWrite()).isZero();
    }

    @Test
    void withoutBreakpointsOrImplicitCachingNothingIsCached() {
        ChatRequest request = Requests.conversation()
                .message(ChatMessage.user(LONG_MANUAL))
                .message(ChatMessage.assistant("Understood."))
                .message(ChatMessage.user("Summarise the revenue section."))
                .build();

        usage(request);
        TokenCounts again = usage(request);

        assertThat(again.input()).isEqualTo(COUNTER.countPrompt(request));
    }

    @Test
    void cacheScopesDoNotShareEntries() {
        ChatRequest teamOne =
                withManual(LONG_MANUAL, "Summarise it.").cacheScope("team-1").build();
        ChatRequest teamTwo =
                withManual(LONG_MANUAL, "Summarise it.").cacheScope("team-2").build();

        usage(teamOne);
        TokenCounts otherTeam = usage(teamTwo);

        assertThat(otherTeam.cacheRead())
                .as("another team's prefix is not read")
                .isZero();
        assertThat(otherTeam.cacheWrite()).isPositive();
    }

    @Test
    void changedPrefixIsWrittenAgain() {
        usage(withManual(LONG_MANUAL, "Summarise it.").build());

        TokenCounts changed =
                usage(withManual(LONG_MANUAL + "Appendix.", "Summarise it.").build());

        assertThat(changed.cacheRead()).isZero();
        assertThat(changed.cacheWrite()).isPositive();
    }

    @Test
    void cachedPrefixExpiresFiveMinutesAfterItsLastUse() {
        ChatRequest request = withManual(LONG_MANUAL, "Summarise it.").build();
        usage(request);
        clock.advance(Duration.ofMinutes(4));
        assertThat(usage(request).cacheRead()).as("read within five minutes").isPositive();

        clock.advance(Duration.ofMinutes(4));
        assertThat(usage(request).cacheRead()).as("the read renewed the entry").isPositive();

        clock.advance(Duration.ofMinutes(5));
        TokenCounts expired = usage(request);
        assertThat(expired.cacheRead()).isZero();
        assertThat(expired.cacheWrite()).isPositive();
    }

    @Test
    void anHourBreakpointIsWrittenAsAnHourWriteAndReadWithinTheHour() {
        ChatRequest request = Requests.conversation()
                .system(LONG_MANUAL, CacheTtl.ONE_HOUR)
                .message(ChatMessage.user("Summarise it."))
                .build();
        long prefix = JtokkitTokenCounter.REQUEST_OVERHEAD
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText(LONG_MANUAL);

        TokenCounts written = usage(request);
        clock.advance(Duration.ofMinutes(50));
        TokenCounts read = usage(request);

        assertThat(written)
                .as("written as an hour's entry, not a five-minute one")
                .isEqualTo(new TokenCounts(COUNTER.countPrompt(request) - prefix, 0, 0, 0, prefix));
        assertThat(read)
                .as("read 50 minutes later")
                .isEqualTo(new TokenCounts(COUNTER.countPrompt(request) - prefix, 0, prefix, 0, 0));
    }

    @Test
    void anHourEntryExpiresAnHourAfterItsLastUse() {
        ChatRequest request = Requests.conversation()
                .system(LONG_MANUAL, CacheTtl.ONE_HOUR)
                .message(ChatMessage.user("Summarise it."))
                .build();
        usage(request);

        clock.advance(Duration.ofMinutes(61));
        TokenCounts expired = usage(request);

        assertThat(expired.cacheRead()).isZero();
        assertThat(expired.cacheWrite1h()).as("written again for an hour").isPositive();
    }

    @Test
    void aBreakpointWithoutTtlStillExpiresAfterFiveMinutes() {
        ChatRequest request = Requests.conversation()
                .system(LONG_MANUAL, CacheTtl.FIVE_MINUTES)
                .message(ChatMessage.user("Summarise it."))
                .build();
        usage(request);

        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        TokenCounts expired = usage(request);

        assertThat(expired.cacheRead()).isZero();
        assertThat(expired.cacheWrite()).isPositive();
        assertThat(expired.cacheWrite1h()).isZero();
    }

    @Test
    void anHourPrefixOutlivesTheFiveMinuteBreakpointAfterIt() {
        String appendix = "Appendix: the hiring plan by quarter and by team, with costs. ".repeat(100);
        ChatRequest request = Requests.conversation()
                .system(LONG_MANUAL, CacheTtl.ONE_HOUR)
                .message(new ChatMessage(ChatMessage.Role.USER, List.of(new TextPart(appendix, true))))
                .message(ChatMessage.assistant("Understood."))
                .message(ChatMessage.user("Summarise the revenue section."))
                .build();
        long hourPrefix = JtokkitTokenCounter.REQUEST_OVERHEAD
                + JtokkitTokenCounter.MESSAGE_OVERHEAD
                + COUNTER.countText(LONG_MANUAL);
        long fiveMinutePart = JtokkitTokenCounter.MESSAGE_OVERHEAD + COUNTER.countText(appendix);
        long uncached = COUNTER.countPrompt(request) - hourPrefix - fiveMinutePart;

        TokenCounts first = usage(request);
        clock.advance(Duration.ofMinutes(10));
        TokenCounts later = usage(request);

        assertThat(first)
                .as("each part written with its own lifetime")
                .isEqualTo(new TokenCounts(uncached, 0, 0, fiveMinutePart, hourPrefix));
        assertThat(later)
                .as("ten minutes on the hour prefix is read and the rest written again")
                .isEqualTo(new TokenCounts(uncached, 0, hourPrefix, fiveMinutePart, 0));
    }

    private static Requests withManual(String manual, String question) {
        return Requests.conversation().system(manual, true).message(ChatMessage.user(question));
    }

    private static Requests copy(Requests history) {
        Requests copy = Requests.conversation().implicitPromptCaching();
        history.build().messages().forEach(copy::message);
        return copy;
    }

    /** The prompt side of the usage; the output does not matter here. */
    private TokenCounts usage(ChatRequest request) {
        return Streamed.drain(simulator.open(request)).completed().usage().withOutput(0);
    }
}
