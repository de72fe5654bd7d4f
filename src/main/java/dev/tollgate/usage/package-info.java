/**
 * Usage: one row per model request that reached billing (tokens by kind, cost by line, latency, status, who and
 * from where), the raw material of history, dashboards and reports.
 */
@NullMarked
package dev.tollgate.usage;

import org.jspecify.annotations.NullMarked;
