package dev.tollgate.provider.simulator;

import dev.tollgate.caller.Dialect;
import dev.tollgate.provider.ChatRequest;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * How many tokens the simulated model may think before it answers, when the request asks it to. Anthropic's {@code
 * thinking: {"type":"enabled","budget_tokens":N}} gives N; {@code {"type":"adaptive"}} leaves it to the model, which
 * then thinks as it would at medium effort. OpenAI's {@code reasoning_effort} gives a budget per level. Thinking counts
 * towards the output cap and always leaves at least one token of it for the answer, so a cap of one token means no
 * thinking at all.
 */
record ThinkingBudget(int tokens) {

    static final int MINIMAL = 256;
    static final int LOW = 1_024;
    static final int MEDIUM = 4_096;
    static final int HIGH = 16_384;

    ThinkingBudget {
        if (tokens < 1) {
            throw new IllegalArgumentException("A thinking budget is at least one token");
        }
    }

    static Optional<ThinkingBudget> of(ChatRequest request) {
        int asked = asked(request);
        int room = ReplyLimit.of(request).tokens() - 1;
        return asked < 1 || room < 1 ? Optional.empty() : Optional.of(new ThinkingBudget(Math.min(asked, room)));
    }

    private static int asked(ChatRequest request) {
        if (request.extras().dialect() == Dialect.ANTHROPIC) {
            JsonNode thinking = request.extras().fields().get("thinking");
            if (thinking == null) {
                return 0;
            }
            return switch (thinking.path("type").asString("")) {
                case "enabled" ->
                    thinking.path("budget_tokens").isIntegralNumber()
                            ? thinking.path("budget_tokens").asInt()
                            : MEDIUM;
                case "adaptive" -> MEDIUM;
                default -> 0;
            };
        }
        JsonNode effort = request.extras().fields().get("reasoning_effort");
        if (effort == null) {
            return 0;
        }
        return switch (effort.asString("")) {
            case "minimal" -> MINIMAL;
            case "low" -> LOW;
            case "medium" -> MEDIUM;
            case "high", "xhigh" -> HIGH;
            default -> 0;
        };
    }
}
