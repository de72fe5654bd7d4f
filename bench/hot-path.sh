#!/usr/bin/env bash
# The chat hot path next to its peers, in one run on loopback, every target in front of the same stub upstream:
#
#   direct       the stub itself (nginx answering canned OpenAI Chat Completions), the baseline for added latency
#   nginx-proxy  a second nginx server doing proxy_pass to the stub over a keepalive upstream
#   portkey      Portkey's open-source gateway (@portkey-ai/gateway, pinned in bench/portkey), routed to the stub by
#                its x-portkey-provider / x-portkey-custom-host headers
#   gateway      this project's production jar with an openai-compatible channel to the stub, a funded team and a
#                vai- key (key auth, credit hold, settle, usage row), the simulator switched off
#
# Scenarios: non-streaming chat at 64 connections, non-streaming chat on one connection (what each target adds to a
# call), the same on one connection with a prompt of about 100,000 tokens (~450 KB of prose: what a long prompt adds
# over a short one), and streaming chat (30 chunks, the last one usage) at 64 connections. After the rounds,
# SLOW_STREAMS concurrent streams (default 5,000) read a paced upstream (bench/SlowStreams.java: the same 30 chunks,
# one every 50 ms, so 20 tokens/s) for SLOW_DURATION, first directly, then relayed by nginx-proxy and then through
# the gateway, each after SLOW_WARMUP seconds of the same load whose figures are dropped (the gateway's until its
# compilers have settled): time to first byte at p50/p99, errors, the gateway's largest heap in use while they ran and
# the most it kept after a collection (its live objects and the garbage it had not reached yet), what a call in flight
# keeps and what stays once they end, how the two cores were shared, and the gateway against nginx in streams
# completed and CPU a stream (SLOW_STREAMS=0 leaves this out). Every target is checked with curl and warmed up (the
# gateway, with its heap at full size from the start, until its compilers have settled), then ROUNDS interleaved
# rounds run each scenario on each target (the order rotates per round); the table holds the median per target and
# the ratios.
#
#   bench/hot-path.sh                   # DURATION=10s ROUNDS=3 WARMUP=10s GATEWAY_WARMUP=60s CONNECTIONS=64
#                                       # BASE_PORT=18090 SLOW_STREAMS=5000 SLOW_DURATION=20 SLOW_WARMUP=10
#                                       # GATEWAY_HEAP=1g
#   TARGETS="direct portkey" bench/hot-path.sh   # a subset
#   CHECK_ONLY=1 bench/hot-path.sh      # start everything, check each target's answers with curl, stop
#   CHECK_ONLY=hold bench/hot-path.sh   # the same, then keep everything running until Ctrl-C (to look at one)
#   GATEWAY_JAVA_OPTS="-XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints" bench/hot-path.sh  # the gateway's JVM
#
# The gateway always streams from its upstream (it asks for stream:true and include_usage), so its channel points at
# the stub's streaming location in every scenario and it assembles the non-streaming answer from the 30 chunks; the
# other targets pass the caller's choice on and get the canned JSON for a non-streaming request.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION=${DURATION:-10s}
ROUNDS=${ROUNDS:-3}
WARMUP=${WARMUP:-10s}
GATEWAY_WARMUP=${GATEWAY_WARMUP:-60s} # the JVM's compilers are still at work after 10 s on two busy cores
CONNECTIONS=${CONNECTIONS:-64}
BASE_PORT=${BASE_PORT:-18090}
SLOW_STREAMS=${SLOW_STREAMS:-5000}
SLOW_DURATION=${SLOW_DURATION:-20}
# the slow streams' own code paths (a flush per event, thousands of parked threads) are compiled during it, not measured
SLOW_WARMUP=${SLOW_WARMUP:-10}
GATEWAY_HEAP=${GATEWAY_HEAP:-1g} # the most heap the gateway may use, in every scenario
TARGETS=${TARGETS:-"direct nginx-proxy portkey gateway"}
STUB_PORT=$BASE_PORT
PROXY_PORT=$((BASE_PORT + 1))
PORTKEY_PORT=$((BASE_PORT + 2))
GATEWAY_PORT=$((BASE_PORT + 3))
PACED_PORT=$((BASE_PORT + 4))
MASTER_KEY=bench-master-key
MODEL=aws/claude-haiku-4-5 # the catalog model the gateway's channel serves
STUB_MODEL=stub-chat        # the stub's own id for it
PACED_MODEL=aws/claude-sonnet-4-5 # served by a second channel, to the paced stub
JAVA=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
NGINX=${NGINX:-/usr/sbin/nginx}
LUA=bench/hot-path.lua
PORTKEY_DIR=bench/portkey

fail() { echo "hot-path: $*" >&2; exit 1; }

# ---- prerequisites ------------------------------------------------------------------------------------------------
[ -x "$NGINX" ] || fail "nginx not found at $NGINX (Debian: apt-get install nginx-light, or set NGINX=/path/to/nginx)"
command -v curl >/dev/null || fail "curl is missing"
if ! command -v wrk >/dev/null; then
  echo "wrk is missing; installing it from Debian's packages"
  { apt-get update -qq && apt-get install -y -qq wrk >/dev/null; } || fail "could not install wrk (apt-get install wrk)"
