#!/bin/bash
# pcn-atlas as a peer of the benchmark in ../shared/bench: any NAME.sh in EXTRA_PEERS_DIR is a peer.
#
#   mvn -B -q -o package -DskipTests        # this script builds nothing
#   EXTRA_PEERS_DIR=scripts/bench BENCH_DATA_ROOT=target/bench-data BENCH_OUT_ROOT=target/bench-out \
#     PEERS="postgis java" ../shared/bench/run-peers.sh england 3
#
# Runs `pcn-atlas bench --data "$BENCH_DATA" --out "$BENCH_OUT"` (the harness sets both), which
# prints TIMING/CHECKSUM/VERSIONS lines. Extra arguments are passed on (e.g. --repeat 5).
#
# JVM options (measured, see docs/benchmarks.md): a class-data-sharing archive of the classes the
# bench loads, written to target/pcn-atlas-bench.jsa by the first run (-XX:ArchiveClassesAtExit)
# and used by later runs; it is rewritten when the jar is newer. The parallel collector, a fixed
# starting heap and no perf-data file. Override with
#   PCN_BENCH_JVM_OPTS="..."   instead of the default options below (the archive is still used)
#   PCN_BENCH_CDS=0            no application archive (the JDK's default CDS only)
#   JAVA=/path/to/java         another JVM
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
JAR=$ROOT/target/pcn-atlas.jar
if [ ! -f "$JAR" ]; then
  echo "java.sh: $JAR is missing; build it first: (cd $ROOT && mvn -B -q -o package -DskipTests)" >&2
  exit 1
fi
: "${BENCH_DATA:?java.sh: set BENCH_DATA to a workload folder (the harness does)}"
: "${BENCH_OUT:?java.sh: set BENCH_OUT to an output folder (the harness does)}"
JAVA=${JAVA:-java}

OPTS=${PCN_BENCH_JVM_OPTS:-"-XX:+UseParallelGC -Xms2g -Xmx12g -XX:-UsePerfData -XX:TieredStopAtLevel=1"}
CDS=()
JSA=$ROOT/target/pcn-atlas-bench.jsa
if [ "${PCN_BENCH_CDS:-1}" != 0 ]; then
  if [ -f "$JSA" ] && [ "$JSA" -nt "$JAR" ]; then
    CDS=(-XX:SharedArchiveFile="$JSA" -Xshare:auto -Xlog:cds=off)
  else
    rm -f "$JSA"
    # picocli's classes (Java 5 class files) cannot be archived: silence the list of them
    CDS=(-XX:ArchiveClassesAtExit="$JSA" -Xlog:cds=off -Xlog:cds+dynamic=off)
    echo "java.sh: writing the class-data archive $JSA on this run" >&2
  fi
fi
# shellcheck disable=SC2086 # OPTS is a list of options
exec "$JAVA" $OPTS "${CDS[@]}" -Dpcnatlas.bench.jvm="$OPTS ${CDS[*]}" \
  -jar "$JAR" bench --data "$BENCH_DATA" --out "$BENCH_OUT" "$@"
