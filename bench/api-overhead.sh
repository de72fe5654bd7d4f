#!/usr/bin/env bash
# How much does the gateway's own work (key hash lookup, tenancy, JSON) cost on an API call?
# Starts the production jar on loopback with a throw-away data directory, issues a key through the
# admin API, then loads GET /actuator/health (no auth, tiny body) and GET /v1/models (key auth, the
# catalog filtered for the key) with wrk, one after the other, and prints both rates and their ratio.
#
#   bench/api-overhead.sh            # builds the jar first if needed
#   DURATION=20s bench/api-overhead.sh
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-18080}
MASTER_KEY=bench-master-key
DATA_DIR=$(mktemp -d)
BASE="http://127.0.0.1:$PORT"

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
JAR=$(ls target/tollgate-*.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then
  ./mvnw -q -Pproduction -DskipTests package
  JAR=$(ls target/tollgate-*.jar | head -1)
fi
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java

TOLLGATE_DATA_DIR=$DATA_DIR TOLLGATE_MASTER_KEY=$MASTER_KEY PORT=$PORT "$JAVA" -jar "$JAR" >"$DATA_DIR/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null; wait $APP 2>/dev/null; rm -rf "$DATA_DIR"' EXIT
for _ in $(seq 1 120); do
  curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && break
  sleep 1
done

TEAM=$(curl -fs -X POST "$BASE/admin/v1/teams" -H "Authorization: Bearer $MASTER_KEY" \
  -H 'Content-Type: application/json' -d '{"name":"Bench"}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
KEY=$(curl -fs -X POST "$BASE/admin/v1/teams/$TEAM/keys" -H "Authorization: Bearer $MASTER_KEY" \
  -H 'Content-Type: application/json' -d '{"name":"bench"}' | sed -n 's/.*"key":"\(vai-[^"]*\)".*/\1/p')

rate() { # prints requests/second reported by wrk
  wrk -t2 -c"$CONNECTIONS" -d"$DURATION" "$@" | awk '/Requests\/sec/ {print $2}'
}
wrk -t2 -c"$CONNECTIONS" -d5s "$BASE/actuator/health" >/dev/null            # warm-up
wrk -t2 -c"$CONNECTIONS" -d5s -H "Authorization: Bearer $KEY" "$BASE/v1/models" >/dev/null
HEALTH=$(rate "$BASE/actuator/health")
MODELS=$(rate -H "Authorization: Bearer $KEY" "$BASE/v1/models")

echo "GET /actuator/health : $HEALTH req/s"
echo "GET /v1/models       : $MODELS req/s"
awk -v h="$HEALTH" -v m="$MODELS" 'BEGIN { printf "models / health      : %.2f\n", m / h }'
