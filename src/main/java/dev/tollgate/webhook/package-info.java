/**
 * Telling a team's own systems about events by webhook: one URL per team, set by its owners and admins, and a signing
 * secret shown once. Each key budget crossing is posted as signed JSON after it commits, off the thread that spent the
 * money, through the SSRF-safe fetcher, with a few retries.
 */
@NullMarked
package dev.tollgate.webhook;

import org.jspecify.annotations.NullMarked;
