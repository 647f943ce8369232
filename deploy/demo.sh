#!/usr/bin/env bash
# ./dsgen demo [--keep] [--model DIR]
#
# The whole system on one machine, from a fresh clone with only a JDK: build, start the local stack (Kafka + S3),
# the producer, one gpu-worker and the mask stage as background processes (logs under .dsgen/logs), submit
# 2 classes x 3 images with two recipes, follow the job with the progress bar, show where the dataset is, and stop
# everything again (--keep leaves it all running). --model DIR runs the worker on a real Stable Diffusion folder
# (diffusers layout, e.g. stabilityai/stable-diffusion-2-base) instead of the bundled tiny test model.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DSGEN_HOME="${DSGEN_HOME:-$ROOT/.dsgen}"

KEEP=false
MODEL="fixtures/tiny-sd2"
while [ $# -gt 0 ]; do
  case "$1" in
    --keep) KEEP=true; shift ;;
    --model) [ $# -ge 2 ] || { echo "demo: --model needs a folder" >&2; exit 2; }; MODEL="$2"; shift 2 ;;
    -h|--help) sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "demo: unknown option '$1' (options: --keep, --model DIR)" >&2; exit 2 ;;
  esac
done
[ -f "$MODEL/model_index.json" ] || { echo "demo: $MODEL is not a diffusers model folder (no model_index.json)" >&2; exit 2; }
MODEL="$(cd "$MODEL" && pwd)"

# Ports of the services (the local stack keeps its own: Kafka 19092, S3 18081).
PRODUCER_PORT="${DSGEN_DEMO_PRODUCER_PORT:-8080}"
WORKER_PORT="${DSGEN_DEMO_WORKER_PORT:-8082}"
MASK_STAGE_PORT="${DSGEN_DEMO_MASK_STAGE_PORT:-8083}"
# A dataset per run: the stack's data is kept between runs, and several jobs may feed one dataset.
DATASET="${DSGEN_DEMO_DATASET:-demo-$(date +%Y%m%d-%H%M%S)}"
# The tiny model draws 256x256 noise in a few steps; a real model gets its native 512x512 and more steps.
if [ "$MODEL" = "$ROOT/fixtures/tiny-sd2" ]; then SIZE=256; STEPS=10; else SIZE=512; STEPS=25; fi

LOGS="$DSGEN_HOME/logs"
mkdir -p "$LOGS"
declare -A PIDS=()
T_START=$(date +%s)
now() { date +%s; }
say() { printf '\ndemo [%3ds] %s\n' "$(( $(now) - T_START ))" "$*"; }

# GET http://127.0.0.1:PORT/PATH with bash alone (no curl on a bare machine): succeeds on HTTP 200.
http_ok() {
  local port="$1" path="$2" status
  { exec 3<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
  printf 'GET %s HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n' "$path" >&3
  IFS= read -r -t 5 status <&3 || status=""
  exec 3<&- 3>&-
  [[ "$status" == *" 200"* ]]
}

stop_services() {
  local name
  for name in "${!PIDS[@]}"; do
    kill -TERM "${PIDS[$name]}" 2>/dev/null || true
  done
  for name in "${!PIDS[@]}"; do
    wait "${PIDS[$name]}" 2>/dev/null || true
  done
  PIDS=()
}

cleanup() {
  local code=$?
  if [ "$KEEP" = true ] && [ $code -eq 0 ]; then
    return
  fi
  say "stopping the services and the local stack"
  stop_services
  ./dsgen down >/dev/null 2>&1 || true
  exit $code
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_service() {
  local name="$1" port="$2"; shift 2
  # exec: the pid we keep is the service's JVM, so TERM reaches it directly
  ( export QUARKUS_HTTP_PORT="$port" "$@"; exec ./dsgen "$name" ) >"$LOGS/$name.log" 2>&1 &
  PIDS[$name]=$!
}

await_ready() {
  local name="$1" port="$2" deadline=$(( $(now) + ${3:-300} ))
  until http_ok "$port" /q/health/ready; do
    if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
      echo "demo: $name exited during start-up; last lines of $LOGS/$name.log:" >&2
      tail -n 30 "$LOGS/$name.log" >&2
      exit 1
    fi
    if [ "$(now)" -ge "$deadline" ]; then
      echo "demo: $name not ready on port $port in time; see $LOGS/$name.log" >&2
      exit 1
    fi
    sleep 1
  done
}

# While the job runs: a service that exits or stays not-alive (e.g. its Kafka Streams went to ERROR) ends the demo
# with its log, instead of a progress bar that never moves; so does a job running past DSGEN_DEMO_JOB_TIMEOUT.
watch_job() {
  local follow="$1" deadline=$(( $(now) + ${DSGEN_DEMO_JOB_TIMEOUT:-600} )) name port tick=0
  declare -A down=()
  while kill -0 "$follow" 2>/dev/null; do
    sleep 1
    tick=$((tick + 1))
    for name in "${!PIDS[@]}"; do
      case "$name" in producer) port=$PRODUCER_PORT ;; worker) port=$WORKER_PORT ;; *) port=$MASK_STAGE_PORT ;; esac
      if ! kill -0 "${PIDS[$name]}" 2>/dev/null; then
        down[$name]=99
      elif [ $((tick % 5)) -eq 0 ]; then
        if http_ok "$port" /q/health/live; then down[$name]=0; else down[$name]=$(( ${down[$name]:-0} + 1 )); fi
      fi
      if [ "${down[$name]:-0}" -ge 3 ]; then
        kill "$follow" 2>/dev/null || true
        echo >&2
        echo "demo: $name stopped working; last lines of $LOGS/$name.log:" >&2
        tail -n 30 "$LOGS/$name.log" >&2
        exit 1
      fi
    done
    if [ "$(now)" -ge "$deadline" ]; then
      kill "$follow" 2>/dev/null || true
      echo "demo: the job did not finish within ${DSGEN_DEMO_JOB_TIMEOUT:-600}s; logs in $LOGS" >&2
      exit 1
    fi
  done
}

