#!/usr/bin/env bash
# The usage views' queries over one team's 1,000,000 usage rows across 90 days: dashboard data (spend reports from
# the daily roll-ups) for 30 and 90 days, the usage grid's first pages and totals, and CSV export throughput; first
# the dashboard and the grid totals while every row still waits for its roll-up (the roll-ups stopped).
# Runs UsageReportTimings on the embedded PostgreSQL the tests use; the rows are generated in one SQL statement.
#
#   bench/usage-reports.sh                      # 1,000,000 rows
#   ROWS=200000 bench/usage-reports.sh
set -euo pipefail
cd "$(dirname "$0")/.."

ROWS=${ROWS:-1000000}
./mvnw -q test -Dtest=UsageReportTimings -Dtollgate.bench=true -Dtollgate.bench.usage-rows="$ROWS" \
  -Dsurefire.failIfNoSpecifiedTests=false 2>&1 |
  grep -E '^(backlog|generated|query|dashboard|  spend|grid|CSV)' || { echo "the benchmark failed; run it without the filter to see why" >&2; exit 1; }
echo "targets: dashboard data < 300 ms, first grid page < 100 ms, CSV export >= 100,000 rows/s"
