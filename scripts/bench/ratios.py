#!/usr/bin/python3
"""Java against the peers, as ratios: medians of the runs in timings.jsonl files of run-peers.sh.

  /usr/bin/python3 scripts/bench/ratios.py target/bench-out/england/timings.jsonl \
      target/bench-out/x10/timings.jsonl

For each scale, per step: the median seconds of the java peer and of PostGIS in the same runs,
java / PostGIS, the fastest peer's seconds in ../shared/bench/RESULTS.md (Shapely 2 is not
installed here, so its figures come from there) and the target of issue 3 (each compute step at
most half the fastest peer's), met or not; then the whole process: java's wall_s (JVM start
included) against a quarter of PostGIS's total.
"""
import json
import statistics
import sys

STEPS = ["load", "a_voronoi_clip", "b_dissolve", "c_overlay", "d_population", "e_write"]
COMPUTE = STEPS[1:]
# ../shared/bench/RESULTS.md, medians of 3 (2026-11-23): the fastest peer per compute step
FASTEST = {
    "england": {"a_voronoi_clip": (0.261, "Shapely 2"), "b_dissolve": (0.123, "Shapely 2"),
                "c_overlay": (0.788, "Shapely 2"), "d_population": (0.078, "Shapely 2"),
                "e_write": (0.073, "PostGIS")},
    "x10": {"a_voronoi_clip": (2.91, "Shapely 2"), "b_dissolve": (1.29, "PostGIS"),
            "c_overlay": (5.72, "PostGIS"), "d_population": (1.36, "Shapely 2"),
            "e_write": (0.403, "PostGIS")},
}


def medians(records, peer):
    rs = [r for r in records if r["peer"] == peer]
    if not rs:
        return None
    out = {s: statistics.median(r["steps"][s] for r in rs if s in r["steps"]) for s in STEPS}
    out["compute"] = statistics.median(r["compute_s"] for r in rs)
    out["total"] = statistics.median(r["total_s"] for r in rs)
    out["wall"] = statistics.median(r["wall_s"] for r in rs)
    out["runs"] = len(rs)
    out["wall_range"] = (min(r["wall_s"] for r in rs), max(r["wall_s"] for r in rs))
    return out


def table(scale, java, postgis):
    lines = [f"### {scale}: java {java['runs']} runs, PostGIS {postgis['runs']} runs, medians (s)",
             "",
             "| step | java | PostGIS | java / PostGIS | fastest peer (RESULTS.md) | target: java <= | met |",
             "|---|---|---|---|---|---|---|"]
    for s in STEPS:
        j, p = java[s], postgis[s]
        if s in COMPUTE and scale in FASTEST:
            f, who = FASTEST[scale][s]
            target = 0.5 * f
            lines.append(f"| {s} | {j:.3f} | {p:.3f} | {j / p:.2f} | {f:.3f} ({who}) | "
                         f"{target:.3f} | {'yes' if j <= target else 'no'} |")
        else:
            lines.append(f"| {s} | {j:.3f} | {p:.3f} | {j / p:.2f} | | | |")
    lines.append(f"| compute a-e | {java['compute']:.3f} | {postgis['compute']:.3f} | "
                 f"{java['compute'] / postgis['compute']:.2f} | | | |")
    lines.append(f"| total (load + compute) | {java['total']:.3f} | {postgis['total']:.3f} | "
                 f"{java['total'] / postgis['total']:.2f} | | | |")
    target = 0.25 * postgis["total"]
    lines.append(f"| **whole process** (java wall_s vs PostGIS total) | {java['wall']:.3f} | "
                 f"{postgis['total']:.3f} | {java['wall'] / postgis['total']:.2f} | | "
                 f"{target:.3f} | {'yes' if java['wall'] <= target else 'no'} |")
    lines.append(f"| process wall_s, both | {java['wall']:.3f} | {postgis['wall']:.3f} | "
                 f"{java['wall'] / postgis['wall']:.2f} | | | |")
    lines.append("")
    lines.append(f"java wall_s over the runs: {java['wall_range'][0]:.3f}-{java['wall_range'][1]:.3f} s; "
                 f"PostGIS: {postgis['wall_range'][0]:.3f}-{postgis['wall_range'][1]:.3f} s.")
    return "\n".join(lines) + "\n"


def main():
    for fn in sys.argv[1:]:
        with open(fn) as f:
            records = [json.loads(line) for line in f if line.strip()]
        scale = records[0]["scale"]
        java, postgis = medians(records, "java"), medians(records, "postgis")
        if java is None or postgis is None:
            print(f"{fn}: needs runs of both java and postgis")
            continue
        print(table(scale, java, postgis))


if __name__ == "__main__":
    main()
