/**
 * The admin API under {@code /admin/v1} for automation and scripts: teams, credits and keys, authenticated by the
 * master key from {@code TOLLGATE_MASTER_KEY} and disabled without one.
 */
@NullMarked
package dev.tollgate.admin;

import org.jspecify.annotations.NullMarked;