fi
case " $TARGETS " in *" portkey "*)
  command -v node >/dev/null || fail "node is missing (Portkey's gateway runs on Node.js 18+); or leave portkey out of TARGETS"
  if [ ! -f "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" ]; then
    command -v npm >/dev/null || fail "npm is missing: needed once for 'npm ci' in $PORTKEY_DIR"
    echo "installing Portkey's gateway from $PORTKEY_DIR/package-lock.json"
    (cd "$PORTKEY_DIR" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci in $PORTKEY_DIR failed"
  fi ;;
esac
case " $TARGETS " in *" gateway "*)
  [ -x "$JAVA" ] || fail "no JDK 25 at $JAVA (set JAVA_HOME)"
  JAR=$(ls target/tollgate-*.jar 2>/dev/null | head -1 || true)
  if [ -z "$JAR" ]; then
    echo "no production jar in target/; building it"
    ./mvnw -q -o -Pproduction -DskipTests package || fail "the jar's build failed"
    JAR=$(ls target/tollgate-*.jar | head -1)
  fi ;;
esac
ulimit -n 65536 2>/dev/null || true

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
for port in $STUB_PORT $PROXY_PORT $PORTKEY_PORT $GATEWAY_PORT $PACED_PORT; do
  port_free "$port" || fail "port $port is in use; pick other ports with BASE_PORT (five in a row from it)"
done

