package org.pcnatlas.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.cli.Main;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.testing.RandomWorkload;
import picocli.CommandLine;

/** {@code pcn-atlas bench} on a small seeded workload: the files the harness reads, checked. */
class BenchCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path tmp;
  static RandomWorkload workload;
  static Path data;
  static Path out;
  static Run run;

  record Run(int exit, String stdout, String stderr) {}

  static Run bench(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    cl.setOut(new PrintWriter(o));
    cl.setErr(new PrintWriter(e));
    List<String> all = new ArrayList<>(List.of("bench"));
    all.addAll(List.of(args));
    int exit = cl.execute(all.toArray(String[]::new));
    return new Run(exit, o.toString(), e.toString());
  }

  @BeforeAll
  static void runOnce() {
    workload = RandomWorkload.generate(20240607, 250, 35, 7, 2_000);
    data = BenchWorkload.write(workload, tmp.resolve("data"));
    out = tmp.resolve("out");
    run = bench("--data", data.toString(), "--out", out.toString());
  }

  static List<String[]> pairs() throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("pairs.csv"));
    return lines.subList(1, lines.size()).stream().map(l -> l.split(",", -1)).toList();
  }

  static JsonNode catchments() throws IOException {
    return JSON.readTree(out.resolve("catchments.geojson").toFile());
  }

  @Test
  void printsOneTimingPerStepThenChecksumAndVersions() throws IOException {
    assertThat(run.exit()).as(run.stderr()).isZero();
    List<String> steps = new ArrayList<>();
    Matcher m = Pattern.compile("(?m)^TIMING (\\S+) (\\d+\\.\\d{4})$").matcher(run.stdout());
    while (m.find()) {
      steps.add(m.group(1));
    }
    assertThat(steps).containsExactlyElementsOf(BenchPipeline.STEPS);
    JsonNode checksum = JSON.readTree(line("CHECKSUM "));
    JsonNode versions = JSON.readTree(line("VERSIONS "));
    assertThat(versions.get("jts").asText()).startsWith("1.20");
    assertThat(checksum.get("catchments").asInt()).isEqualTo(catchments().get("features").size());
    assertThat(checksum.get("pairs").asInt()).isEqualTo(pairs().size());
    assertThat(checksum.get("pair_population").asLong())
        .isEqualTo(pairs().stream().mapToLong(p -> Long.parseLong(p[4])).sum());
    assertThat(checksum.get("cells").asInt()).isEqualTo(225); // 250 practices, every tenth shares
    assertThat(checksum.get("points_assigned_twice").asInt()).isZero();
  }

  private static String line(String prefix) {
    return run.stdout()
        .lines()
        .filter(l -> l.startsWith(prefix))
        .findFirst()
        .orElseThrow()
        .substring(prefix.length());
  }

  @Test
  void pairsCsvHasTheHarnessLayout() throws IOException {
    List<String> lines = Files.readAllLines(out.resolve("pairs.csv"));
    assertThat(lines.get(0)).isEqualTo("pcn_code,district_code,area_m2,share_of_pcn,population");
    String previous = "";
    for (String[] p : pairs()) {
      assertThat(p).hasSize(5);
      assertThat(p[2]).matches("\\d+\\.\\d{3}");
      assertThat(p[3]).matches("[01]\\.\\d{9}");
      assertThat(p[4]).matches("\\d+");
      String key = p[0] + "\u0000" + p[1];
      assertThat(key).isGreaterThan(previous); // sorted by PCN, then district; no repeats
      previous = key;
      // the full outer join: a pair has at least 1 m², or residents, or both
      double area = Double.parseDouble(p[2]);
      assertThat(area >= 1.0 || Long.parseLong(p[4]) > 0).isTrue();
      if (area == 0) {
        assertThat(p[3]).isEqualTo("0.000000000");
      }
    }
    assertThat(Files.readString(out.resolve("pairs.csv"))).endsWith("\n").doesNotContain("\r");
  }

  @Test
  void pairAreasAndSharesAddUpPerPcn() throws IOException {
    Map<String, double[]> byPcn = new HashMap<>();
    for (String[] p : pairs()) {
      double[] sums = byPcn.computeIfAbsent(p[0], k -> new double[2]);
      sums[0] += Double.parseDouble(p[2]);
      sums[1] += Double.parseDouble(p[3]);
    }
    JsonNode features = catchments().get("features");
    assertThat(byPcn).hasSize(features.size());
    for (JsonNode f : features) {
      String pcn = f.get("properties").get("pcn_code").asText();
      double km2 = f.get("properties").get("area_km2").asDouble();
      double[] sums = byPcn.get(pcn);
      // area_km2 has 6 decimals (1 m²), pair areas 3; pairs under 1 m² are left out
      assertThat(sums[0]).as(pcn).isCloseTo(km2 * 1e6, within(2.0));
      assertThat(sums[1]).as(pcn).isCloseTo(1.0, within(2.0 / (km2 * 1e6) + 1e-8));
    }
  }

  @Test
  void populationIsConserved() throws IOException {
    long input = workload.units().stream().mapToLong(PopulationUnit::population).sum();
    JsonNode checksum = JSON.readTree(line("CHECKSUM "));
    long inCatchments = 0;
    for (JsonNode f : catchments().get("features")) {
      inCatchments += f.get("properties").get("population").asLong();
    }
    long inPairs = pairs().stream().mapToLong(p -> Long.parseLong(p[4])).sum();
    assertThat(inCatchments).isEqualTo(checksum.get("population_in_catchments").asLong());
    // the region is the union of the districts: a resident in a catchment is in a district
    assertThat(inPairs).isEqualTo(inCatchments);
    assertThat(checksum.get("points_unassigned_pcn").asInt())
        .isEqualTo(checksum.get("points_unassigned_district").asInt())
        .isPositive();
    long outside =
        workload.units().stream()
            .filter(u -> !workload.region().contains(u.centroid()))
            .mapToLong(PopulationUnit::population)
            .sum();
    assertThat(inCatchments + outside).isEqualTo(input);
  }

  @Test
  void catchmentsGeoJsonIsRfc7946() throws IOException {
    String text = Files.readString(out.resolve("catchments.geojson"));
    JsonNode fc = JSON.readTree(text);
    assertThat(fc.get("type").asText()).isEqualTo("FeatureCollection");
    assertThat(fc.has("crs")).isFalse();
    String previous = "";
    for (JsonNode f : fc.get("features")) {
      JsonNode props = f.get("properties");
      assertThat(props.fieldNames())
          .toIterable()
          .containsExactly("pcn_code", "area_km2", "population");
      assertThat(props.get("area_km2").asText()).matches("\\d+(\\.\\d{1,6})?");
      assertThat(props.get("pcn_code").asText()).isGreaterThan(previous);
      previous = props.get("pcn_code").asText();
      JsonNode g = f.get("geometry");
      assertThat(g.get("type").asText()).isEqualTo("MultiPolygon");
      for (JsonNode polygon : g.get("coordinates")) {
        for (int r = 0; r < polygon.size(); r++) {
          JsonNode ring = polygon.get(r);
          double twiceArea = 0;
          for (int i = 0; i < ring.size(); i++) {
            JsonNode p = ring.get(i);
            assertThat(p.get(0).asDouble()).isBetween(-180.0, 180.0);
            assertThat(p.get(1).asDouble()).isBetween(-90.0, 90.0);
            assertThat(p.get(0).asText()).matches("-?\\d+(\\.\\d{1,6})?");
            if (i > 0) {
              JsonNode q = ring.get(i - 1);
              twiceArea +=
                  q.get(0).asDouble() * p.get(1).asDouble()
                      - p.get(0).asDouble() * q.get(1).asDouble();
            }
          }
          assertThat(ring.get(0)).isEqualTo(ring.get(ring.size() - 1));
          // exterior counter-clockwise, holes clockwise
          assertThat(r == 0 ? twiceArea > 0 : twiceArea < 0).isTrue();
        }
      }
    }
  }

  @Test
  void sameInputsGiveTheSameBytes() throws IOException {
    Path again = tmp.resolve("again");
    assertThat(bench("--data", data.toString(), "--out", again.toString()).exit()).isZero();
    for (String file : List.of("catchments.geojson", "pairs.csv")) {
      assertThat(Files.readAllBytes(again.resolve(file)))
          .as(file)
          .isEqualTo(Files.readAllBytes(out.resolve(file)));
    }
  }

  @Test
  void repeatReportsColdAndWarmTimingsPerStepOnStderr() {
    Run repeated =
        bench("--data", data.toString(), "--out", tmp.resolve("rep").toString(), "--repeat", "3");
    assertThat(repeated.exit()).as(repeated.stderr()).isZero();
    assertThat(repeated.stdout().lines().filter(l -> l.startsWith("TIMING ")))
        .hasSize(BenchPipeline.STEPS.size());
    assertThat(repeated.stderr()).contains("bench --repeat 3", "warm min", "median", "compute a-e");
    for (String step : BenchPipeline.STEPS) {
      assertThat(repeated.stderr())
          .containsPattern("(?m)^" + step + " +\\d+\\.\\d{4} +\\d+\\.\\d{4} +\\d+\\.\\d{4}$");
    }
  }

  @Test
  void aMissingFileFailsNamingIt() {
    Run failed =
        bench("--data", tmp.resolve("nowhere").toString(), "--out", tmp.resolve("x").toString());
    assertThat(failed.exit()).isEqualTo(2);
    assertThat(failed.stderr())
        .contains("nowhere" + java.io.File.separator, ".geojson")
        .doesNotContain("Exception");
  }

  @Test
  void repeatMustBePositive() {
    Run failed =
        bench("--data", data.toString(), "--out", tmp.resolve("y").toString(), "--repeat", "0");
    assertThat(failed.exit()).isEqualTo(2);
    assertThat(failed.stderr()).contains("--repeat");
  }

  @Test
  void aWorkloadBeyondGreatBritainRunsAsItDoesAtHome() throws IOException {
    // eastings to 1,170 km and northings to 1,520 km, as the x10 workload's, on the grid
    Path far =
        BenchWorkload.write(
            BenchWorkload.shifted(workload, 700_000, 1_300_000), tmp.resolve("far"));
    Run moved = bench("--data", far.toString(), "--out", tmp.resolve("far-out").toString());
    assertThat(moved.exit()).as(moved.stderr()).isZero();
    JsonNode here = JSON.readTree(line("CHECKSUM "));
    JsonNode there =
        JSON.readTree(
            moved
                .stdout()
                .lines()
                .filter(l -> l.startsWith("CHECKSUM "))
                .findFirst()
                .orElseThrow()
                .substring("CHECKSUM ".length()));
    for (String figure :
        List.of("catchments", "cells", "population_in_catchments", "points_unassigned_pcn")) {
      assertThat(there.get(figure)).as(figure).isEqualTo(here.get(figure));
    }
  }

  @Test
  void aWorkloadFileInAnotherCrsFailsNamingIt() throws IOException {
    Path other = tmp.resolve("other");
    Files.createDirectories(other);
    for (String f : List.of("districts.geojson", "practices.csv", "population.csv")) {
      Files.copy(data.resolve(f), other.resolve(f));
    }
    Files.writeString(
        other.resolve("region.geojson"),
        Files.readString(data.resolve("region.geojson"))
            .replace("urn:ogc:def:crs:EPSG::27700", "urn:ogc:def:crs:OGC:1.3:CRS84"));
    Run failed = bench("--data", other.toString(), "--out", tmp.resolve("z").toString());
    assertThat(failed.exit()).isEqualTo(2);
    assertThat(failed.stderr()).contains("region.geojson", "EPSG:4326", "EPSG:27700");
  }
}
