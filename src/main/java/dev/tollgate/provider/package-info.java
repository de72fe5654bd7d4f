/**
 * Upstreams: the SPI every chat, image and video provider implements, the canonical request and event types the
 * gateway's dialects translate to and from, token counting, and the built-in simulator, a channel of its own that
 * serves every model no real channel serves.
 */
@NullMarked
package dev.tollgate.provider;

import org.jspecify.annotations.NullMarked;