# ---- lifecycle: everything started here is stopped on every exit --------------------------------------------------
WORK=$(mktemp -d -t hot-path.XXXXXX)
chmod 755 "$WORK" # nginx started by root serves the canned files from worker processes running as nobody
NGINX_PID=""
PACED_PID=""
PORTKEY_PID=""
GATEWAY_PID=""
stop() { # $1 pid, $2 seconds to wait before SIGKILL
  local pid=$1
  [ -n "$pid" ] || return 0
  kill "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 $(($2 * 10))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}
cleanup() {
  stop "$GATEWAY_PID" 60
  stop "$PORTKEY_PID" 10
  stop "$PACED_PID" 10
  stop "$NGINX_PID" 10
  GATEWAY_PID=""; PORTKEY_PID=""; PACED_PID=""; NGINX_PID=""
  rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

wait_for() { # $1 what, $2 url, $3 seconds, $4 pid that must stay alive, $5 its log
  for _ in $(seq 1 "$3"); do
    curl -s -o /dev/null "$2" && return 0
    kill -0 "$4" 2>/dev/null || { tail -20 "$5" >&2; fail "$1 exited while starting (log above)"; }
    sleep 1
  done
  tail -20 "$5" >&2
  fail "$1 did not answer $2 within $3 s (log above)"
}

# ---- the stub's canned answers --------------------------------------------------------------------------------------
# 28 content pieces; the stream is 30 chunks: role with the first piece, the other 27 pieces, finish_reason, usage
PIECES=("Tides" " are" " the" " slow" " rise" " and" " fall" " of" " the" " sea," " drawn" " by" " the" " Moon"
        " and" " the" " Sun" " as" " the" " Earth" " turns" " beneath" " them," " twice" " a" " day" " on" " most coasts.")
ANSWER=$(printf '%s' "${PIECES[@]}")
CREATED=1764806400
USAGE='{"prompt_tokens":12,"completion_tokens":28,"total_tokens":40,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0}}'
chunk() { # $1 choices → one chat.completion.chunk event
  printf 'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":%d,"model":"%s","system_fingerprint":"fp_bench","choices":%s}\n\n' \
    "$CREATED" "$STUB_MODEL" "$1"
}
mkdir -p "$WORK/canned"
{
  chunk "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"${PIECES[0]}\"},\"logprobs\":null,\"finish_reason\":null}]"
  for piece in "${PIECES[@]:1}"; do
    chunk "[{\"index\":0,\"delta\":{\"content\":\"$piece\"},\"logprobs\":null,\"finish_reason\":null}]"
  done
  chunk '[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}]'
  printf 'data: {"id":"chatcmpl-bench","object":"chat.completion.chunk","created":%d,"model":"%s","system_fingerprint":"fp_bench","choices":[],"usage":%s}\n\n' \
    "$CREATED" "$STUB_MODEL" "$USAGE"
  printf 'data: [DONE]\n\n'
} >"$WORK/canned/stream.sse"
printf '{"id":"chatcmpl-bench","object":"chat.completion","created":%d,"model":"%s","choices":[{"index":0,"message":{"role":"assistant","content":"%s","refusal":null},"logprobs":null,"finish_reason":"stop"}],"usage":%s,"system_fingerprint":"fp_bench"}' \
  "$CREATED" "$STUB_MODEL" "$ANSWER" "$USAGE" >"$WORK/canned/chat.json"
[ "$(grep -c '^data: ' "$WORK/canned/stream.sse")" -eq 31 ] || fail "the canned stream is not 30 chunks and [DONE]"

# A prompt of about 100,000 o200k tokens: 95,000 words of prose drawn from a fixed list by a fixed seed (~450 KB)
awk 'BEGIN { srand(17); n = split("the of and to in is was that for on as with by at from his her this which an be or " \
  "are had not but were have their one all been it they has who will more no if out so said what up its about into " \
  "than them can only other new some could time these two may then do first any my now such like our over man me " \
  "even most made after also did many before must through back years where much your way well down should because " \
  "each just those people how too little state good very make world still own see men work long get here between " \
  "both life being under never day same another know while last might us great old year off come since against go " \
  "came right used take three tide moon ocean coast", w, " ")
  for (i = 0; i < 95000; i++) printf "%s%s", (i ? " " : ""), w[int(rand() * n) + 1] }' >"$WORK/long-prompt.txt"

# ---- nginx: the stub and the proxy in one instance of its own --------------------------------------------------------
# each slow stream relayed is two connections, the caller's and the upstream's
NGINX_CONNECTIONS=$((SLOW_STREAMS * 2 + 4096))
# POST to a static file is 405 in nginx; error_page turns that into the file, so the stub reads no script at all.
cat >"$WORK/nginx.conf" <<EOF
worker_processes auto;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log warn;
events { worker_connections $NGINX_CONNECTIONS; }
http {
  access_log off;
  client_body_temp_path $WORK/client_body;
  proxy_temp_path $WORK/proxy;
  fastcgi_temp_path $WORK/fastcgi;
  uwsgi_temp_path $WORK/uwsgi;
  scgi_temp_path $WORK/scgi;
  types { application/json json; text/event-stream sse; }
  keepalive_requests 1000000;
  keepalive_timeout 120s;
  etag off;

  server { # the stub upstream
    listen 127.0.0.1:$STUB_PORT;
    location = /v1/chat/completions { alias $WORK/canned/chat.json; error_page 405 =200 /canned/chat.json; }
    location = /stream/v1/chat/completions { alias $WORK/canned/stream.sse; error_page 405 =200 /canned/stream.sse; }
    location /canned/ { internal; alias $WORK/canned/; add_header Cache-Control no-cache; }
  }

  upstream stub {
    server 127.0.0.1:$STUB_PORT;
    keepalive 128;
    keepalive_requests 1000000;
  }
  server { # the plain reverse proxy
    listen 127.0.0.1:$PROXY_PORT backlog=4096; # as the gateway's accept-count: thousands of streams connect at once
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    location /v1/ { proxy_pass http://stub; }
    location /stream/v1/ { proxy_pass http://stub; proxy_buffering off; }
    location /paced/v1/ { proxy_pass http://paced/v1/; proxy_buffering off; }
  }
  upstream paced { # the slow streams' paced stub, started below
    server 127.0.0.1:$PACED_PORT;
    keepalive $((SLOW_STREAMS + 128));
    keepalive_requests 1000000;
  }
}
EOF

"$NGINX" -t -q -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" || fail "nginx rejected its configuration"
"$NGINX" -p "$WORK" -e "$WORK/nginx-error.log" -c "$WORK/nginx.conf" &
NGINX_PID=$!
wait_for nginx "http://127.0.0.1:$STUB_PORT/" 20 "$NGINX_PID" "$WORK/nginx-error.log"

# ---- the paced upstream for slow streams ---------------------------------------------------------------------------------
if [ "$SLOW_STREAMS" -gt 0 ]; then
  [ -x "$JAVA" ] || fail "no JDK 25 at $JAVA (set JAVA_HOME), needed for bench/SlowStreams.java"
  # the JDK's server closes idle keep-alive connections beyond 200 unless told otherwise
  "$JAVA" -Dsun.net.httpserver.maxIdleConnections=100000 bench/SlowStreams.java stub "$PACED_PORT" "$WORK/canned/stream.sse" 50 >"$WORK/paced.log" 2>&1 &
  PACED_PID=$!
  wait_for "the paced stub" "http://127.0.0.1:$PACED_PORT/" 60 "$PACED_PID" "$WORK/paced.log"
fi

# ---- Portkey -----------------------------------------------------------------------------------------------------------
case " $TARGETS " in *" portkey "*)
  NODE_ENV=production node "$PORTKEY_DIR/node_modules/@portkey-ai/gateway/build/start-server.js" \
    --port="$PORTKEY_PORT" --headless >"$WORK/portkey.log" 2>&1 &
  PORTKEY_PID=$!
  wait_for Portkey "http://127.0.0.1:$PORTKEY_PORT/" 60 "$PORTKEY_PID" "$WORK/portkey.log" ;;
esac

# ---- the gateway ---------------------------------------------------------------------------------------------------------
GATEWAY_KEY=""
case " $TARGETS " in *" gateway "*)
  mkdir -p "$WORK/gateway"
  # shellcheck disable=SC2086 # GATEWAY_JAVA_OPTS holds several options, e.g. a flight recording for a profile
  # The heap starts at its full size, as README advises for production: from G1's small initial heap it stayed at
  # ~290 MB under load, marking concurrently almost back to back (decision 0071).
  TOLLGATE_DATA_DIR=$WORK/gateway TOLLGATE_MASTER_KEY=$MASTER_KEY PORT=$GATEWAY_PORT TOLLGATE_SIMULATOR_ENABLED=false \
  LOGGING_LEVEL_ROOT=warn "$JAVA" -Xms"$GATEWAY_HEAP" -Xmx"$GATEWAY_HEAP" -Xlog:gc:file="$WORK/gc.log" \
    ${GATEWAY_JAVA_OPTS:-} \
    -jar "$JAR" >"$WORK/gateway.log" 2>&1 &
  GATEWAY_PID=$!
  wait_for "the gateway" "http://127.0.0.1:$GATEWAY_PORT/actuator/health" 240 "$GATEWAY_PID" "$WORK/gateway.log"
  admin() { # $1 path, $2 body → response body; fails on any non-2xx
    curl -fsS -X POST "http://127.0.0.1:$GATEWAY_PORT/admin/v1/$1" -H "Authorization: Bearer $MASTER_KEY" \
      -H 'Content-Type: application/json' -d "$2"
  }
  admin channels "{\"name\":\"stub\",\"kind\":\"openai-compatible\",\"baseUrl\":\"http://127.0.0.1:$STUB_PORT/stream/v1\",
    \"apiKey\":\"sk-bench\",\"models\":{\"$MODEL\":\"$STUB_MODEL\"}}" >/dev/null || fail "the gateway refused the channel"
  admin channels "{\"name\":\"paced\",\"kind\":\"openai-compatible\",\"baseUrl\":\"http://127.0.0.1:$PACED_PORT/v1\",
    \"apiKey\":\"sk-bench\",\"models\":{\"$PACED_MODEL\":\"$STUB_MODEL\"}}" >/dev/null || fail "the gateway refused the paced channel"
  TEAM=$(admin teams '{"name":"Bench"}' | sed -n 's/.*"id":"\([^"]*\)".*/\1/p')
  [ -n "$TEAM" ] || fail "the gateway made no team"
  admin "teams/$TEAM/credits" '{"amount":"1000000"}' >/dev/null || fail "the gateway did not fund the team"
  GATEWAY_KEY=$(admin "teams/$TEAM/keys" '{"name":"bench"}' | sed -n 's/.*"key":"\(vai-[^"]*\)".*/\1/p')
  [ -n "$GATEWAY_KEY" ] || fail "the gateway issued no key" ;;
esac

# ---- targets ---------------------------------------------------------------------------------------------------------
body() { # $1 model, $2 plain|stream|long
  if [ "$2" = long ]; then
    printf '{"model":"%s","max_tokens":60,"messages":[{"role":"user","content":"%s"}]}' "$1" "$(cat "$WORK/long-prompt.txt")"
  elif [ "$2" = stream ]; then
    printf '{"model":"%s","max_tokens":60,"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Tell me about tides"}]}' "$1"
  else
    printf '{"model":"%s","max_tokens":60,"messages":[{"role":"user","content":"Tell me about tides"}]}' "$1"
  fi
}
# sets URL, KEY, HEADERS, BODY for target $1 and kind $2 (plain|stream|long)
target() {
  local prefix=""
  [ "$2" = stream ] && prefix=/stream
  KEY=""; HEADERS=""; BODY=$(body "$STUB_MODEL" "$2")
  case $1 in
    direct) URL="http://127.0.0.1:$STUB_PORT$prefix/v1/chat/completions" ;;
    nginx-proxy) URL="http://127.0.0.1:$PROXY_PORT$prefix/v1/chat/completions" ;;
    portkey)
      URL="http://127.0.0.1:$PORTKEY_PORT/v1/chat/completions"
      KEY=sk-bench
      HEADERS=$'x-portkey-provider: openai\nx-portkey-custom-host: '"http://127.0.0.1:$STUB_PORT$prefix/v1" ;;
    gateway)
      URL="http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions"
      KEY=$GATEWAY_KEY
      BODY=$(body "$MODEL" "$2") ;;
  esac
}

