#!/usr/bin/env bash
# Start-up time of `pcn-atlas serve` (not a test): starts the server, polls GET /conformance every
# 20 ms, prints the seconds from starting the process to the first 200, then stops it; RUNS times,
# then the median. The server's own "ready in" line (its start-up phases) is shown for each run.
#
#   scripts/bench/serve-startup.sh                      # the synthetic england workload
#   scripts/bench/serve-startup.sh DIR                  # a workload folder (practices.csv,
#                                                       # districts.geojson, population.csv, region.geojson)
#   scripts/bench/serve-startup.sh demo                 # the built-in demo county
#   scripts/bench/serve-startup.sh files -- --practices P --districts D ...
#                                                       # any data: the serve options after --
# Runs bin/pcn-atlas, the command users run (its JVM options and class-data archive), unless JAR is
# set: then `$JAVA $JAVA_OPTS -jar $JAR` (another build to compare with).
# Environment: RUNS (default 5), PORT (7171), METHOD (voronoi), JAR, JAVA (java), JAVA_OPTS (none),
# DATA_DIR (a fresh temporary folder per run, so no run finds an earlier run's store).
# Builds nothing: run `mvn -B -q -o package -DskipTests` first.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
if [ -n "${JAR:-}" ]; then
  [ -f "$JAR" ] || { echo "serve-startup.sh: no $JAR" >&2; exit 1; }
  read -r -a java_opts <<<"${JAVA_OPTS:-}"
  launch=("${JAVA:-java}" "${java_opts[@]}" -jar "$JAR")
else
  [ -f "$ROOT/target/pcn-atlas.jar" ] || { echo "serve-startup.sh: build first" >&2; exit 1; }
  launch=("$ROOT/bin/pcn-atlas")
fi
data=${1:-$ROOT/target/bench-data/england}
[ $# -gt 0 ] && shift
extra=()
if [ "${1:-}" = -- ]; then shift; extra=("$@"); fi
runs=${RUNS:-5}
port=${PORT:-7171}
method=${METHOD:-voronoi}

args=(serve --port "$port")
if [ "$data" = files ]; then
  [ ${#extra[@]} -gt 0 ] || { echo "serve-startup.sh: files needs the serve options after --" >&2; exit 1; }
elif [ "$data" != demo ]; then
  [ -f "$data/practices.csv" ] || { echo "serve-startup.sh: no $data/practices.csv" >&2; exit 1; }
  args+=(--practices "$data/practices.csv" --districts "$data/districts.geojson"
    --population "$data/population.csv" --region "$data/region.geojson" --method "$method")
fi
args+=("${extra[@]}")
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "serve-startup.sh: port $port is in use" >&2; exit 1
fi

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

times=()
for ((r = 1; r <= runs; r++)); do
  store=${DATA_DIR:-$work/data-$r}
  start=$(date +%s.%N)
  "${launch[@]}" "${args[@]}" --data-dir "$store" >"$work/out-$r.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/conformance"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "serve-startup.sh: the server exited; its output:" >&2; cat "$work/out-$r.log" >&2; exit 1
    fi
    sleep 0.02
  done
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc -l)
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  times+=("$t")
  printf 'run %d: %.3f s to the first /conformance 200  (%s)\n' "$r" "$t" \
    "$(grep -m1 'ready in' "$work/out-$r.log" || echo 'no ready line')"
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
printf 'median of %d runs: %.3f s\n' "$runs" "$median"
