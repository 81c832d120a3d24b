#!/usr/bin/python3
"""What JVM options do to `pcn-atlas bench`: whole-process wall time and in-process step times.

  /usr/bin/python3 scripts/bench/jvm-options.py --data target/bench-data/england [--runs 5]
      [--out target/bench-out/jvm-options] [--only NAME ...]

Runs every configuration below --runs times, round-robin, each run a fresh JVM on the built
jar (build first: mvn -B -q -o package -DskipTests), and prints the median wall time (process
start to exit, as the harness's wall_s) and median seconds per step, as a markdown table.
The class-data archives of the "appcds" configurations are written once, before the timed
runs: a dynamic one (-XX:ArchiveClassesAtExit) and a static one (class list, -Xshare:dump).

Before each run it waits until no other java or postgres process has used the CPU for a
second (the machine is shared; 2 cores), so the figures are of a quiet machine.
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
JAR = os.path.join(ROOT, "target", "pcn-atlas.jar")
JSA = os.path.join(ROOT, "target", "jvm-options-dynamic.jsa")
STATIC_JSA = os.path.join(ROOT, "target", "jvm-options-static.jsa")
CLASS_LIST = os.path.join(ROOT, "target", "jvm-options.classlist")
STEPS = ["load", "a_voronoi_clip", "b_dissolve", "c_overlay", "d_population", "e_write"]
HEAP = ["-Xms2g", "-Xmn1g", "-Xmx12g"]
DYNAMIC_CDS = ["-XX:SharedArchiveFile=" + JSA, "-Xlog:cds=off"]
CDS = ["-XX:SharedArchiveFile=" + STATIC_JSA, "-Xlog:cds=off"]
BEST = ["-XX:+UseParallelGC"] + HEAP + ["-XX:-UsePerfData", "-XX:TieredStopAtLevel=1"]

CONFIGS = [
    ("default", []),
    ("xshare-off", ["-Xshare:off"]),
    ("parallel-gc", ["-XX:+UseParallelGC"]),
    ("serial-gc", ["-XX:+UseSerialGC"]),
    ("heap", HEAP),
    ("big-young-gen", ["-Xms8g", "-Xmn6g", "-Xmx12g"]),
    ("c1-only", ["-XX:TieredStopAtLevel=1"]),
    ("appcds-static", CDS),
    ("appcds-dynamic", DYNAMIC_CDS),
    ("parallel+heap+c1", BEST),
    ("parallel+heap+c1+appcds-static", BEST + CDS),
    ("parallel+heap+c1+tenure0", BEST + ["-XX:MaxTenuringThreshold=0"]),
    ("parallel+heap+c1+tenure0+appcds-static", BEST + ["-XX:MaxTenuringThreshold=0"] + CDS),
    ("parallel+big-young-gen+c1", ["-XX:+UseParallelGC", "-Xms8g", "-Xmn6g", "-Xmx12g",
                                   "-XX:-UsePerfData", "-XX:TieredStopAtLevel=1"]),
]


def busy_others():
    """CPU seconds used so far by other java/postgres processes, by pid."""
    me = os.getpid()
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit() or int(pid) == me:
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                parts = f.read().rsplit(")", 1)
            name = parts[0].split("(", 1)[1]
            fields = parts[1].split()
            if name in ("java", "postgres", "psql", "ogr2ogr", "python3"):
                out[pid] = (int(fields[11]) + int(fields[12]))
        except (OSError, IndexError):
            pass
    return out


def wait_quiet(max_wait=600):
    start = time.time()
    while time.time() - start < max_wait:
        a = busy_others()
        time.sleep(1.0)
        b = busy_others()
        if all(b.get(p, 0) - a.get(p, 0) <= 2 for p in b):  # <= 2 ticks in a second
            return time.time() - start
    return time.time() - start


def run(opts, data, out):
    cmd = ["java", *opts, "-jar", JAR, "bench", "--data", data, "--out", out]
    t0 = time.perf_counter()
    p = subprocess.run(cmd, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    if p.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{p.stderr}")
    steps = {}
    for line in p.stdout.splitlines():
        if line.startswith("TIMING "):
            _, k, v = line.split()
            steps[k] = float(v)
    return wall, steps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", default=os.path.join(ROOT, "target", "bench-out", "jvm-options"))
    ap.add_argument("--only", nargs="*")
    args = ap.parse_args()
    if not os.path.isfile(JAR):
        raise SystemExit(f"{JAR} missing: mvn -B -q -o package -DskipTests")
    configs = [c for c in CONFIGS if not args.only or c[0] in args.only]
    for f in (JSA, STATIC_JSA, CLASS_LIST):
        if os.path.exists(f):
            os.remove(f)
    # dynamic archive: classes of one run, written at its exit
    subprocess.run(["java", "-XX:ArchiveClassesAtExit=" + JSA, "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off", "-jar", JAR, "bench", "--data", args.data,
                    "--out", args.out], check=True, capture_output=True)
    # static archive: the class list of one run, then -Xshare:dump (what java.sh does)
    subprocess.run(["java", "-XX:DumpLoadedClassList=" + CLASS_LIST, "-jar", JAR, "bench",
                    "--data", args.data, "--out", args.out], check=True, capture_output=True)
    subprocess.run(["java", "-Xshare:dump", "-XX:SharedClassListFile=" + CLASS_LIST,
                    "-XX:SharedArchiveFile=" + STATIC_JSA, "-Xlog:cds=off", "-cp", JAR],
                   check=True, capture_output=True)
    results = {name: [] for name, _ in configs}
    for r in range(args.runs):
        for name, opts in configs:
            waited = wait_quiet()
            wall, steps = run(opts, args.data, args.out)
            results[name].append((wall, steps))
            print(f"run {r + 1} {name}: wall {wall:.3f} s (waited {waited:.0f} s for quiet)",
                  file=sys.stderr, flush=True)
    print(f"Medians of {args.runs} runs, seconds; data {args.data}\n")
    print("| options | wall (process) | in-process total | " + " | ".join(STEPS) + " |")
    print("|---|---|---|" + "---|" * len(STEPS))
    for name, opts in configs:
        rs = results[name]
        wall = statistics.median(w for w, _ in rs)
        total = statistics.median(sum(s.values()) for _, s in rs)
        per = [statistics.median(s[k] for _, s in rs) for k in STEPS]
        print(f"| {name} `{' '.join(o for o in opts if 'SharedArchiveFile' not in o and 'Xlog' not in o)}` "
              f"| {wall:.3f} | {total:.3f} | " + " | ".join(f"{v:.3f}" for v in per) + " |")


if __name__ == "__main__":
    main()
