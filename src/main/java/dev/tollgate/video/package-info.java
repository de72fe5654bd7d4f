/**
 * Durable video jobs: a queue in PostgreSQL that workers on any instance claim with a lease, follow the upstream task
 * of, and finish exactly once: completed with the video stored as media, or failed and refunded.
 */
@NullMarked
package dev.tollgate.video;

import org.jspecify.annotations.NullMarked;
