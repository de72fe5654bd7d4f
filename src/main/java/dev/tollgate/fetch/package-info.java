/**
 * Fetching URLs that callers give (an image to edit, say) without letting them reach the gateway's own network:
 * {@link dev.tollgate.fetch.SafeUrlFetcher} only speaks http(s), connects only to the public addresses it has checked,
 * on every redirect hop, and caps time and size. Operators may exempt named endpoints in {@code tollgate.fetch.*}.
 */
@NullMarked
package dev.tollgate.fetch;

import org.jspecify.annotations.NullMarked;
