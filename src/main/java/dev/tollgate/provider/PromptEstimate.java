package dev.tollgate.provider;

/**
 * A prompt's tokens as the gateway counts them, for an upstream's usage it has not reported: counted the first time it
 * is asked for, since an upstream that reports its usage never needs it and counting a long prompt takes milliseconds.
 * A race between two first askers only counts twice.
 */
public final class PromptEstimate {

    private final TokenCounter tokens;
    private final ChatRequest request;
    private volatile long counted = -1;

    public PromptEstimate(TokenCounter tokens, ChatRequest request) {
        this.tokens = tokens;
        this.request = request;
    }

    public long tokens() {
        long known = counted;
        if (known < 0) {
            known = tokens.countPrompt(request);
            counted = known;
        }
        return known;
    }
}
