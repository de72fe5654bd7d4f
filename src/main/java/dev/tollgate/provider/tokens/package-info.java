/**
 * Token counting with the o200k_base encoding: the gateway's prompt estimates, metering where an upstream reports no
 * usage, and the simulator's token-by-token streaming all use the same counts.
 */
@NullMarked
package dev.tollgate.provider.tokens;

import org.jspecify.annotations.NullMarked;
