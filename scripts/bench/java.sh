#!/bin/bash
# pcn-atlas as a peer of the benchmark in ../shared/bench: any NAME.sh in EXTRA_PEERS_DIR is a peer.
#
#   mvn -B -q -o package -DskipTests        # this script builds nothing
#   EXTRA_PEERS_DIR=scripts/bench BENCH_DATA_ROOT=target/bench-data BENCH_OUT_ROOT=target/bench-out \
#     PEERS="postgis java" ../shared/bench/run-peers.sh england 3
#
# Runs `bin/pcn-atlas bench --data "$BENCH_DATA" --out "$BENCH_OUT"` (the harness sets both): the
# command users run, with the launcher's JVM options and class-data archive (bin/pcn-atlas says
# which), and the same stages as `analyse` (bench.BenchPipeline), printing TIMING/CHECKSUM/VERSIONS
# lines. Extra arguments are passed on (e.g. --repeat 5). The launcher's overrides apply
# (PCN_ATLAS_JVM_OPTS, PCN_ATLAS_CDS=0, JAVA).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
: "${BENCH_DATA:?java.sh: set BENCH_DATA to a workload folder (the harness does)}"
: "${BENCH_OUT:?java.sh: set BENCH_OUT to an output folder (the harness does)}"
exec "$ROOT/bin/pcn-atlas" bench --data "$BENCH_DATA" --out "$BENCH_OUT" "$@"