# One curl call per target and kind before any load: a 200 that carries the whole canned answer. A target that
# fails is reported and left out of the rounds, never measured as if it worked.
FAILED=""
check() { # $1 target, $2 kind
  target "$1" "$2"
  printf '%s' "$BODY" >"$WORK/check.json" # a long prompt is too large for an argument
  local args=(-s -o "$WORK/check.out" -w '%{http_code}' -X POST "$URL" -H 'Content-Type: application/json'
    --data-binary "@$WORK/check.json")
  [ -n "$KEY" ] && args+=(-H "Authorization: Bearer $KEY")
  while IFS= read -r header; do
    if [ -n "$header" ]; then args+=(-H "$header"); fi
  done <<<"$HEADERS"
  local status
  status=$(curl "${args[@]}" || true)
  local ok=yes
  [ "$status" = 200 ] || ok=no
  if [ "$2" = stream ]; then
    grep -q '^data: \[DONE\]' "$WORK/check.out" && grep -q 'most coasts\.' "$WORK/check.out" || ok=no
  else
    grep -qF "$ANSWER" "$WORK/check.out" || ok=no
  fi
  if [ $ok = no ]; then
    echo "!! $1 ($2) FAILED its check: HTTP $status, $(head -c 300 "$WORK/check.out" | tr '\n' ' ')"
    FAILED="$FAILED $1"
    if [ -s "$WORK/$1.log" ]; then tail -25 "$WORK/$1.log" | sed "s/^/   $1 log: /"; fi
  fi
}

load() { # $1 target, $2 kind, $3 connections, $4 duration → RESULT line (or a FAILED line)
  target "$1" "$2"
  local threads=2
  [ "$3" -lt 2 ] && threads=1
  local out
  printf '%s' "$BODY" >"$WORK/body.json" # a long prompt is too large for the environment
  out=$(KEY=$KEY HEADERS=$HEADERS BODY_FILE=$WORK/body.json wrk -t"$threads" -c"$3" -d"$4" --timeout 30s -s "$LUA" "$URL" 2>&1 || true)
  grep '^RESULT' <<<"$out" || echo "FAILED wrk: $(tr '\n' ' ' <<<"$out" | head -c 300)"
}

