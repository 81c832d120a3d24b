#!/usr/bin/env bash
# Vector tile latency and size (not a test): starts `pcn-atlas serve` on a workload, waits until it
# is ready and the catchments' CRS84 geometries are made (what the tiles start from), then asks for
# every tile of the catchments-voronoi tileset's limits at tile matrices Z_MIN..Z_MAX (default 6..10)
# over one keep-alive connection: each tile once cold (the first request: it is rendered; the first
# tile of each matrix also waits for that matrix's simplified layer), then once again (cached).
# Prints, per matrix, the tiles with features (200) and without (204), p50/p95/max of cold and
# cached requests (the cold max is the tile that waited for its matrix's simplified layer, and at
# the first matrix for the layer's reprojection to EPSG:3857), and the byte size of the tiles
# with features (median and largest: the MVT bytes, and as sent gzipped, which the client asks for as
# a browser does), then the server's resident memory.
#
#   scripts/bench/tiles.sh                 # the synthetic england workload (target/bench-data/england)
#   scripts/bench/tiles.sh DIR             # a workload folder (practices.csv, districts.geojson,
#                                          # population.csv, region.geojson)
# Environment: PORT (7172), METHOD (voronoi), COLLECTION (catchments-voronoi), Z_MIN (6), Z_MAX (10),
# JAR (another build; run with java -jar instead of bin/pcn-atlas).
# Builds nothing: run `mvn -B -q -o package -DskipTests` first.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
data=${1:-$ROOT/target/bench-data/england}
port=${PORT:-7172}
method=${METHOD:-voronoi}
collection=${COLLECTION:-catchments-$method}
zmin=${Z_MIN:-6}
zmax=${Z_MAX:-10}
[ -f "$data/practices.csv" ] || { echo "tiles.sh: no $data/practices.csv" >&2; exit 1; }
if [ -n "${JAR:-}" ]; then
  launch=(java -jar "$JAR")
else
  [ -f "$ROOT/target/pcn-atlas.jar" ] || { echo "tiles.sh: build first" >&2; exit 1; }
  launch=("$ROOT/bin/pcn-atlas")
fi
if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
  echo "tiles.sh: port $port is in use" >&2; exit 1
fi

work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
"${launch[@]}" serve --port "$port" --data-dir "$work/data" \
  --practices "$data/practices.csv" --districts "$data/districts.geojson" \
  --population "$data/population.csv" --region "$data/region.geojson" --method "$method" \
  >"$work/serve.log" 2>&1 &
pid=$!
until curl -sf -o /dev/null "http://127.0.0.1:$port/conformance"; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "tiles.sh: the server exited; its output:" >&2; cat "$work/serve.log" >&2; exit 1
  fi
  sleep 0.05
done
echo "server: $(grep -m1 'ready in' "$work/serve.log" || echo ready)"

python3 - "$port" "$collection" "$zmin" "$zmax" "$pid" <<'PY'
import gzip, http.client, json, statistics, sys, time

port, collection, zmin, zmax, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
conn = http.client.HTTPConnection("127.0.0.1", int(port), timeout=600)

def get(path, zipped=False):
    """Status, body (as sent), milliseconds; with zipped, asks for gzip as a browser does."""
    t0 = time.perf_counter()
    conn.request("GET", path, headers={"Accept-Encoding": "gzip"} if zipped else {})
    r = conn.getresponse()
    body = r.read()
    ms = (time.perf_counter() - t0) * 1000
    return r.status, body, ms, r.getheader("Content-Encoding") == "gzip"

t0 = time.perf_counter()
status, *_ = get(f"/collections/{collection}/items?limit=1&bbox=-180,-90,180,90")
assert status == 200, status
print(f"CRS84 geometries ready after a further {time.perf_counter() - t0:.2f} s")
status, body, *_ = get(f"/collections/{collection}/tiles/WebMercatorQuad")
assert status == 200, status
limits = {int(l["tileMatrix"]): l for l in json.loads(body)["tileMatrixSetLimits"]}

def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, max(0, round(p / 100 * len(s) + 0.5) - 1))]

rows = []
for z in range(zmin, zmax + 1):
    l = limits[z]
    tiles = [(z, r, c) for r in range(l["minTileRow"], l["maxTileRow"] + 1)
             for c in range(l["minTileCol"], l["maxTileCol"] + 1)]
    cold, cached, sizes, zipped, empty = [], [], [], [], 0
    for z_, r, c in tiles:
        status, body, ms, _ = get(f"/collections/{collection}/tiles/WebMercatorQuad/{z_}/{r}/{c}", True)
        assert status in (200, 204), (status, body[:200])
        cold.append(ms)
        if status == 200:
            zipped.append(len(body))
            sizes.append(len(gzip.decompress(body)) if _ else len(body))
        else:
            empty += 1
    for z_, r, c in tiles:
        *_, ms, _ = get(f"/collections/{collection}/tiles/WebMercatorQuad/{z_}/{r}/{c}", True)
        cached.append(ms)
    rows.append((z, len(sizes), empty, cold, cached, sizes, zipped))

print()
print("| z | tiles (200 / 204) | cold p50 ms | cold p95 ms | cold max ms"
      " | cached p50 ms | cached p95 ms | MVT median / max KB | gzip median / max KB |")
print("|---|---|---|---|---|---|---|---|---|")
for z, n, empty, cold, cached, sizes, zipped in rows:
    print(f"| {z} | {n} / {empty} | {pct(cold, 50):.1f} | {pct(cold, 95):.1f} | {max(cold):.0f} |"
          f" {pct(cached, 50):.2f} | {pct(cached, 95):.2f} |"
          f" {statistics.median(sizes) / 1024:.1f} / {max(sizes) / 1024:.1f} |"
          f" {statistics.median(zipped) / 1024:.1f} / {max(zipped) / 1024:.1f} |")
def java(p):
    """The JVM: the process itself, or the launcher's child that is java."""
    with open(f"/proc/{p}/comm") as f:
        if f.read().strip() == "java":
            return p
    with open(f"/proc/{p}/task/{p}/children") as f:
        for child in f.read().split():
            found = java(child)
            if found:
                return found
    return None

with open(f"/proc/{java(pid) or pid}/status") as f:
    rss = next(line for line in f if line.startswith("VmRSS")).split()[1]
print(f"\nserver resident memory after: {int(rss) / 1024:.0f} MB")
PY
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
