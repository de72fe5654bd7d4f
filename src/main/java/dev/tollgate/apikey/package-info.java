/**
 * Teams' {@code vai-} keys: issued with 238 bits of randomness, shown once, stored only as a SHA-256 hash; with an
 * optional expiry, budget, model allow-list and requests-per-minute limit; revocable at any time.
 */
@NullMarked
package dev.tollgate.apikey;

import org.jspecify.annotations.NullMarked;