ACTIVE=""
for t in $TARGETS; do
  check "$t" plain
  case " $FAILED " in *" $t "*) continue ;; esac
  check "$t" stream
  case " $FAILED " in *" $t "*) continue ;; esac
  check "$t" long
  case " $FAILED " in *" $t "*) continue ;; esac
  ACTIVE="$ACTIVE $t"
done
ACTIVE=${ACTIVE# }
[ -n "$ACTIVE" ] || [ "${CHECK_ONLY:-}" = hold ] || fail "no target passed its check"
if [ -n "${CHECK_ONLY:-}" ]; then
  echo "checked: ${ACTIVE:-none} answer 200 with the whole canned answer${FAILED:+; failed:$FAILED}"
  if [ "$CHECK_ONLY" = hold ]; then
    echo "holding: stub :$STUB_PORT, nginx-proxy :$PROXY_PORT, portkey :$PORTKEY_PORT, gateway :$GATEWAY_PORT" \
      "(key $GATEWAY_KEY), files in $WORK; Ctrl-C stops them"
    while :; do sleep 1; done
  fi
  [ -z "$FAILED" ]
  exit
fi

SCENARIOS=${SCENARIOS:-"plain64 single long1 stream64"} # or a subset
kind_of() { case $1 in stream64) echo stream ;; long1) echo long ;; *) echo plain ;; esac; }
conns_of() { case $1 in single | long1) echo 1 ;; *) echo "$CONNECTIONS" ;; esac; }
label_of() {
  case $1 in
    plain64) echo "non-streaming, $CONNECTIONS conn" ;;
    single) echo "non-streaming, 1 conn" ;;
    long1) echo "100k-token prompt, 1 conn" ;;
    stream64) echo "streaming 30 chunks, $CONNECTIONS conn" ;;
  esac
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== warming up ($WARMUP per target and kind, the gateway $GATEWAY_WARMUP): $ACTIVE"
for t in $ACTIVE; do
  warmup=$WARMUP
  [ "$t" = gateway ] && warmup=$GATEWAY_WARMUP
  for kind in plain stream; do load "$t" $kind "$CONNECTIONS" "$warmup" >/dev/null; done
  load "$t" long 1 "$WARMUP" >/dev/null
done
has() { case " $ACTIVE " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }
JSTAT=$(dirname "$JAVA")/jstat
compile_seconds() { "$JSTAT" -compiler "$GATEWAY_PID" | awk 'NR == 2 { print $4 }'; }
# slices of WARMUP more, each kind in turn, until one leaves the gateway's compilers busy less than a tenth of a core
# (at most six): after GATEWAY_WARMUP they were still at work, and its throughput rose over minutes (decision 0071)
settle_compilers() { # $1 the slices' load, a function of no arguments; sets WARMUP_SLICES and COMPILING
  local before start
  WARMUP_SLICES=0
  while [ "$WARMUP_SLICES" -lt 6 ]; do
    before=$(compile_seconds); start=$(date +%s.%N)
    "$1"
    WARMUP_SLICES=$((WARMUP_SLICES + 1))
    COMPILING=$(awk -v a="$before" -v b="$(compile_seconds)" -v s="$start" -v e="$(date +%s.%N)" \
      'BEGIN { printf "%.2f", (b - a) / (e - s) }')
    awk -v c="$COMPILING" 'BEGIN { exit !(c < 0.1) }' && break
  done
}
fast_slice() { for kind in plain stream; do load gateway $kind "$CONNECTIONS" "$WARMUP" >/dev/null; done; }
if has gateway; then
  settle_compilers fast_slice
  echo "gateway  warmed up for $GATEWAY_WARMUP and $WARMUP_SLICES slices of 2 x $WARMUP;" \
    "its compilers were busy $COMPILING of the last"
fi

# A fixed piece of single-threaded work, timed with the load off before each scenario of each round: how fast the
# machine itself ran. On a shared host that moves by half as much again within minutes, and every target's figures
# move with it; the interleaved rounds spread it over all targets, and the summary says how large it was.
machine_probe() { # → milliseconds the work took
  local started ended
  started=$(date +%s%N)
  awk 'BEGIN { for (i = 0; i < 3000000; i++) s += i * 1.0001 }'
  ended=$(date +%s%N)
  echo $(((ended - started) / 1000000))
}

