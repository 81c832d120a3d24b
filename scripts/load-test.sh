#!/usr/bin/env bash
# Load run (not a test): wrk against pcn-atlas serve and, in the same run, against nginx serving the very
# same response bytes as a static file, so the ratio does not depend on how busy the machine is.
#
#   scripts/load-test.sh demo                         # the built-in demo county
#   scripts/load-test.sh england DIR                  # a ../shared/bench workload directory (region.geojson,
#                                                     # districts.geojson, practices.csv, population.csv)
# Environment: DURATION (default 30s), CONNECTIONS (64), THREADS (2), URL_PATH (the request),
# PORT (7391), NGINX_PORT (7392). Needs wrk and nginx (Debian packages wrk, nginx-light or nginx);
# installs them with apt-get when run as root and they are missing. Builds nothing: run
# `mvn -B -q package -DskipTests` first.
set -euo pipefail
cd "$(dirname "$0")/.."

scale=${1:?usage: scripts/load-test.sh demo|england [DATA_DIR]}
data=${2:-}
duration=${DURATION:-30s}
connections=${CONNECTIONS:-64}
threads=${THREADS:-2}
path=${URL_PATH:-/collections/catchments-voronoi/items?limit=1000}
port=${PORT:-7391}
nginx_port=${NGINX_PORT:-7392}
jar=target/pcn-atlas.jar
[ -f "$jar" ] || { echo "no $jar: run mvn -B -q package -DskipTests first" >&2; exit 1; }

need=()
command -v wrk >/dev/null || need+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || need+=(nginx-light)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  else
    echo "missing: ${need[*]} (apt-get install them)" >&2; exit 1
  fi
fi
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
chmod 755 "$work" # nginx workers run as an unprivileged user and must read the file
cleanup() {
  [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null || true
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

args=(serve --port "$port")
if [ "$scale" != demo ]; then
  [ -n "$data" ] || { echo "give the workload directory for $scale" >&2; exit 1; }
  args+=(--method voronoi --practices "$data/practices.csv" --districts "$data/districts.geojson"
         --population "$data/population.csv" --region "$data/region.geojson")
fi
java -Xmx4g -jar "$jar" "${args[@]}" >"$work/serve.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$port/conformance" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.5
done

# the same bytes for nginx, with the same content type
mkdir -p "$work/www"
curl -sf "http://127.0.0.1:$port$path" -o "$work/www/items.json"
chmod -R a+rX "$work/www"
bytes=$(stat -c %s "$work/www/items.json")
cat >"$work/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { }
  default_type application/geo+json;
  client_body_temp_path $work/tmp;
  proxy_temp_path $work/tmp;
  fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp;
  scgi_temp_path $work/tmp;
  server {
    listen 127.0.0.1:$nginx_port;
    location / { root $work/www; try_files /items.json =404; }
  }
}
CONF
mkdir -p "$work/tmp"
"$nginx_bin" -c "$work/nginx.conf" -p "$work"
sleep 0.5
cmp <(curl -sf "http://127.0.0.1:$nginx_port$path") "$work/www/items.json"

run() { # name url
  echo "== $1: wrk -t$threads -c$connections -d$duration $2"
  wrk --latency -t"$threads" -c"$connections" -d"$duration" "$2" | tee "$work/$1.txt"
}
# warm the JVM (JIT) before the measured run, as a running service would be
wrk -t"$threads" -c"$connections" -d10s "http://127.0.0.1:$port$path" >/dev/null
run pcn-atlas "http://127.0.0.1:$port$path"
run nginx "http://127.0.0.1:$nginx_port$path"

summary() { # file -> "rps p99 errors"
  local rps p99 non2xx sock
  rps=$(awk '/Requests\/sec/ {print $2}' "$1")
  p99=$(awk '$1 == "99%" {print $2}' "$1")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$1"); non2xx=${non2xx:-0}
  sock=$(awk '/Socket errors/ {gsub(",", ""); print $4+$6+$8+$10}' "$1"); sock=${sock:-0}
  echo "$rps $p99 $((non2xx + sock))"
}
read -r a_rps a_p99 a_err < <(summary "$work/pcn-atlas.txt")
read -r n_rps n_p99 n_err < <(summary "$work/nginx.txt")
echo
echo "RESULT scale=$scale path=$path bytes=$bytes connections=$connections duration=$duration"
echo "RESULT pcn-atlas requests/s=$a_rps p99=$a_p99 errors=$a_err"
echo "RESULT nginx     requests/s=$n_rps p99=$n_p99 errors=$n_err"
awk -v a="$a_rps" -v n="$n_rps" 'BEGIN { printf "RESULT ratio pcn-atlas/nginx = %.2f (target >= 0.5)\n", a / n }'
