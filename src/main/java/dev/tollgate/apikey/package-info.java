/**
 * Teams' {@code vai-} keys: issued with 238 bits of randomness, shown once, stored only as a SHA-256 hash; with an
 * optional expiry, model allow-list and requests-per-minute limit; revocable at any time. A key's budget and spending
 * are billing's, opened when the key is issued ({@link dev.tollgate.apikey.ApiKeyIssued}).
 */
@NullMarked
package dev.tollgate.apikey;

import org.jspecify.annotations.NullMarked;