mkdir -p "$WORK/results"
read -r -a ORDER <<<"$ACTIVE"
for round in $(seq 1 "$ROUNDS"); do
  # the first target of one round is the last of the next, so drift on the shared machine spreads over all of them
  shift_by=$(((round - 1) % ${#ORDER[@]}))
  rotated=("${ORDER[@]:shift_by}" "${ORDER[@]:0:shift_by}")
  for s in $SCENARIOS; do
    machine_probe >>"$WORK/results/probe"
    for t in "${rotated[@]}"; do
      line=$(load "$t" "$(kind_of "$s")" "$(conns_of "$s")" "$DURATION")
      echo "round $round  $(printf '%-9s %-12s' "$s" "$t") $line"
      echo "$line" >>"$WORK/results/$s.$t"
    done
  done
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- slow streams: the paced stub directly, then through the gateway -------------------------------------------------------
slow() { # $1 url, $2 key, $3 model, $4 seconds → SLOW line
  printf '{"model":"%s","max_tokens":60,"stream":true,"stream_options":{"include_usage":true},"messages":[{"role":"user","content":"Tell me about tides"}]}' \
    "$3" >"$WORK/slow.json"
  "$JAVA" bench/SlowStreams.java load "$1" "$WORK/slow.json" "$2" "$SLOW_STREAMS" "$4" 2>&1
}
cpu_ticks() { # $1 process ids → their CPU time so far, in clock ticks (user and system)
  local sum=0 pid
  for pid in $1; do
    [ -r "/proc/$pid/stat" ] && sum=$((sum + $(awk '{ print $14 + $15 }' "/proc/$pid/stat")))
  done
  echo "$sum"
}
cores_used() { # $1 ticks, $2 seconds → cores
  awk -v t="$1" -v s="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f", t / hz / s }'
}
slow_measured() { # $1 url, $2 key, $3 model, $4 the relay's processes → SLOW line, with the cores the relay, the
  # gateway's PostgreSQL and all used
  local relay_pids=$4 postmaster postgres_pids g0 p0 all0 g1 p1 all1 line started ended
  postmaster=$(pgrep -f -- "-D $WORK/gateway/postgres" | head -1 || true)
  postgres_pids=$postmaster
  [ -z "$postmaster" ] || postgres_pids="$postmaster $(pgrep -d' ' -P "$postmaster" || true)"
  g0=$(cpu_ticks "$relay_pids"); p0=$(cpu_ticks "$postgres_pids")
  all0=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)
  started=$(date +%s.%N)
  line=$(slow "$1" "$2" "$3" "$SLOW_DURATION")
  ended=$(date +%s.%N)
  g1=$(cpu_ticks "$relay_pids"); p1=$(cpu_ticks "$postgres_pids")
  all1=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat)
  local seconds
  seconds=$(awk -v a="$started" -v b="$ended" 'BEGIN { print b - a }')
  echo "$line cores_relay=$(cores_used $((g1 - g0)) "$seconds") cores_postgres=$(cores_used $((p1 - p0)) "$seconds")" \
    "cores_busy=$(cores_used $((all1 - all0)) "$seconds")"
}
SLOW_DIRECT=""
SLOW_NGINX=""
SLOW_GATEWAY=""
HEAP_MB="-"
HEAP_AFTER_GC_MB="-"
STREAM_KB="-"
LIVE_AFTER_MB="-"
if [ "$SLOW_STREAMS" -gt 0 ]; then
  echo "== $SLOW_STREAMS concurrent slow streams (20 tokens/s), ${SLOW_DURATION}s each after ${SLOW_WARMUP}s of warm-up:" \
    "the paced stub$(has nginx-proxy && echo ", then nginx relaying it")$(has gateway && echo ", then the gateway")"
  slow "http://127.0.0.1:$PACED_PORT/v1/chat/completions" "" "$STUB_MODEL" "$SLOW_WARMUP" >/dev/null
  SLOW_DIRECT=$(slow_measured "http://127.0.0.1:$PACED_PORT/v1/chat/completions" "" "$STUB_MODEL" "")
  echo "direct   $SLOW_DIRECT"
  # nginx relaying the same streams unbuffered: what a relay with an event loop in C costs on this machine, the floor
  # for the gateway's figures (it bills nothing, and its workers' CPU is cores_relay)
  if has nginx-proxy; then
    slow "http://127.0.0.1:$PROXY_PORT/paced/v1/chat/completions" "" "$STUB_MODEL" "$SLOW_WARMUP" >/dev/null
    SLOW_NGINX=$(slow_measured "http://127.0.0.1:$PROXY_PORT/paced/v1/chat/completions" "" "$STUB_MODEL" \
      "$(pgrep -d' ' -P "$NGINX_PID" || true)")
    echo "nginx    $SLOW_NGINX"
  fi
  if has gateway; then
    live_heap_mb() { # the gateway's heap in use right after a full collection: what it keeps alive, in MB
      "$(dirname "$JAVA")/jcmd" "$GATEWAY_PID" GC.run >/dev/null 2>&1
      "$JSTAT" -gc "$GATEWAY_PID" | awk 'NR == 2 { printf "%.0f", ($3 + $4 + $6 + $8) / 1024 }'
    }
    # what a call in flight keeps: the live heap with the clients' calls in flight (halfway through the warm-up, whose
    # figures are dropped anyway, so the full collection pauses nothing measured) less the live heap before them, over
    # the clients, each of which has a call in the gateway all the time; and how many of those calls the paced stub was
    # streaming right then (fewer when calls queue in the gateway)
    LIVE_IDLE_MB=$(live_heap_mb)
    slow "http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions" "$GATEWAY_KEY" "$PACED_MODEL" "$SLOW_WARMUP" >/dev/null &
    SLOW_WARMUP_PID=$!
    sleep $((SLOW_WARMUP / 2 + 1))
    OPEN_STREAMS=$(curl -fsS "http://127.0.0.1:$PACED_PORT/open" || echo 0)
    LIVE_OPEN_MB=$(live_heap_mb)
    wait "$SLOW_WARMUP_PID"
    STREAM_KB=$(awk -v open="$LIVE_OPEN_MB" -v idle="$LIVE_IDLE_MB" -v n="$SLOW_STREAMS" \
      'BEGIN { printf "%.0f", (open - idle) * 1024 / n }')
    # the streams' own code (a flush per event, thousands of parked threads) keeps the compilers busy for a minute or
    # more on two busy cores, so further warm-up slices run until they use less than a tenth of a core (at most six)
    slow_slice() {
      slow "http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions" "$GATEWAY_KEY" "$PACED_MODEL" "$SLOW_WARMUP" >/dev/null
    }
    if [ "$SLOW_WARMUP" -gt 0 ]; then settle_compilers slow_slice; else WARMUP_SLICES=0; COMPILING=""; fi
    echo "gateway  warmed up for $WARMUP_SLICES x ${SLOW_WARMUP}s; its compilers were busy ${COMPILING:--} of the last slice"
    # heap in use (survivors, eden, old) once a second while the streams run; the largest is reported
    "$JSTAT" -gc "$GATEWAY_PID" 1000 >"$WORK/heap.log" 2>&1 &
    JSTAT_PID=$!
    GC_LINES=$(wc -l <"$WORK/gc.log")
    SLOW_GATEWAY=$(slow_measured "http://127.0.0.1:$GATEWAY_PORT/v1/chat/completions" "$GATEWAY_KEY" "$PACED_MODEL" \
      "$GATEWAY_PID")
    kill "$JSTAT_PID" 2>/dev/null || true
    wait "$JSTAT_PID" 2>/dev/null || true
    HEAP_MB=$(awk 'NR > 1 && $1 ~ /^[0-9.]+$/ { used = ($3 + $4 + $6 + $8) / 1024; if (used > max) max = used }
      END { printf "%.0f", max }' "$WORK/heap.log")
    # what each collection during the streams left in use ("Pause Young (Normal) ... 812M->403M(1024M)"): the most
    # (G1's and Parallel's pauses; another collector chosen in GATEWAY_JAVA_OPTS leaves it "-")
    HEAP_AFTER_GC_MB=$(tail -n +"$((GC_LINES + 1))" "$WORK/gc.log" | { grep -E "Pause (Young|Full)" || true; } |
      sed -n 's/.*[0-9]M->\([0-9]*\)M(.*/\1/p' | sort -n | tail -1)
    # what stays once the streams are over (after the figures above, whose log this collection would join): Tomcat
    # keeps the request processors of the largest burst for reuse
    sleep 2
    LIVE_AFTER_MB=$(live_heap_mb)
    echo "gateway  $SLOW_GATEWAY (heap in use at most $HEAP_MB MB, after a collection at most ${HEAP_AFTER_GC_MB:--} MB;" \
      "live with the calls in flight $LIVE_OPEN_MB MB against $LIVE_IDLE_MB MB before them: $STREAM_KB KB a call;" \
      "$OPEN_STREAMS of them streaming from the upstream then; $LIVE_AFTER_MB MB live once they ended)"
    grep -q "errors=0 " <<<"$SLOW_GATEWAY" || grep -E "WARN|ERROR" "$WORK/gateway.log" | tail -5 | cut -c1-300 | sed "s/^/   gateway log: /"
  fi
fi

# ---- the table ---------------------------------------------------------------------------------------------------------
median() { # $1 scenario, $2 target, $3 field → median over the rounds that produced it ("-" if none)
  cat "$WORK/results/$1.$2" 2>/dev/null | sed -n "s/^RESULT.* $3=\([0-9.]*\).*/\1/p" | sort -g |
    awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
total() { # $1 scenario, $2 target, $3 field → sum over the rounds
  cat "$WORK/results/$1.$2" 2>/dev/null | sed -n "s/^RESULT.* $3=\([0-9]*\).*/\1/p" | awk '{ s += $1 } END { print s + 0 }'
}
fmt() { awk -v v="$1" -v f="$2" 'BEGIN { if (v == "-") print "-"; else printf f, v }'; }
failed_runs() { cat "$WORK/results/$1.$2" 2>/dev/null | grep -c '^FAILED' || true; }

ERRORS=0
echo
echo "== hot path: median of $ROUNDS interleaved rounds of $DURATION, $(nproc) cores, load average $LOAD_BEFORE before, $LOAD_AFTER after"
printf '%-32s %-12s %10s %9s %9s %10s  %s\n' scenario target req/s p50_ms p99_ms requests errors
for s in $SCENARIOS; do
  for t in $ACTIVE; do
    non2xx=$(total "$s" "$t" non2xx)
    sockets=$(total "$s" "$t" socket_errors)
    runs=$(failed_runs "$s" "$t")
    errors="none"
    if [ "$non2xx" -gt 0 ] || [ "$sockets" -gt 0 ] || [ "$runs" -gt 0 ]; then
      errors="ERRORS: $non2xx non-2xx, $sockets socket errors, $runs failed runs"
      ERRORS=1
    fi
    printf '%-32s %-12s %10s %9s %9s %10s  %s\n' "$(label_of "$s")" "$t" "$(fmt "$(median "$s" "$t" rps)" %.0f)" \
      "$(fmt "$(median "$s" "$t" p50_ms)" %.2f)" "$(fmt "$(median "$s" "$t" p99_ms)" %.2f)" \
      "$(total "$s" "$t" requests)" "$errors"
  done
done
for t in $FAILED; do printf '%-32s %-12s %s\n' "every scenario" "$t" "FAILED its check, not measured"; done
sort -n "$WORK/results/probe" | awk '{ v[NR] = $1 } END {
  printf "the machine: a fixed single-core task took %d-%d ms (median %d) in %d probes between the rounds, a spread of %.0f %%\n",
    v[1], v[NR], v[int((NR + 1) / 2)], NR, (v[NR] - v[1]) * 100 / v[1] }'

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "n/a"; else printf "%.2f", a / b }'; }
added() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-") print "n/a"; else printf "%+.2f", a - b }'; }
echo
echo "throughput ratios (median req/s):"
for s in $SCENARIOS; do
  line="  $(printf '%-32s' "$(label_of "$s")")"
  has gateway && has portkey && line="$line gateway/portkey $(ratio "$(median $s gateway rps)" "$(median $s portkey rps)")"
  has gateway && has nginx-proxy && line="$line   gateway/nginx-proxy $(ratio "$(median $s gateway rps)" "$(median $s nginx-proxy rps)")"
  has portkey && has nginx-proxy && line="$line   portkey/nginx-proxy $(ratio "$(median $s portkey rps)" "$(median $s nginx-proxy rps)")"
  echo "$line"
