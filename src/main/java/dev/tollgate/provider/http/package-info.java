/** HTTP plumbing the upstream adapters share: per-channel clients, error mapping, server-sent events. */
@NullMarked
package dev.tollgate.provider.http;

import org.jspecify.annotations.NullMarked;
