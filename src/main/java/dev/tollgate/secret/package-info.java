/**
 * Secrets at rest: one AES-256 key (from {@code TOLLGATE_SECRET_KEY}, or generated once into the data directory)
 * seals the credentials Tollgate must store in a form it can read back, such as upstream channel keys. Sealed values
 * are bound to what they belong to, so one cannot be moved onto another row.
 */
@NullMarked
package dev.tollgate.secret;

import org.jspecify.annotations.NullMarked;
