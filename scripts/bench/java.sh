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
# JVM options, as measured (docs/benchmarks.md, scripts/bench/jvm-options.py):
#   -XX:TieredStopAtLevel=1   C1 only: a run is over before C2's code would pay for its compiling,
#                             which takes one of the two cores (the largest effect, about -35%)
#   -XX:+UseParallelGC, -Xms2g -Xmn1g -Xmx12g   throughput collector, a young generation that
#                             holds the england run and keeps x10's collections few (a bigger one
#                             costs more in first-touch page faults than it saves)
#   -XX:MaxTenuringThreshold=0  what survives a collection is the input, alive to the end: promote
#                             it at once instead of copying it between survivor spaces (x10: half
#                             the pause time)
#   -XX:-UsePerfData          no hsperfdata file
#   AppCDS                    a static class-data archive of the classes a run loads: the first
#                             run records its class list (-XX:DumpLoadedClassList) and then writes
#                             target/pcn-atlas-bench.jsa (-Xshare:dump, about 2 s more, once);
#                             later runs map it. Rewritten when the jar is newer. (A dynamic
#                             archive, -XX:ArchiveClassesAtExit, made the steps slower here.)
# Overrides:
#   PCN_BENCH_JVM_OPTS="..."   instead of the options above (the archive is still used)
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
OPTS=${PCN_BENCH_JVM_OPTS:-"-XX:TieredStopAtLevel=1 -XX:+UseParallelGC -Xms2g -Xmn1g -Xmx12g -XX:MaxTenuringThreshold=0 -XX:-UsePerfData"}
JSA=$ROOT/target/pcn-atlas-bench.jsa
LIST=$ROOT/target/pcn-atlas-bench.classlist
BENCH=(-jar "$JAR" bench --data "$BENCH_DATA" --out "$BENCH_OUT" "$@")

if [ "${PCN_BENCH_CDS:-1}" = 0 ]; then
  # shellcheck disable=SC2086 # OPTS is a list of options
  exec "$JAVA" $OPTS -Dpcnatlas.bench.jvm="$OPTS" "${BENCH[@]}"
fi
if [ -f "$JSA" ] && [ "$JSA" -nt "$JAR" ]; then
  # picocli's classes (Java 5 class files) are not in the archive: -Xlog:cds=off keeps that quiet
  # shellcheck disable=SC2086
  exec "$JAVA" $OPTS -XX:SharedArchiveFile="$JSA" -Xlog:cds=off \
    -Dpcnatlas.bench.jvm="$OPTS -XX:SharedArchiveFile=target/pcn-atlas-bench.jsa" "${BENCH[@]}"
fi
rm -f "$JSA" "$LIST"
echo "java.sh: no class-data archive for this jar yet: recording this run's classes" >&2
status=0
# shellcheck disable=SC2086
"$JAVA" $OPTS -XX:DumpLoadedClassList="$LIST" -Dpcnatlas.bench.jvm="$OPTS (recording classes)" \
  "${BENCH[@]}" || status=$?
if [ "$status" = 0 ]; then
  "$JAVA" -Xshare:dump -XX:SharedClassListFile="$LIST" -XX:SharedArchiveFile="$JSA" -Xlog:cds=off \
    -cp "$JAR" > /dev/null 2>&1 || echo "java.sh: could not write $JSA; runs go on without it" >&2
fi
exit "$status"