done
if has direct; then
  echo "added latency over direct, p50 / p99 in ms (medians):"
  for s in $SCENARIOS; do
    line="  $(printf '%-32s' "$(label_of "$s")")"
    for t in $ACTIVE; do
      [ "$t" = direct ] && continue
      line="$line $t $(added "$(median "$s" "$t" p50_ms)" "$(median "$s" direct p50_ms)") / $(added "$(median "$s" "$t" p99_ms)" "$(median "$s" direct p99_ms)")  "
    done
    echo "$line"
  done
fi
echo "what a 100k-token prompt adds over a short one on one connection, p50 in ms (medians):"
line=" "
for t in $ACTIVE; do
  line="$line $t $(added "$(median long1 "$t" p50_ms)" "$(median single "$t" p50_ms)")  "
done
echo "$line"
slow_field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<"$1"; }
if [ -n "$SLOW_GATEWAY" ]; then
  echo "$SLOW_STREAMS slow streams: time to first byte p50 / p99 in ms, direct $(slow_field "$SLOW_DIRECT" ttfb_p50_ms) /" \
    "$(slow_field "$SLOW_DIRECT" ttfb_p99_ms), gateway $(slow_field "$SLOW_GATEWAY" ttfb_p50_ms) /" \
    "$(slow_field "$SLOW_GATEWAY" ttfb_p99_ms): the gateway adds" \
    "$(added "$(slow_field "$SLOW_GATEWAY" ttfb_p99_ms)" "$(slow_field "$SLOW_DIRECT" ttfb_p99_ms)") ms at p99;" \
    "$(slow_field "$SLOW_GATEWAY" completed) streams completed, $(slow_field "$SLOW_GATEWAY" errors) errors," \
    "heap in use at most $HEAP_MB MB, after a collection at most ${HEAP_AFTER_GC_MB:--} MB," \
    "$STREAM_KB KB live a call in flight, $LIVE_AFTER_MB MB live once they ended;" \
    "cores used: the gateway $(slow_field "$SLOW_GATEWAY" cores_relay), its PostgreSQL" \
    "$(slow_field "$SLOW_GATEWAY" cores_postgres), the machine $(slow_field "$SLOW_GATEWAY" cores_busy)" \
    "(the paced stub alone: $(slow_field "$SLOW_DIRECT" cores_busy))"
  [ "$(slow_field "$SLOW_GATEWAY" errors)" = 0 ] && [ "$(slow_field "$SLOW_DIRECT" errors)" = 0 ] || ERRORS=1
