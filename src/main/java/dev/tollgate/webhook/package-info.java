/**
 * Telling a team's own systems about events by webhook: one URL per team, set by its owners and admins, and a signing
 * secret shown once. Each key budget crossing is written to an outbox in PostgreSQL in the transaction that recorded
 * it, and posted as signed JSON through the SSRF-safe fetcher by a worker on any instance, which claims it with a
 * renewed lease and retries it with growing delays across restarts and replicas.
 */
@NullMarked
package dev.tollgate.webhook;

import org.jspecify.annotations.NullMarked;
