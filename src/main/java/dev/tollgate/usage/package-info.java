/**
 * Usage: one row per model request that reached billing (tokens by kind, cost by line, latency, status, who and
 * from where), the raw material of history, dashboards and reports. Rows are summed per day into roll-ups after their
 * settle commits ({@link dev.tollgate.usage.UsageRollups}), and reports add the few not yet rolled up;
 * {@link dev.tollgate.usage.UsageHistory} serves the rows and
 * {@link dev.tollgate.usage.SpendReports} the roll-ups.
 */
@NullMarked
package dev.tollgate.usage;

import org.jspecify.annotations.NullMarked;