fi
if [ -n "$SLOW_NGINX" ]; then
  echo "$SLOW_STREAMS slow streams relayed by nginx: time to first byte p50 / p99 in ms $(slow_field "$SLOW_NGINX" ttfb_p50_ms) /" \
    "$(slow_field "$SLOW_NGINX" ttfb_p99_ms): nginx adds" \
    "$(added "$(slow_field "$SLOW_NGINX" ttfb_p99_ms)" "$(slow_field "$SLOW_DIRECT" ttfb_p99_ms)") ms at p99;" \
    "$(slow_field "$SLOW_NGINX" completed) streams completed, $(slow_field "$SLOW_NGINX" errors) errors," \
    "nginx's workers used $(slow_field "$SLOW_NGINX" cores_relay) cores, the machine $(slow_field "$SLOW_NGINX" cores_busy)"
  [ -n "$SLOW_GATEWAY" ] && echo "  streams completed, gateway/nginx-proxy" \
    "$(ratio "$(slow_field "$SLOW_GATEWAY" completed)" "$(slow_field "$SLOW_NGINX" completed)"); CPU per stream completed," \
    "gateway/nginx-proxy $(ratio "$(awk -v c="$(slow_field "$SLOW_GATEWAY" cores_relay)" -v n="$(slow_field "$SLOW_GATEWAY" completed)" 'BEGIN { if (n > 0) print c / n; else print "-" }')" \
      "$(awk -v c="$(slow_field "$SLOW_NGINX" cores_relay)" -v n="$(slow_field "$SLOW_NGINX" completed)" 'BEGIN { if (n > 0) print c / n; else print "-" }')")"
  [ "$(slow_field "$SLOW_NGINX" errors)" = 0 ] || ERRORS=1
fi
if [ -n "$FAILED" ] || [ $ERRORS -ne 0 ]; then
  echo "!! some targets failed or answered errors (see above)"
  exit 1
fi
