#!/usr/bin/python3
"""`pcn-atlas analyse` (the command users run, whole process) beside the PostGIS peer of
../shared/bench, on the same workload, runs interleaved, so both see the same machine.

  mvn -B -q package -DskipTests
  /usr/bin/python3 scripts/bench/analyse-vs-postgis.py --data target/bench-data/england --runs 5

Each run: the PostGIS peer (its in-process total: load + steps a-e, as RESULTS.md reports it, and
its process wall time), then `bin/pcn-atlas analyse --method voronoi` on the four workload files
(process wall time from start to exit, JVM start included; peak RSS from /usr/bin/time; the
seconds per stage from its summary.json). Prints medians and the ratio analyse / PostGIS total,
and the per-stage table java / PostGIS (stages matched to the peer's steps as `pcn-atlas bench`
matches them). Before each run it waits for a quiet machine (no other java or postgres busy).
Needs ../shared/bench/setup.sh done (PostgreSQL running, database `bench`).
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SHARED = os.path.join(os.path.dirname(ROOT), "shared", "bench")
LAUNCHER = os.path.join(ROOT, "bin", "pcn-atlas")
# the analysis stages making up each peer step (as bench.BenchPipeline maps them)
STEPS = {
    "load": ["load.districts", "load.region", "load.practices", "load.population", "load.methods"],
    "a_voronoi_clip": ["voronoi.cells"],
    "b_dissolve": ["voronoi.catchments"],
    "c_overlay": ["areas", "network_areas", "voronoi.pairs"],
    "d_population": ["units", "units.areas", "voronoi.population"],
    "f_figures": ["voronoi.figures"],
    "g_coverage": ["voronoi.coverage"],
}


def cpu_of_others():
    me = os.getpid()
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == me:
            continue
        try:
            with open(f"/proc/{pid}/comm") as f:
                comm = f.read().strip()
            if comm not in ("java", "postgres", "mvn"):
                continue
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
            out[pid] = int(fields[11]) + int(fields[12])
        except OSError:
            pass
    return out


def wait_quiet(limit=120):
    start = time.time()
    while time.time() - start < limit:
        a = cpu_of_others()
        time.sleep(1.0)
        b = cpu_of_others()
        busy = sum(b[p] - a.get(p, 0) for p in b)
        if busy < 10:  # under 0.1 CPU-seconds in that second
            return
    print("  (machine still busy after %d s; running anyway)" % limit, file=sys.stderr)


def postgis(data, out, run):
    t0 = time.perf_counter()
    p = subprocess.run(
        ["/usr/bin/python3", os.path.join(SHARED, "peers", "postgis_peer.py"),
         "--data", data, "--out", out, "--run", str(run)],
        capture_output=True, text=True, check=True)
    wall = time.perf_counter() - t0
    steps = {}
    for line in p.stdout.splitlines():
        m = re.match(r"TIMING (\S+) ([\d.]+)", line)
        if m:
            steps[m.group(1)] = float(m.group(2))
    total = sum(steps.values())
    m = re.search(r"total=([\d.]+)s", p.stdout)
    if m:
        total = float(m.group(1))
    return {"total": total, "wall": wall, "steps": steps}


def analyse(data, out, extra):
    cmd = ["/usr/bin/time", "-f", "RSS %M", LAUNCHER, "analyse", "--out", out,
           "--practices", os.path.join(data, "practices.csv"),
           "--districts", os.path.join(data, "districts.geojson"),
           "--population", os.path.join(data, "population.csv"),
           "--region", os.path.join(data, "region.geojson"),
           "--method", "voronoi"] + extra
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit("analyse failed:\n" + p.stderr)
    rss = int(re.search(r"RSS (\d+)", p.stderr).group(1)) / 1024
    line = re.search(r"^seconds: (.*)$", p.stderr, re.M).group(1)
    timings = {k: float(v) for k, v in (part.rsplit(" ", 1) for part in line.split(", "))}
    steps = {k: sum(timings.get(s, 0.0) for s in v) for k, v in STEPS.items()}
    steps["e_write"] = timings.get("write", float("nan"))
    return {"wall": wall, "rss_mb": rss, "steps": steps, "timings": timings}


def med(xs):
    return statistics.median(xs) if xs else float("nan")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--warmup", type=int, default=1, help="untimed runs of each first")
    ap.add_argument("--no-wait", action="store_true", help="do not wait for a quiet machine")
    ap.add_argument("analyse_args", nargs="*", help="more analyse options, after --")
    args = ap.parse_args()
    data = os.path.abspath(args.data)
    work = tempfile.mkdtemp(prefix="analyse-vs-postgis-")
    pg, an = [], []
    for r in range(args.warmup + args.runs):
        if not args.no_wait:
            wait_quiet()
        a = postgis(data, os.path.join(work, "postgis"), r)
        if not args.no_wait:
            wait_quiet()
        b = analyse(data, os.path.join(work, "analyse"), args.analyse_args)
        label = "warm-up" if r < args.warmup else f"run {r - args.warmup + 1}"
        print(f"{label}: PostGIS total {a['total']:.3f} s (wall {a['wall']:.3f}); "
              f"analyse wall {b['wall']:.3f} s, peak RSS {b['rss_mb']:.0f} MB", file=sys.stderr)
        if r >= args.warmup:
            pg.append(a)
            an.append(b)
    scale = os.path.basename(os.path.normpath(data))
    print(f"### {scale}: `pcn-atlas analyse` beside PostGIS, medians of {args.runs} interleaved runs\n")
    print("| step | analyse (in process) | PostGIS | analyse / PostGIS |")
    print("|---|---|---|---|")
    for step in ["load", "a_voronoi_clip", "b_dissolve", "c_overlay", "d_population",
                 "e_write", "f_figures", "g_coverage"]:
        j = med([x["steps"].get(step, float("nan")) for x in an])
        p = med([x["steps"][step] for x in pg if step in x["steps"]]) if any(step in x["steps"] for x in pg) else float("nan")
        ratio = j / p if p == p and p > 0 else float("nan")
        ps = f"{p:.3f}" if p == p else "-"
        rs = f"{ratio:.2f}" if ratio == ratio else "-"
        print(f"| {step} | {j:.3f} | {ps} | {rs} |")
    aw = med([x["wall"] for x in an])
    pt = med([x["total"] for x in pg])
    pw = med([x["wall"] for x in pg])
    rss = max(x["rss_mb"] for x in an)
    print(f"| **whole process**: analyse wall / PostGIS total | {aw:.3f} | {pt:.3f} | **{aw / pt:.2f}** |")
    print(f"| process wall, both | {aw:.3f} | {pw:.3f} | {aw / pw:.2f} |")
    print()
    print(f"analyse wall over the runs {min(x['wall'] for x in an):.3f}-{max(x['wall'] for x in an):.3f} s; "
          f"PostGIS total {min(x['total'] for x in pg):.3f}-{max(x['total'] for x in pg):.3f} s; "
          f"analyse peak RSS {min(x['rss_mb'] for x in an):.0f}-{rss:.0f} MB.")
    stages = {}
    for x in an:
        for k, v in x["timings"].items():
            stages.setdefault(k, []).append(v)
    print("\nanalyse, seconds per stage (median): " +
          ", ".join(f"{k} {med(v):.3f}" for k, v in stages.items()))


if __name__ == "__main__":
    main()
