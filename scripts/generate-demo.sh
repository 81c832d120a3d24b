#!/usr/bin/env bash
# Regenerates the SYNTHETIC demo county in geodata/demo with pcn-atlas's own generator. Deterministic: the same
# seed gives the same bytes in every file, so a clean `git diff` after running it means nothing changed.
#
#   scripts/generate-demo.sh [SEED]      (default seed 20261123, the committed data)
set -euo pipefail
cd "$(dirname "$0")/.."
seed=${1:-20261123}
mvn -B -q package -DskipTests
java -jar target/pcn-atlas.jar demo --out geodata/demo --seed "$seed"
