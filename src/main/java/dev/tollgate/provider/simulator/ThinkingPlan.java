package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.provider.tokens.TokenRun;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * A reply that thinks first: the thought streamed one token at a time within its {@link ThinkingBudget}, closed by its
 * signature, then the answer planned in what is left of the output cap. Thinking tokens are output tokens, so the
 * whole never exceeds the request's {@code maxTokens}.
 */
final class ThinkingPlan {

    /** Mixed into the prompt's seed, so the thought draws its own choices and the answer stays the same without it. */
    private static final long THOUGHT_SEED = 0x7468696e6b696e67L;

    private ThinkingPlan() {}

    static ReplyPlan of(
            Reply reply,
            ChatRequest request,
            ThinkingBudget budget,
            long seed,
            JtokkitTokenCounter counter,
            ThinkingSignatures signatures,
            RandomGenerator random) {
        Keywords keywords = Keywords.of(new Conversation(request.messages()).lastUserText(ReplyLimit.MOST_CHARACTERS));
        String thought = ThoughtWriter.write(reply, keywords, new SplittableRandom(seed ^ THOUGHT_SEED));
        List<ReplyPlan.Step> steps = new ArrayList<>();
        StringBuilder delivered = new StringBuilder();
        int used = 0;
        for (TokenRun run : counter.split(thought, budget.tokens())) {
            if (used + run.tokens() > budget.tokens()) {
                break;
            }
            steps.add(new ReplyPlan.Step(new ChatEvent.ThinkingDelta(run.text()), run.tokens()));
            delivered.append(run.text());
            used += run.tokens();
        }
        steps.add(new ReplyPlan.Step(new ChatEvent.ThinkingSigned(signatures.sign(delivered.toString())), 0));
        ReplyPlan answer = ReplyPlan.of(reply, request.withMaxTokens(request.maxTokens() - used), counter, random);
        steps.addAll(answer.steps());
        return new ReplyPlan(steps, answer.finishReason(), answer.stopSequence(), used + answer.outputTokens());
    }
}
