/**
 * The built-in simulator: a chat upstream that answers every model from the prompt alone, deterministically, with
 * realistic pacing, tool calls, stop reasons and prompt caching, so the gateway runs end to end without a real
 * provider. Routing reaches it as the channel of kind {@code simulator}.
 */
@NullMarked
package dev.tollgate.provider.simulator;

import org.jspecify.annotations.NullMarked;
