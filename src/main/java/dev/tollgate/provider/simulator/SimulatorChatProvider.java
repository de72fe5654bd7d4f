package dev.tollgate.provider.simulator;

import dev.tollgate.catalog.TokenCounts;
import dev.tollgate.provider.CacheTtl;
import dev.tollgate.provider.ChatProvider;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.ChatStream;
import dev.tollgate.provider.StructuredOutput;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.secret.SecretBox;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * A chat upstream that needs no provider: it answers every model from the prompt alone, so the gateway, its billing and
 * its clients can run end to end.
 *
 * <ul>
 *   <li><b>Replies</b> are a few sentences of English about the salient words of the latest user message, sometimes
 *       with a short list, typically 40 to 160 tokens. The same request always gets the same reply and the same tool
 *       call ids: everything is drawn from a generator seeded with a digest of the prompt and model, never from time.
 *       A lower {@code maxTokens} or a stop sequence cuts that same reply short.
 *   <li><b>Dictated replies</b>: a prompt such as {@code Say exactly: pong}, {@code Reply with only OK} or
 *       {@code Respond with just "yes"} is answered with exactly those words ({@code pong}, {@code OK}, {@code yes}),
 *       which makes the simulator handy in tests.
 *   <li><b>Limits</b>: output never exceeds {@code maxTokens}, nor {@value ReplyLimit#MOST_TOKENS} tokens (finish
 *       reason {@code MAX_TOKENS}); a stop sequence ends the reply right before it ({@code STOP_SEQUENCE}); otherwise
 *       {@code END_TURN}. A reply costs memory and time in proportion to what it may deliver, whatever the prompt.
 *   <li><b>Tools</b>: with tool choice {@code REQUIRED} (the tool the user mentions, else the first), {@code NAMED},
 *       or {@code AUTO} when the latest user message mentions a tool by name, it calls that tool with arguments that
 *       satisfy its JSON Schema, built from the prompt's words where they fit, and finishes with {@code TOOL_USE}.
 *       Arguments that need more tokens than the limit are cut there, mid-JSON, and the reply finishes with
 *       {@code MAX_TOKENS}, as upstreams do. When the conversation ends with tool results it answers them in text
 *       instead. {@code NONE} never calls a tool.
 *   <li><b>Structured output</b>: asked for JSON ({@code response_format}, {@code output_config.format}), it answers
 *       JSON that satisfies the schema, made up the way tool arguments are, or in JSON mode an object with its prose
 *       as {@code answer}. A schema using a keyword it cannot satisfy ({@code pattern}, {@code multipleOf}, …) is
 *       refused before the hold ({@link SchemaLimits}).
 *   <li><b>Streaming</b>: one text event per token (of the o200k_base encoding the gateway counts with), after
 *       {@code firstTokenDelay} and then at {@code tokensPerSecond}; usage counts the tokens delivered so far.
 *   <li><b>Thinking</b>: when the request asks for it (Anthropic's {@code thinking}, OpenAI's {@code
 *       reasoning_effort}; see {@link ThinkingBudget}) the reply starts with a few sentences of thinking about the
 *       prompt, within the budget, signed with an HMAC under the installation's key; the answer follows in what is left
 *       of {@code maxTokens}. Thinking echoed back with a signature that does not hold is refused.
 *   <li><b>Prompt caching</b>: a prefix of at least {@value #SMALLEST_CACHEABLE_PREFIX} tokens, up to the last cache
 *       breakpoint (or, for implicit caching, all but the last message), is reported as a cache write the first time
 *       and as a cache read for five minutes after each use, separately per cache scope.
 * </ul>
 */
@Component
public final class SimulatorChatProvider implements ChatProvider {

    /** Upstreams cache no shorter prefixes (Anthropic's minimum for most models, OpenAI's for all). */
    static final long SMALLEST_CACHEABLE_PREFIX = 1024;

    private static final int PROMPT_CACHE_ENTRIES = 10_000;

    /** What the installation's key signs for the simulator: its thinking, and nothing else. */
    private static final String THINKING_SIGNATURES = "simulator-thinking";

    private final SimulatorProperties properties;
    private final JtokkitTokenCounter counter;
    private final ReplyWriter replies;
    private final PromptCache promptCache;
    private final ThinkingSignatures signatures;

    @Autowired
    public SimulatorChatProvider(
            SimulatorProperties properties, JtokkitTokenCounter counter, Clock clock, SecretBox secrets) {
        this(properties, counter, clock, new ThinkingSignatures(text -> secrets.sign(text, THINKING_SIGNATURES)));
    }

    /** A simulator whose thinking signatures hold only while it lives, for tests that need no installation key. */
    SimulatorChatProvider(SimulatorProperties properties, JtokkitTokenCounter counter, Clock clock) {
        this(properties, counter, clock, ThinkingSignatures.ephemeral());
    }

    private SimulatorChatProvider(
            SimulatorProperties properties, JtokkitTokenCounter counter, Clock clock, ThinkingSignatures signatures) {
        this.properties = properties;
        this.counter = counter;
        this.replies = new ReplyWriter(new ProseWriter(counter));
        this.promptCache = new PromptCache(clock, PROMPT_CACHE_ENTRIES);
        this.signatures = signatures;
    }

    @Override
    public String channelName() {
        return "simulator";
    }

    /**
     * Refused before any credit is held: a reply schema it could not satisfy, and thinking echoed back that is not its
     * own, unchanged (Anthropic requires as much of its thinking blocks).
     */
    @Override
    public void admit(ChatRequest request) {
        StructuredOutput.of(request.extras()).ifPresent(output -> SchemaLimits.check(output, request.extras()));
        signatures.check(request);
    }

    @Override
    public ChatStream open(ChatRequest request) {
        PromptScan prompt = PromptScan.of(request, counter);
        RandomGenerator random = new SplittableRandom(prompt.seed());
        Reply reply = replies.write(request, random);
        ReplyPlan plan = ThinkingBudget.of(request)
                .map(budget -> ThinkingPlan.of(reply, request, budget, prompt.seed(), counter, signatures, random))
                .orElseGet(() -> ReplyPlan.of(reply, request, counter, random));
        return new SimulatedStream(plan, promptUsage(request, prompt), Pacing.of(properties));
    }

    /**
     * The prompt's tokens split into uncached, cache-read and cache-written, updating the cache as it goes. As
     * Anthropic does, the longest cached prefix is read and each breakpoint after it writes the tokens since the one
     * before, priced by its own lifetime (an hour's breakpoints come before five minutes' ones).
     */
    private TokenCounts promptUsage(ChatRequest request, PromptScan prompt) {
        List<PromptScan.CachePrefix> prefixes = prompt.cachePrefixes().stream()
                .filter(prefix -> prefix.tokens() >= SMALLEST_CACHEABLE_PREFIX)
                .toList();
        if (prefixes.isEmpty()) {
            return new TokenCounts(prompt.promptTokens(), 0, 0, 0);
        }
        int longestCached = -1;
        for (int i = 0; i < prefixes.size(); i++) {
            PromptScan.CachePrefix prefix = prefixes.get(i);
            var key = new PromptCache.Key(request.cacheScope(), prefix.digest());
            if (promptCache.readOrWrite(key, prefix.ttl().lifetime())) {
                longestCached = i;
            }
        }
        long read = longestCached < 0 ? 0 : prefixes.get(longestCached).tokens();
        long covered = read;
        long fiveMinuteWrites = 0;
        long hourWrites = 0;
        for (PromptScan.CachePrefix written : prefixes.subList(longestCached + 1, prefixes.size())) {
            long segment = written.tokens() - covered;
            covered = written.tokens();
            if (written.ttl() == CacheTtl.ONE_HOUR) {
                hourWrites += segment;
            } else {
                fiveMinuteWrites += segment;
            }
        }
        return new TokenCounts(prompt.promptTokens() - covered, 0, read, fiveMinuteWrites, hourWrites);
    }
}
