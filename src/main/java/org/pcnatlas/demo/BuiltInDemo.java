package org.pcnatlas.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.pcnatlas.config.AnalysisConfig;
import org.pcnatlas.config.MethodKind;
import org.pcnatlas.model.SizeBands;

/**
 * The synthetic demo county built into the jar (the files of {@code geodata/demo}, made by {@code
 * scripts/generate-demo.sh}), analysed and served when no data files are given. The files are
 * copied out of the jar into a temporary directory so that they go through the same loaders as any
 * user's files.
 */
public final class BuiltInDemo {
  /** The demo's files, as packaged under {@code org/pcnatlas/demo/data/}. */
  static final List<String> FILES =
      List.of(
          "practices.csv",
          "registrations.csv",
          "study_area.geojson",
          "districts.geojson",
          "lsoas.geojson",
          "lsoa_centroids.csv",
          "network_area_lookup.csv",
          "README.md");

  /** The radius of the distance method on the demo, in metres (about a town's reach). */
  public static final double DISTANCE_RADIUS_M = 3_000;

  private static Path extracted;

  private BuiltInDemo() {}

  /** The directory holding the demo files, copied out of the jar on first use. */
  public static synchronized Path directory() {
    if (extracted == null) {
      try {
        Path dir = Files.createTempDirectory("pcn-atlas-demo-");
        for (String name : FILES) {
          try (InputStream in = BuiltInDemo.class.getResourceAsStream("data/" + name)) {
            if (in == null) {
              throw new IllegalStateException(
                  "the built-in demo file " + name + " is missing from the jar; rebuild it");
            }
            Files.copy(in, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
          }
          dir.resolve(name).toFile().deleteOnExit();
        }
        dir.toFile().deleteOnExit();
        extracted = dir;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot unpack the built-in demo: " + e.getMessage(), e);
      }
    }
    return extracted;
  }

  /** The built-in demo with the voronoi and registration methods. */
  public static AnalysisConfig config() {
    return config(directory(), List.of("voronoi", "registration"));
  }

  /** The demo files in {@code dir} (e.g. {@code geodata/demo}) analysed by the given methods. */
  public static AnalysisConfig config(Path dir, List<String> methods) {
    AnalysisConfig.Files files =
        AnalysisConfig.Files.of(
                dir.resolve("practices.csv"),
                dir.resolve("districts.geojson"),
                dir.resolve("lsoa_centroids.csv"))
            .withNetworkAreas("network_area")
            .withRegion(dir.resolve("study_area.geojson"))
            .withRegistrations(dir.resolve("registrations.csv"), dir.resolve("lsoas.geojson"));
    AnalysisConfig.Columns columns =
        AnalysisConfig.Columns.DETECT
            .withDistricts("district_code", "district_name")
            .withPopulation("lsoa_code", "population");
    AnalysisConfig.Methods m =
        new AnalysisConfig.Methods(
            methods.stream().map(MethodKind::of).toList(),
            AnalysisConfig.DEFAULT_MIN_SHARE,
            AnalysisConfig.DEFAULT_CUMULATIVE_SHARE,
            DISTANCE_RADIUS_M);
    return new AnalysisConfig(files, columns, m, SizeBands.NHS, null);
  }
}
