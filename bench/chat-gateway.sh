#!/usr/bin/env bash
# Chat through the gateway (key auth, credit hold, settle, usage row) against the same simulator served bare,
# in one run on loopback, as ratios; the same chat as Responses API calls (whole, streamed, stored) against chat;
# then the same through an openai-compatible upstream channel (a real HTTP hop to the bare simulator). Then 2,000
# concurrent paced streams through the gateway.
#
#   bench/chat-gateway.sh                 # DURATION=10s CONNECTIONS=64 by default
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
CONNECTIONS=${CONNECTIONS:-64}
STREAMS=${STREAMS:-2000}
PORT=${PORT:-18081}
MASTER_KEY=bench-master-key
BASE="http://127.0.0.1:$PORT"
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
SCRIPT=bench/chat-post.lua

command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; }
ulimit -n 65536 2>/dev/null || true
JAR=$(ls target/tollgate-*.jar 2>/dev/null | head -1 || true)
if [ -z "$JAR" ]; then
  ./mvnw -q -Pproduction -DskipTests package
  JAR=$(ls target/tollgate-*.jar | head -1)
fi

APP=""
DATA_DIR=""
stop_app() {
  if [ -n "$APP" ]; then kill "$APP" 2>/dev/null || true; wait "$APP" 2>/dev/null || true; APP=""; fi
  if [ -n "$DATA_DIR" ]; then rm -rf "$DATA_DIR"; DATA_DIR=""; fi
}
trap stop_app EXIT

start_app() { # $1 first-token delay, $2 tokens per second
  DATA_DIR=$(mktemp -d)
  TOLLGATE_DATA_DIR=$DATA_DIR TOLLGATE_MASTER_KEY=$MASTER_KEY PORT=$PORT \
  TOLLGATE_SIMULATOR_FIRST_TOKEN_DELAY=$1 TOLLGATE_SIMULATOR_TOKENS_PER_SECOND=$2 TOLLGATE_SIMULATOR_HTTPENDPOINT=true \
  LOGGING_LEVEL_ROOT=warn "$JAVA" -jar "$JAR" >"$DATA_DIR/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 120); do curl -fs "$BASE/actuator/health" >/dev/null 2>&1 && break; sleep 1; done
  TEAM=$(curl -fs -X POST "$BASE/admin/v1/teams" -H "Authorization: Bearer $MASTER_KEY" \
    -H 'Content-Type: application/json' -d '{"name":"Bench"}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  curl -fs -X POST "$BASE/admin/v1/teams/$TEAM/credits" -H "Authorization: Bearer $MASTER_KEY" \
    -H 'Content-Type: application/json' -d '{"amount":"1000000"}' >/dev/null
  KEY=$(curl -fs -X POST "$BASE/admin/v1/teams/$TEAM/keys" -H "Authorization: Bearer $MASTER_KEY" \
    -H 'Content-Type: application/json' -d '{"name":"bench"}' | sed -n 's/.*"key":"\(vai-[^"]*\)".*/\1/p')
}

load() { # $1 path, $2 key ("" for none), $3 body, $4 connections, $5 duration → RESULT line
  local threads=2; [ "$4" -lt 2 ] && threads=1
  KEY=$2 BODY=$3 wrk -t"$threads" -c"$4" -d"$5" --timeout 30s -s "$SCRIPT" "$BASE$1" | grep '^RESULT'
}
field() { sed -n "s/.*$2=\([0-9.]*\).*/\1/p" <<<"$1"; }

PLAIN='{"model":"aws/claude-haiku-4-5","max_tokens":60,"messages":[{"role":"user","content":"Tell me about tides"}]}'
STREAM='{"model":"aws/claude-haiku-4-5","max_tokens":60,"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Tell me about tides"}]}'

echo "== non-streaming and streaming chat, simulator without delays, $CONNECTIONS connections, $DURATION each"
start_app 0ms 0
load /simulator/v1/chat/completions "" "$PLAIN" "$CONNECTIONS" 5s >/dev/null       # warm-up
load /v1/chat/completions "$KEY" "$PLAIN" "$CONNECTIONS" 5s >/dev/null
for kind in plain stream; do
  body=$PLAIN; [ $kind = stream ] && body=$STREAM
  direct=$(load /simulator/v1/chat/completions "" "$body" "$CONNECTIONS" "$DURATION")
  gateway=$(load /v1/chat/completions "$KEY" "$body" "$CONNECTIONS" "$DURATION")
  echo "$kind direct : $direct"
  echo "$kind gateway: $gateway"
  [ $kind = plain ] && PLAIN_GATEWAY=$gateway || STREAM_GATEWAY=$gateway
  awk -v dr="$(field "$direct" rps)" -v gr="$(field "$gateway" rps)" \
      -v dp="$(field "$direct" p50_ms)" -v gp="$(field "$gateway" p50_ms)" -v k=$kind \
      'BEGIN { printf "%s gateway/direct throughput: %.2f   added p50: %.2f ms\n", k, gr / dr, gp - dp }'
done
echo "== the same chat as a Responses API call: what reading the request at the door and writing the event chain cost"
RESPONSES='{"model":"aws/claude-haiku-4-5","max_output_tokens":60,"store":false,"input":"Tell me about tides"}'
RESPONSES_STREAM='{"model":"aws/claude-haiku-4-5","max_output_tokens":60,"store":false,"stream":true,"input":"Tell me about tides"}'
RESPONSES_STORED='{"model":"aws/claude-haiku-4-5","max_output_tokens":60,"input":"Tell me about tides"}'
load /v1/responses "$KEY" "$RESPONSES" "$CONNECTIONS" 5s >/dev/null       # warm-up
for kind in plain stream stored; do
  case $kind in
    plain) body=$RESPONSES; chat=$PLAIN_GATEWAY ;;
    stream) body=$RESPONSES_STREAM; chat=$STREAM_GATEWAY ;;
    stored) body=$RESPONSES_STORED; chat=$PLAIN_GATEWAY ;;
  esac
  responses=$(load /v1/responses "$KEY" "$body" "$CONNECTIONS" "$DURATION")
  echo "$kind responses: $responses"
  awk -v rr="$(field "$responses" rps)" -v cr="$(field "$chat" rps)" \
      -v rp="$(field "$responses" p50_ms)" -v cp="$(field "$chat" p50_ms)" -v k=$kind \
      'BEGIN { printf "%s responses/chat throughput: %.2f   p50 difference: %+.2f ms\n", k, rr / cr, rp - cp }'
