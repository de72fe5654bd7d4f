package dev.tollgate.provider.simulator;

/** What the simulated model decided to answer, before it is cut to the output limits and streamed. */
sealed interface Reply {

    record Text(String text) implements Reply {}

    record ToolCall(String id, String name, String argumentsJson) implements Reply {}
}
