/**
 * The Anthropic Messages API as an upstream channel: chat requests written as {@code POST /messages} bodies, always
 * streamed, and the server-sent events read back into the gateway's {@link dev.tollgate.provider.ChatEvent}s with
 * Anthropic's own usage (uncached input, output, cache reads and writes).
 */
@NullMarked
package dev.tollgate.provider.anthropic;

import org.jspecify.annotations.NullMarked;