done
echo "== one connection at a time: what the gateway adds to each call"
direct=$(load /simulator/v1/chat/completions "" "$PLAIN" 1 "$DURATION")
gateway=$(load /v1/chat/completions "$KEY" "$PLAIN" 1 "$DURATION")
echo "single direct : $direct"
echo "single gateway: $gateway"
awk -v dp="$(field "$direct" p50_ms)" -v gp="$(field "$gateway" p50_ms)" \
    'BEGIN { printf "single added p50: %.2f ms\n", gp - dp }'
echo "== through an upstream channel: the same model sent over HTTP to the bare simulator endpoint"
# an openai-compatible channel pointing back at this instance: the adapter's HTTP client, SSE parsing and translation
# on top of the gateway, against the gateway calling the simulator in process
curl -fs -X POST "$BASE/admin/v1/channels" -H "Authorization: Bearer $MASTER_KEY" -H 'Content-Type: application/json' \
  -d "{\"name\":\"loopback\",\"kind\":\"openai-compatible\",\"baseUrl\":\"$BASE/simulator/v1\",
       \"apiKey\":\"sk-bench\",\"models\":{\"aws/claude-haiku-4-5\":\"aws/claude-haiku-4-5\"}}" >/dev/null
load /v1/chat/completions "$KEY" "$STREAM" "$CONNECTIONS" 5s >/dev/null
for kind in plain stream; do
  body=$PLAIN; [ $kind = stream ] && body=$STREAM
  channel=$(load /v1/chat/completions "$KEY" "$body" "$CONNECTIONS" "$DURATION")
  echo "$kind via channel: $channel"
  [ $kind = plain ] && inproc=$PLAIN_GATEWAY || inproc=$STREAM_GATEWAY
  awk -v cr="$(field "$channel" rps)" -v gr="$(field "$inproc" rps)" \
      -v cp="$(field "$channel" p50_ms)" -v gp="$(field "$inproc" p50_ms)" -v k=$kind \
      'BEGIN { printf "%s channel/in-process throughput: %.2f   added p50: %.2f ms\n", k, cr / gr, cp - gp }'
done
USAGE_ROWS=$(curl -fs "$BASE/admin/v1/teams/$TEAM" -H "Authorization: Bearer $MASTER_KEY")
echo "team after the load: $USAGE_ROWS"
stop_app

echo "== $STREAMS concurrent streams through the gateway, simulator paced at 20 tokens/s"
start_app 400ms 20
held=$(load /v1/chat/completions "$KEY" "$STREAM" "$STREAMS" 20s)
echo "streams: $held"
stop_app
