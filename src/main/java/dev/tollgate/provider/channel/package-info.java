/**
 * Upstream channels: what they are (kind, address, secret, the models they serve), how they are stored and managed,
 * and their health. Other modules manage channels through this package only.
 */
@NullMarked
@NamedInterface("channel")
package dev.tollgate.provider.channel;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.NamedInterface;
