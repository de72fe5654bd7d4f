/**
 * Usage: one row per model request that reached billing (tokens by kind, cost by line, latency, status, who and
 * from where), the raw material of history, dashboards and reports. Rows are summed per day into roll-ups by the
 * database as they are written; {@link dev.tollgate.usage.UsageHistory} serves the rows and
 * {@link dev.tollgate.usage.SpendReports} the roll-ups.
 */
@NullMarked
package dev.tollgate.usage;

import org.jspecify.annotations.NullMarked;
