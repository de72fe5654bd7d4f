package dev.tollgate.provider.simulator;

import dev.tollgate.provider.ChatRequest;
import dev.tollgate.provider.tokens.JtokkitTokenCounter;

/**
 * How long a reply may grow: the request's {@code maxTokens}, and never more than {@value #MOST_TOKENS} tokens, the
 * most the simulated model writes in one reply, as every real model has a longest output of its own.
 */
record ReplyLimit(int tokens) {

    static final int MOST_TOKENS = 32_768;

    /** Text longer than this is never needed: it would be cut at {@link #MOST_TOKENS} anyway. */
    static final int MOST_CHARACTERS = new ReplyLimit(MOST_TOKENS).characters();

    ReplyLimit {
        if (tokens < 1 || tokens > MOST_TOKENS) {
            throw new IllegalArgumentException("A reply holds 1 to " + MOST_TOKENS + " tokens");
        }
    }

    static ReplyLimit of(ChatRequest request) {
        return new ReplyLimit(Math.min(request.maxTokens(), MOST_TOKENS));
    }

    /**
     * How much text the simulator writes at most for a reply of this limit: enough for more tokens than the limit, so
     * the reply is cut by tokens as an upstream's is, and such that the tokens it delivers are those of the whole reply.
     */
    int characters() {
        return Math.toIntExact(JtokkitTokenCounter.charactersBeyond(tokens));
    }
}
