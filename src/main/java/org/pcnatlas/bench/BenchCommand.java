package org.pcnatlas.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.config.AnalysisConfig;
import org.pcnatlas.config.CsvColumns;
import org.pcnatlas.config.MethodKind;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.load.InputLoader;
import org.pcnatlas.model.SizeBands;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pcn-atlas bench}: the project as a peer of the benchmark in {@code ../shared/bench}. Reads
 * the workload with the product's loading path ({@link InputLoader}, as {@code analyse} reads the
 * same files: step {@code load}), runs the pipeline once and prints, on standard output, one {@code
 * TIMING <step> <seconds>} line per step, a {@code CHECKSUM {json}} and a {@code VERSIONS {json}}
 * line.
 *
 * <p>{@code --repeat N} runs every step N times in this JVM and prints, on standard error, the
 * first (cold) run and the minimum and median of the warm runs (2..N) per step: the per-stage
 * micro-benchmark, kept apart from the unit tests. Standard output is that of the first run, so the
 * harness sees a cold run either way.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Run the peer benchmark pipeline (../shared/bench) on one workload folder.",
      "Prints TIMING, CHECKSUM and VERSIONS lines; --repeat adds warm per-step timings on stderr."
    })
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--data",
      required = true,
      description =
          "Workload folder: region.geojson, districts.geojson, practices.csv, population.csv.")
  Path data;

  @Option(
      names = "--out",
      required = true,
      description = "Output folder for catchments.geojson and pairs.csv (created if missing).")
  Path out;

  @Option(
      names = "--repeat",
      defaultValue = "1",
      description = "Run the steps this many times in one JVM; timings of runs 2..N on stderr.")
  int repeat;

  @Override
  public Integer call() {
    if (repeat < 1) {
      throw new IllegalArgumentException("--repeat must be at least 1, not " + repeat);
    }
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    createDirectories(out);
    StepTimer timer =
        new StepTimer(
            (step, s) -> {
              stdout.println("TIMING " + step + " " + String.format(Locale.ROOT, "%.4f", s));
              stdout.flush();
            });
    Checksums first = runOnce(timer, stderr);
    stdout.println("CHECKSUM " + first.toJson());
    stdout.println("VERSIONS " + versions());
    stdout.flush();
    if (repeat == 1) {
      return 0;
    }
    List<Map<String, Double>> warm = new ArrayList<>();
    boolean agree = true;
    for (int r = 2; r <= repeat; r++) {
      System.gc();
      StepTimer t = StepTimer.silent();
      agree &= runOnce(t, null).equals(first);
      warm.add(t.seconds());
    }
    stderr.print(RepeatReport.format(timer.seconds(), warm));
    if (!agree) {
      stderr.println("bench: a repeated run gave different checksums");
      stderr.flush();
      return 1;
    }
    stderr.flush();
    return 0;
  }

  private Checksums runOnce(StepTimer timer, PrintWriter problems) {
    AnalysisInputs inputs = timer.time("load", () -> load(data));
    if (problems != null && !inputs.report().isEmpty()) {
      problems.println("bench: the loaders reported " + inputs.report().summary(10));
      problems.flush();
    }
    return BenchPipeline.run(inputs, out, timer).checksums();
  }

  /**
   * The workload, read as {@code analyse} reads these files, except that population points outside
   * the study area are kept: the peer benchmark counts them as points in no catchment.
   */
  public static AnalysisInputs load(Path dir) {
    return AnalysisInputs.load(workload(dir), InputLoader.UnitsOutside.KEEP).inputs();
  }

  /**
   * The four files of a workload folder as the product reads them ({@code analyse} with these files
   * and columns), all in EPSG:27700:
   *
   * <pre>
   * region.geojson     one Polygon, the study area
   * districts.geojson  polygons with code, name
   * practices.csv      practice_code,name,pcn_code,pcn_name,list_size,easting,northing
   * population.csv     area_code,population,easting,northing
   * </pre>
   */
  public static AnalysisConfig workload(Path dir) {
    AnalysisConfig.Files files =
        AnalysisConfig.Files.of(
                dir.resolve("practices.csv"),
                dir.resolve("districts.geojson"),
                dir.resolve("population.csv"))
            .withRegion(dir.resolve("region.geojson"));
    AnalysisConfig.Columns columns =
        new AnalysisConfig.Columns(
            new AnalysisConfig.PracticeColumns(
                "practice_code", "name", "pcn_code", "pcn_name", "list_size"),
            CsvColumns.eastingNorthing("easting", "northing"),
            "code",
            "name",
            "area_code",
            "population",
            null,
            null);
    return new AnalysisConfig(
        files,
        columns,
        new AnalysisConfig.Methods(
            List.of(MethodKind.VORONOI),
            AnalysisConfig.DEFAULT_MIN_SHARE,
            AnalysisConfig.DEFAULT_CUMULATIVE_SHARE,
            null),
        SizeBands.NHS,
        Crs.BNG);
  }

  private static void createDirectories(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir + ": " + e.getMessage(), e);
    }
  }

  /** Versions of the JVM and the libraries doing the work, as a JSON object. */
  static String versions() {
    Map<String, String> v = new TreeMap<>();
    v.put("java", System.getProperty("java.runtime.version", System.getProperty("java.version")));
    v.put("vm", System.getProperty("java.vm.name"));
    v.put("jts", org.locationtech.jts.JTSVersion.CURRENT_VERSION.toString());
    v.put("proj4j", mavenVersion("org.locationtech.proj4j", "proj4j"));
    v.put("jackson", mavenVersion("com.fasterxml.jackson.core", "jackson-core"));
    v.put("pcn_atlas", mavenVersion("org.pcnatlas", "pcn-atlas"));
    v.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
    // the options this JVM was started with (bin/pcn-atlas chooses them)
    v.put(
        "jvm_options",
        String.join(
            " ", java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
    StringBuilder sb = new StringBuilder("{");
    v.forEach(
        (k, s) -> {
          if (sb.length() > 1) {
            sb.append(", ");
          }
          sb.append('"').append(k).append("\": \"").append(jsonEscape(s)).append('"');
        });
    return sb.append('}').toString();
  }

  /** The version in the jar's META-INF/maven pom.properties, or "unknown" (run from classes). */
  private static String mavenVersion(String group, String artifact) {
    String path = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
    try (var in = BenchCommand.class.getResourceAsStream(path)) {
      if (in == null) {
        return "unknown";
      }
      java.util.Properties p = new java.util.Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  private static String jsonEscape(String s) {
    if (s == null) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
