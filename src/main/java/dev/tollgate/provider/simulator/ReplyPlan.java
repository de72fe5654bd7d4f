package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ChatEvent;
import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.FinishReason;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;
import dev.tollgate.provider.tokens.TokenRun;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;
import org.jspecify.annotations.Nullable;

/**
 * A reply cut into the events that stream it, already cut short where a stop sequence or the {@link ReplyLimit} ends
 * it. Only as much of the reply is cut into tokens as the limit lets through.
 *
 * @param steps every event before {@code Completed}, each with the output tokens it carries
 * @param outputTokens the tokens of all steps together: never more than the request's {@code maxTokens}
 */
record ReplyPlan(
        List<Step> steps,
        FinishReason finishReason,
        @Nullable String stopSequence,
        long outputTokens) {

    record Step(ChatEvent event, int tokens) {}

    /** Tool-call arguments stream in fragments of up to this many tokens, as upstreams send them. */
    private static final int LARGEST_FRAGMENT = 4;

    static ReplyPlan of(Reply reply, ChatRequest request, JtokkitTokenCounter counter, RandomGenerator random) {
        int limit = ReplyLimit.of(request).tokens();
        return switch (reply) {
            case Reply.Text text -> text(text.text(), request, limit, counter);
            case Reply.ToolCall call -> toolCall(call, limit, counter, random);
        };
    }

    /** The output tokens spent thinking, which usage reports apart as well as within the output. */
    long reasoningTokens() {
        long tokens = 0;
        for (Step step : steps) {
            if (step.event() instanceof ChatEvent.ThinkingDelta) {
                tokens += step.tokens();
            }
        }
        return tokens;
    }

    private static ReplyPlan text(String fullText, ChatRequest request, int maxTokens, JtokkitTokenCounter counter) {
        String text = fullText;
        String stopSequence = null;
        int stopAt = fullText.length();
        for (String candidate : request.stopSequences()) {
            int at = candidate.isEmpty() ? -1 : fullText.indexOf(candidate);
            if (at >= 0 && at < stopAt) {
                stopAt = at;
                stopSequence = candidate;
            }
        }
        if (stopSequence != null) {
            text = fullText.substring(0, stopAt);
        }
        List<Step> steps = new ArrayList<>();
        long used = 0;
        for (TokenRun run : counter.split(text, maxTokens)) {
            if (used + run.tokens() > maxTokens) {
                return new ReplyPlan(steps, FinishReason.MAX_TOKENS, null, used);
            }
            steps.add(new Step(new ChatEvent.TextDelta(run.text()), run.tokens()));
            used += run.tokens();
        }
        FinishReason reason = stopSequence != null ? FinishReason.STOP_SEQUENCE : FinishReason.END_TURN;
        return new ReplyPlan(steps, reason, stopSequence, used);
    }

    private static ReplyPlan toolCall(
            Reply.ToolCall call, int maxTokens, JtokkitTokenCounter counter, RandomGenerator random) {
        List<Step> steps = new ArrayList<>();
        int nameTokens = (int) counter.countText(call.name());
        if (nameTokens > maxTokens) {
            return new ReplyPlan(steps, FinishReason.MAX_TOKENS, null, 0);
        }
        steps.add(new Step(new ChatEvent.ToolCallStarted(0, call.id(), call.name()), nameTokens));
        long used = nameTokens;
        StringBuilder fragment = new StringBuilder();
        int fragmentTokens = 0;
        int fragmentSize = 1 + random.nextInt(LARGEST_FRAGMENT);
        boolean truncated = false;
        for (TokenRun run : counter.split(call.argumentsJson(), maxTokens - used)) {
            if (used + run.tokens() > maxTokens) {
                truncated = true;
                break;
            }
            fragment.append(run.text());
            fragmentTokens += run.tokens();
            used += run.tokens();
            if (fragmentTokens >= fragmentSize) {
                steps.add(new Step(new ChatEvent.ToolCallArgumentsDelta(0, fragment.toString()), fragmentTokens));
                fragment.setLength(0);
                fragmentTokens = 0;
                fragmentSize = 1 + random.nextInt(LARGEST_FRAGMENT);
            }
        }
        if (fragmentTokens > 0) {
            steps.add(new Step(new ChatEvent.ToolCallArgumentsDelta(0, fragment.toString()), fragmentTokens));
        }
        return new ReplyPlan(steps, truncated ? FinishReason.MAX_TOKENS : FinishReason.TOOL_USE, null, used);
    }
}