for port in "$PRODUCER_PORT" "$WORKER_PORT" "$MASK_STAGE_PORT"; do
  if { exec 4<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then
    echo "demo: port $port is in use (a service from an earlier --keep run? stop it first)" >&2
    exit 1
  fi
done

say "building (./mvnw -B -q -DskipTests install; log: $LOGS/build.log)"
if ! ./mvnw -B -q -DskipTests install >"$LOGS/build.log" 2>&1; then
  tail -n 40 "$LOGS/build.log" >&2
  echo "demo: the build failed; full log in $LOGS/build.log" >&2
  exit 1
fi
# Mark every module built, as ./dsgen's own rebuild check does after a build: Maven leaves an unchanged class-path
# file untouched, and the three services starting at once must not each decide to rebuild the same modules.
for module in deploy/local-stack schemas mask-stage gpu-worker producer; do
  touch "$module/target/classpath.txt"
done
T_BUILT=$(now)

say "starting the local stack (Kafka broker + S3 API server)"
./dsgen up
set -a
# shellcheck disable=SC1091
. "$DSGEN_HOME/local-stack/services.env"
set +a
T_STACK=$(now)
# The job API requires a bearer token: one per demo run, handed to the producer and to the CLI (never on a command line).
DSGEN_PRODUCER_AUTH_TOKEN="${DSGEN_PRODUCER_AUTH_TOKEN:-$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')}"
DSGEN_TOKEN="$DSGEN_PRODUCER_AUTH_TOKEN"
export DSGEN_PRODUCER_AUTH_TOKEN DSGEN_TOKEN

say "starting producer (:$PRODUCER_PORT), gpu-worker (:$WORKER_PORT, model $MODEL) and mask-stage (:$MASK_STAGE_PORT); logs in $LOGS"
# Streams state lives beside the stack's data: a state folder left by another broker would not match this one.
STATE="$DSGEN_HOME/state"
start_service producer "$PRODUCER_PORT" DSGEN_PRODUCER_TRACKER_STATE_DIR="$STATE/producer"
start_service worker "$WORKER_PORT" DSGEN_MODEL_DIR="$MODEL"
start_service mask-stage "$MASK_STAGE_PORT" DSGEN_MASK_STAGE_STATE_DIR="$STATE/mask-stage"
await_ready producer "$PRODUCER_PORT"
await_ready worker "$WORKER_PORT"
await_ready mask-stage "$MASK_STAGE_PORT"
T_READY=$(now)

say "submitting 2 classes x 3 images with the recipes diffumask and dataset-diffusion"
export DSGEN_PRODUCER_URL="http://127.0.0.1:$PRODUCER_PORT"
./dsgen submit --dataset "$DATASET" --classes cat,dog --images-per-class 3 --seed 1111 --size "$SIZE" --steps "$STEPS" \
  --recipe diffumask --recipe dataset-diffusion --follow &
FOLLOW_PID=$!
watch_job "$FOLLOW_PID"
set +e
wait "$FOLLOW_PID"
FOLLOW_EXIT=$?
set -e
T_DONE=$(now)

BUCKET_DIR="$DSGEN_HOME/local-stack/objects/${DSGEN_STORE_URI#s3://}"
say "the dataset"
for dir in "$BUCKET_DIR/datasets/$DATASET"/*/; do
  [ -d "$dir" ] || continue
  recipe="$(basename "$dir")"
  printf '  %-32s %2d images, %2d masks\n' "$recipe" \
    "$(find "$dir/JPEGImages" -type f 2>/dev/null | wc -l)" "$(find "$dir/SegmentationClass" -type f 2>/dev/null | wc -l)"
done
echo "  local folder: $BUCKET_DIR/datasets/$DATASET/"
echo "  object store: ${DSGEN_STORE_URI%/}/datasets/$DATASET/ at $DSGEN_STORE_S3_ENDPOINT"
echo "  gallery: $DSGEN_PRODUCER_URL/dataset.html?dataset=$DATASET (jobs: $DSGEN_PRODUCER_URL/)$( [ "$KEEP" = true ] || echo '; browsable with --keep')"
echo "  timings: build $((T_BUILT - T_START))s, local stack $((T_STACK - T_BUILT))s, services ready $((T_READY - T_STACK))s, job $((T_DONE - T_READY))s, total $((T_DONE - T_START))s"
if [ "$KEEP" = true ]; then
  echo "  still running (--keep): producer $DSGEN_PRODUCER_URL (pids ${PIDS[*]}); stop with: kill ${PIDS[*]}; ./dsgen down"
fi
exit "$FOLLOW_EXIT"
