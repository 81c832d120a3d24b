package org.pcnatlas.export;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.ResultLayers;
import org.pcnatlas.analysis.Summary;
import org.pcnatlas.cli.DataOptions;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.model.FeatureLayer;
import picocli.CommandLine;

/**
 * Times the writing of the {@code analyse} outputs, not a test (no timed assertion anywhere): loads
 * and analyses once, then writes N times, alternating {@link AnalysisWriter#write} and each file's
 * writer on its own, one after the other, and prints per step the first call (cold: the writer's
 * code not yet compiled, the analysis's still compiling) and the median and minimum of the others
 * (warm), wall-clock and process CPU time.
 *
 * <pre>
 * mvn -B -q -o test-compile package -DskipTests
 * D=target/bench-data/england
 * java -cp target/test-classes:target/pcn-atlas.jar org.pcnatlas.export.WriteTiming 9 /tmp/w \
 *   --practices $D/practices.csv --districts $D/districts.geojson --population $D/population.csv \
 *   --region $D/region.geojson --method voronoi
 * </pre>
 *
 * <p>The first write is {@code AnalysisWriter.write} unless {@code -Dfiles.first=true}; {@code
 * -Dsettle.ms=N} waits after the analysis (for its JIT compilations to finish) before writing.
 */
public final class WriteTiming {
  private interface Step {
    void run() throws Exception;
  }

  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private static final Map<String, List<double[]>> TIMES = new LinkedHashMap<>();

  private WriteTiming() {}

  private static void time(String name, Step step) throws Exception {
    long cpu = OS.getProcessCpuTime();
    long wall = System.nanoTime();
    step.run();
    double[] t = {(System.nanoTime() - wall) / 1e6, (OS.getProcessCpuTime() - cpu) / 1e6};
    TIMES.computeIfAbsent(name, k -> new ArrayList<>()).add(t);
  }

  public static void main(String[] args) throws Exception {
    int n = Integer.parseInt(args[0]);
    Path out = Path.of(args[1]);
    DataOptions data = new DataOptions();
    new CommandLine(data).parseArgs(Arrays.copyOfRange(args, 2, args.length));
    long start = System.nanoTime();
    AnalysisInputs.Loaded loaded = AnalysisInputs.load(data.toConfig());
    AnalysisResult r = Analysis.run(loaded.inputs());
    Map<String, Object> summary = Summary.of(r, data.describe(), loaded.timings());
    System.out.printf("load and analysis: %.1f s%n", (System.nanoTime() - start) / 1e9);
    Thread.sleep(Long.getLong("settle.ms", 0L));
    boolean filesFirst = Boolean.getBoolean("files.first");
    for (int i = 0; i < n; i++) {
      if ((i % 2 == 0) != filesFirst) {
        time("AnalysisWriter.write", () -> AnalysisWriter.write(r, summary, out));
      } else {
        oneFileAfterTheOther(r, out.resolveSibling(out.getFileName() + "-files"));
      }
    }
    System.out.printf(
        "%-28s %28s   %28s%n",
        "", "wall ms: cold, warm median/min", "cpu ms: cold, warm median/min");
    TIMES.forEach(
        (name, t) ->
            System.out.printf(
                "%-28s %10.1f %8.1f %8.1f   %10.1f %8.1f %8.1f  (%d calls)%n",
                name,
                t.get(0)[0],
                warm(t, 0, true),
                warm(t, 0, false),
                t.get(0)[1],
                warm(t, 1, true),
                warm(t, 1, false),
                t.size()));
  }

  /** The files AnalysisWriter writes, each by its writer, one after the other. */
  private static void oneFileAfterTheOther(AnalysisResult r, Path dir) throws Exception {
    Files.createDirectories(dir);
    FeatureLayer[] catchments = new FeatureLayer[1];
    List<FeatureLayer> alignment = new ArrayList<>();
    List<FeatureLayer> areaShares = new ArrayList<>();
    time("layers: allCatchments", () -> catchments[0] = ResultLayers.allCatchments(r));
    time(
        "catchments.geojson",
        () -> GeoJsonWriter.rfc7946(6).write(catchments[0], dir.resolve("catchments.geojson")));
    time(
        "pcns.csv",
        () ->
            CsvWriter.writeAttributes(
                catchments[0].attributes(), catchments[0].features(), dir.resolve("pcns.csv")));
    time(
        "layers: alignment, areas",
        () -> {
          for (AnalysisResult.MethodResult m : r.methods()) {
            alignment.add(ResultLayers.alignment(r, m));
            areaShares.add(ResultLayers.areaShares(r, m));
          }
        });
    time("alignment.csv", () -> writeAttributes(alignment, dir.resolve("alignment.csv")));
    time("areas.csv", () -> writeAttributes(areaShares, dir.resolve("areas.csv")));
    time(
        "coverage.csv",
        () ->
            CsvWriter.write(
                dir.resolve("coverage.csv"),
                AnalysisWriter.COVERAGE_COLUMNS,
                AnalysisWriter.coverageRows(r)));
    List<List<FeatureLayer>> layers = new ArrayList<>();
    time("layers: geoPackage", () -> layers.add(AnalysisWriter.geoPackageLayers(r, alignment)));
    time(
        "pcn-atlas.gpkg",
        () -> GeoPackageWriter.write(layers.get(0), dir.resolve("pcn-atlas.gpkg"), Crs.BNG));
  }

  private static void writeAttributes(List<FeatureLayer> layers, Path file) {
    List<org.pcnatlas.model.Feature> features = new ArrayList<>();
    layers.forEach(l -> features.addAll(l.features()));
    CsvWriter.writeAttributes(layers.get(0).attributes(), features, file);
  }

  /** The median or the minimum of the calls after the first; NaN when there is none. */
  private static double warm(List<double[]> times, int column, boolean median) {
    List<Double> warm = new ArrayList<>();
    for (double[] t : times.subList(1, times.size())) {
      warm.add(t[column]);
    }
    if (warm.isEmpty()) {
      return Double.NaN;
    }
    Collections.sort(warm);
    return median ? warm.get(warm.size() / 2) : warm.get(0);
  }
}
