package dev.tollgate.provider;

/** Why a reply ended. */
public enum FinishReason {
    /** The model finished its answer. */
    END_TURN,
    /** The output cap ({@code max_tokens}) was reached. */
    MAX_TOKENS,
    /** A stop sequence was generated. */
    STOP_SEQUENCE,
    /** The model called one or more tools and waits for their results. */
    TOOL_USE
}
