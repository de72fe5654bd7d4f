/**
 * Upstream channels: what they are (kind, address, sealed secret, the models they serve), how they are stored, kept in
 * step with configuration and managed, and how calls are routed over them (priority, weight, failover, circuit
 * breaking). Other modules use the types marked as the {@code channel} named interface.
 */
@NullMarked
package dev.tollgate.provider.channel;

import org.jspecify.annotations.NullMarked;
