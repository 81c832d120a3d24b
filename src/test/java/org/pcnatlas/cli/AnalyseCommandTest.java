package org.pcnatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pcnatlas.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.export.AnalysisWriter;
import org.pcnatlas.export.GeoJsonWriter;
import org.pcnatlas.load.CsvTable;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.LoadedLayer;
import org.pcnatlas.load.Readers;
import org.pcnatlas.model.FeatureLayer;
import org.pcnatlas.testing.Golden;

/** {@code pcn-atlas analyse}: outputs on the demo (golden files, invariants) and every bad flag. */
class AnalyseCommandTest {
  static final Path DEMO = Path.of("geodata/demo");
  @TempDir static Path dir;
  static Path demoOut;
  static JsonNode summary;

  @BeforeAll
  static void analyseTheBuiltInDemo() throws IOException {
    demoOut = dir.resolve("demo");
    CliRun r = run("analyse", "--out", demoOut.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    summary = new ObjectMapper().readTree(demoOut.resolve("summary.json").toFile());
  }

  @Test
  void writesEveryDocumentedFile() {
    for (String f : AnalysisWriter.FILES) {
      assertThat(demoOut.resolve(f)).isNotEmptyFile();
    }
  }

  @Test
  void outputsChoosesTheFilesAndTheTablesDoNotDependOnTheGeoPackage() throws IOException {
    Path csvOnly = dir.resolve("csv-only");
    CliRun r = run("analyse", "--out", csvOnly.toString(), "--outputs", "csv");
    assertThat(r.exit()).as(r.err()).isZero();
    try (var files = java.nio.file.Files.list(csvOnly)) {
      assertThat(files.map(f -> f.getFileName().toString()))
          .containsExactlyInAnyOrder(
              "pcns.csv", "alignment.csv", "areas.csv", "coverage.csv", "summary.json");
    }
    assertThat(r.out())
        .contains("wrote pcns.csv, alignment.csv, areas.csv, coverage.csv, summary.json");
    for (String f : List.of("pcns.csv", "alignment.csv", "areas.csv", "coverage.csv")) {
      assertThat(csvOnly.resolve(f)).as(f).hasSameBinaryContentAs(demoOut.resolve(f));
    }
    Path two = dir.resolve("geojson-gpkg");
    assertThat(run("analyse", "--out", two.toString(), "--outputs", "gpkg,geojson").exit())
        .isZero();
    assertThat(two.resolve("catchments.geojson"))
        .hasSameBinaryContentAs(demoOut.resolve("catchments.geojson"));
    assertThat(two.resolve("pcn-atlas.gpkg"))
        .hasSameBinaryContentAs(demoOut.resolve("pcn-atlas.gpkg"));
    assertThat(two.resolve("pcns.csv")).doesNotExist();
  }

  @Test
  void catchmentsAndAlignmentMatchTheirGoldenFiles() {
    Golden.assertMatches(demoOut.resolve("catchments.geojson"), "demo/catchments.geojson");
    Golden.assertMatches(demoOut.resolve("alignment.csv"), "demo/alignment.csv");
  }

  @Test
  void catchmentsAreRfc7946WithCounterClockwiseShellsAndSixDecimals() throws IOException {
    String text = Files.readString(demoOut.resolve("catchments.geojson"));
    JsonNode doc = new ObjectMapper().readTree(text);
    assertThat(doc.has("crs")).isFalse();
    // every PCN by voronoi; by registration all but U and U90003, which win no LSOA (a PCN without
    // a catchment is a row of pcns.csv with its catchment_note, not a feature of the map layer)
    assertThat(doc.get("features")).hasSize(2 * 21 - 2);
    for (JsonNode f : doc.get("features")) {
      assertThat(f.get("geometry").isNull()).isFalse();
    }
    List<String> pcns = Files.readAllLines(demoOut.resolve("pcns.csv"));
    assertThat(pcns.get(0)).endsWith(",catchment_note");
    assertThat(pcns.stream().filter(l -> l.startsWith("registration,U90003,")))
        .singleElement()
        .satisfies(l -> assertThat(l).contains("no catchment: no LSOA"));
    assertThat(pcns).hasSize(1 + 2 * 21);
    Matcher numbers = Pattern.compile("\\[(-?\\d+\\.(\\d+)),(-?\\d+\\.(\\d+))\\]").matcher(text);
    int seen = 0;
    while (numbers.find()) {
      assertThat(numbers.group(2).length()).isLessThanOrEqualTo(6);
      seen++;
    }
    assertThat(seen).isGreaterThan(1000);
    for (JsonNode f : doc.get("features")) {
      JsonNode g = f.get("geometry");
      List<JsonNode> polygons = new ArrayList<>();
      if (g.get("type").asText().equals("Polygon")) {
        polygons.add(g.get("coordinates"));
      } else if (g.get("type").asText().equals("MultiPolygon")) {
        g.get("coordinates").forEach(polygons::add);
      }
      for (JsonNode polygon : polygons) {
        for (int ring = 0; ring < polygon.size(); ring++) {
          Coordinate[] cs = new Coordinate[polygon.get(ring).size()];
          for (int i = 0; i < cs.length; i++) {
            JsonNode c = polygon.get(ring).get(i);
            assertThat(c.get(0).asDouble()).isBetween(-8.0, 2.0);
            assertThat(c.get(1).asDouble()).isBetween(49.0, 61.0);
            cs[i] = new Coordinate(c.get(0).asDouble(), c.get(1).asDouble());
          }
          assertThat(Orientation.isCCW(cs)).as(f.get("id") + " ring " + ring).isEqualTo(ring == 0);
        }
      }
    }
  }

  @Test
  void alignmentSharesOfEveryPcnSumToOnePerLayer() {
    Map<String, double[]> sums = new HashMap<>();
    for (Map<String, String> row : csv(demoOut.resolve("alignment.csv"))) {
      String key = row.get("method") + " " + row.get("pcn_code") + " " + row.get("area_layer");
      double[] s = sums.computeIfAbsent(key, k -> new double[2]);
      s[0] += Double.parseDouble(row.get("share_of_pcn_area"));
      if (!row.get("share_of_pcn_population").isEmpty()) {
        s[1] += Double.parseDouble(row.get("share_of_pcn_population"));
      }
    }
    // 2 methods x (21 PCNs, less the 2 the registration method gives no area) x 2 layers
    assertThat(sums).hasSize(2 * (21 + 19));
    sums.forEach(
        (k, s) -> {
          assertThat(s[0]).as(k).isCloseTo(1.0, within(1e-5));
          assertThat(s[1]).as(k).isCloseTo(1.0, within(1e-5));
        });
  }

  @Test
  void pcnsTableHasOneRowPerPcnAndMethodAndConservesResidents() {
    List<Map<String, String>> rows = csv(demoOut.resolve("pcns.csv"));
    assertThat(rows).hasSize(2 * 21);
    long total = summary.get("totals").get("resident_population").asLong();
    assertThat(total).isEqualTo(677_931);
    for (String method : List.of("voronoi", "registration")) {
      double sum =
          rows.stream()
              .filter(r -> r.get("method").equals(method))
              .mapToDouble(r -> Double.parseDouble(r.get("resident_population")))
              .sum();
      assertThat(sum).as(method).isEqualTo((double) total);
    }
    Map<String, String> u = rows.get(0);
    assertThat(u.get("pcn_code")).isEqualTo("U");
    assertThat(u.get("size_band")).isEqualTo("under-30k");
    assertThat(u.get("population_source")).isEqualTo("points");
  }

  @Test
  void summaryHasCountsTotalsReportTimingsAndVersions() {
    assertThat(summary.get("counts").get("practices").asInt()).isEqualTo(69);
    assertThat(summary.get("counts").get("pcns").asInt()).isEqualTo(21);
    assertThat(summary.get("counts").get("areas").get("network-areas").asInt()).isEqualTo(3);
    assertThat(summary.get("load_report").get("problems").asInt()).isZero();
    assertThat(summary.get("methods")).hasSize(2);
    for (String stage :
        List.of(
            "load.practices",
            "load.districts",
            "load.population",
            "voronoi.catchments",
            "voronoi.pairs",
            "voronoi.population",
            "registration.coverage")) {
      assertThat(summary.get("timings_s").has(stage)).as(stage).isTrue();
    }
    assertThat(summary.get("versions").get("jts").asText()).isEqualTo("1.20.0");
    assertThat(summary.get("versions").get("java").asText()).isNotBlank();
  }

  @Test
  void theDemoFilesNamedByFlagsGiveTheSameAnswerAsTheBuiltInDemo() throws IOException {
    Path out = dir.resolve("flags");
    CliRun r =
        run(
            "analyse",
            "--out",
            out.toString(),
            "--practices",
            DEMO.resolve("practices.csv").toString(),
            "--districts",
            DEMO.resolve("districts.geojson").toString(),
            "--network-areas",
            DEMO.resolve("network_area_lookup.csv").toString(),
            "--population",
            DEMO.resolve("lsoa_centroids.csv").toString(),
            "--region",
            DEMO.resolve("study_area.geojson").toString(),
            "--registrations",
            DEMO.resolve("registrations.csv").toString(),
            "--lsoa",
            DEMO.resolve("lsoas.geojson").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(Files.readString(out.resolve("alignment.csv")))
        .isEqualTo(Files.readString(demoOut.resolve("alignment.csv")));
    assertThat(Files.readString(out.resolve("catchments.geojson")))
        .isEqualTo(Files.readString(demoOut.resolve("catchments.geojson")));
  }

  @Test
  void populationPolygonsAreAreaWeightedAndConserved() throws IOException {
    Path out = dir.resolve("area-weighted");
    CliRun r =
        run(
            "analyse",
            "--out",
            out.toString(),
            "--method",
            "voronoi",
            "--practices",
            DEMO.resolve("practices.csv").toString(),
            "--districts",
            DEMO.resolve("districts.geojson").toString(),
            "--population",
            DEMO.resolve("lsoas.geojson").toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<Map<String, String>> rows = csv(out.resolve("pcns.csv"));
    assertThat(rows).allMatch(row -> row.get("population_source").equals("area-weighted"));
    assertThat(rows).allMatch(row -> row.get("network_area").isEmpty());
    double sum =
        rows.stream().mapToDouble(row -> Double.parseDouble(row.get("resident_population"))).sum();
    assertThat(sum).isCloseTo(677_931, within(21 * 0.05 + 1e-6));
  }

  @Test
  void distanceCatchmentsReportGapsOverlapsAndTheResidentsInThem() throws IOException {
    Path out = dir.resolve("distance");
    CliRun r = run("analyse", "--out", out.toString(), "--method", "distance", "--radius", "2500");
    assertThat(r.exit()).as(r.err()).isZero();
    List<Map<String, String>> coverage = csv(out.resolve("coverage.csv"));
    double gapPopulation =
        coverage.stream()
            .filter(row -> row.get("kind").equals("gap"))
            .mapToDouble(row -> Double.parseDouble(row.get("population")))
            .sum();
    double outsideUnits =
        coverage.stream()
            .filter(row -> row.get("kind").equals("unit-outside-catchments"))
            .mapToDouble(row -> Double.parseDouble(row.get("population")))
            .sum();
    assertThat(gapPopulation).isGreaterThan(0).isEqualTo(outsideUnits);
    assertThat(coverage).anyMatch(row -> row.get("kind").equals("overlap"));
    JsonNode m = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("methods");
    assertThat(m.get(0).get("overlapping_by_design").asBoolean()).isTrue();
    assertThat(m.get(0).get("resident_population_outside_catchments").asDouble())
        .isEqualTo(gapPopulation);
  }

  @Test
  void cumulativeShareCatchmentsOverlapAndTheOverlapsAreReported() throws IOException {
    Path out = dir.resolve("cumulative");
    CliRun r =
        run(
            "analyse",
            "--out",
            out.toString(),
            "--method",
            "cumulative-share,registration",
            "--share",
            "0.8");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode methods =
        new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("methods");
    JsonNode m = methods.get(0);
    assertThat(m.get("method").asText()).isEqualTo("cumulative-share");
    assertThat(m.get("catchments").asInt()).isEqualTo(21);
    assertThat(m.get("catchments_without_area")).isEmpty();
    assertThat(m.get("overlapping_by_design").asBoolean()).isTrue();
    assertThat(m.get("overlaps").get("count").asInt()).isPositive();
    assertThat(m.get("overlaps").get("area_m2").asDouble()).isPositive();
    assertThat(m.get("notes").toString())
        .contains("each PCN's catchment is the fewest LSOAs that together hold at least 0.8");
    // registration is a coverage of the same LSOAs: the overlapping catchments cover more
    assertThat(m.get("area_km2").asDouble())
        .isGreaterThan(methods.get(1).get("area_km2").asDouble());
    List<Map<String, String>> overlaps =
        csv(out.resolve("coverage.csv")).stream()
            .filter(row -> row.get("kind").equals("overlap"))
            .toList();
    assertThat(overlaps).anyMatch(row -> row.get("method").equals("cumulative-share"));
    List<Map<String, String>> pcns =
        csv(out.resolve("pcns.csv")).stream()
            .filter(row -> row.get("method").equals("cumulative-share"))
            .toList();
    assertThat(pcns).hasSize(21);
    assertThat(pcns)
        .allSatisfy(row -> assertThat(Double.parseDouble(row.get("area_km2"))).isPositive());
    JsonNode catchments = new ObjectMapper().readTree(out.resolve("catchments.geojson").toFile());
    assertThat(catchments.get("features").findValuesAsText("id"))
        .filteredOn(id -> id.startsWith("cumulative-share:"))
        .hasSize(21);
  }

  @Test
  void givenPracticeCellsReproduceTheVoronoiCatchments() throws IOException {
    LoadedLayer cells =
        Readers.read(
            demoOut.resolve("pcn-atlas.gpkg"),
            ReadOptions.defaults().withLayer("practice_catchments_voronoi"));
    Path given = dir.resolve("given.geojson");
    FeatureLayer layer = cells.layer();
    GeoJsonWriter.withCrsMember(27700, 3).write(layer, given);
    Path out = dir.resolve("given");
    CliRun r =
        run(
            "analyse",
            "--out",
            out.toString(),
            "--method",
            "given",
            "--catchments",
            given.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    Map<String, Double> voronoi = new HashMap<>();
    for (Map<String, String> row : csv(demoOut.resolve("pcns.csv"))) {
      if (row.get("method").equals("voronoi")) {
        voronoi.put(row.get("pcn_code"), Double.parseDouble(row.get("area_km2")));
      }
    }
    List<Map<String, String>> rows = csv(out.resolve("pcns.csv"));
    assertThat(rows).hasSize(21);
    for (Map<String, String> row : rows) {
      assertThat(Double.parseDouble(row.get("area_km2")))
          .as(row.get("pcn_code"))
          .isCloseTo(voronoi.get(row.get("pcn_code")), within(1e-3));
    }
  }

  @Test
  void practicesAndResidentsOutsideASmallerStudyAreaAreReportedNotDropped() throws IOException {
    // the west half of the demo county's bounding box
    Path region =
        Files.writeString(
            dir.resolve("west.geojson"),
            "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":"
                + "{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":[{\"type\":\"Feature\","
                + "\"properties\":{},\"geometry\":{\"type\":\"Polygon\",\"coordinates\":"
                + "[[[420000,190000],[455000,190000],[455000,250000],[420000,250000],[420000,190000]]]}}]}");
    Path out = dir.resolve("west");
    CliRun r =
        run(
            "analyse",
            "--out",
            out.toString(),
            "--method",
            "voronoi",
            "--practices",
            DEMO.resolve("practices.csv").toString(),
            "--districts",
            DEMO.resolve("districts.geojson").toString(),
            "--population",
            DEMO.resolve("lsoa_centroids.csv").toString(),
            "--region",
            region.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    List<Map<String, String>> outside =
        csv(out.resolve("coverage.csv")).stream()
            .filter(row -> row.get("kind").equals("practice-outside-study-area"))
            .toList();
    JsonNode s = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(outside).isNotEmpty();
    assertThat(s.get("counts").get("practices").asInt()).isEqualTo(69);
    assertThat(s.get("counts").get("practices_outside_study_area").asInt())
        .isEqualTo(outside.size());
    assertThat(s.get("load_report").get("counts").get("outside-study-area").asInt())
        .isEqualTo(outside.size());
    int units = s.get("counts").get("population_units").asInt();
    assertThat(units).isBetween(1, 385);
    assertThat(s.get("load_report").get("items").toString())
        .contains((386 - units) + " of 386 units lie outside the study area");
  }

  static Stream<Arguments> badFlags() {
    String practices = DEMO.resolve("practices.csv").toString();
    String districts = DEMO.resolve("districts.geojson").toString();
    String population = DEMO.resolve("lsoa_centroids.csv").toString();
    return Stream.of(
        Arguments.of(List.of("--method", "nope"), "--method: unknown method 'nope'"),
        Arguments.of(
            List.of("--outputs", "shp"),
            "--outputs: unknown output 'shp'; the outputs are geojson, csv, gpkg"),
        Arguments.of(List.of("--method", "voronoi,voronoi"), "each method may be given once"),
        Arguments.of(List.of("--min-share", "0"), "--min-share must be greater than 0"),
        Arguments.of(List.of("--min-share", "1.5"), "--min-share must be greater than 0"),
        Arguments.of(List.of("--min-share", "abc"), "--min-share"),
        Arguments.of(
            List.of("--method", "cumulative-share", "--share", "0"),
            "--share must be greater than 0 and at most 1, got 0.0"),
        Arguments.of(
            List.of("--method", "cumulative-share", "--share", "1.5"),
            "--share must be greater than 0 and at most 1, got 1.5"),
        Arguments.of(List.of("--method", "cumulative-share", "--share", "abc"), "--share"),
        Arguments.of(List.of("--radius", "-5", "--method", "distance"), "--radius must be"),
        Arguments.of(List.of("--size-bands", "50000,30000"), "--size-bands"),
        Arguments.of(List.of("--size-bands", "30000"), "--size-bands must be two whole numbers"),
        Arguments.of(List.of("--size-bands", "a,b"), "--size-bands must be two whole numbers"),
        Arguments.of(List.of("--network-areas", "nosuch"), "--network-areas: 'nosuch' is neither"),
        Arguments.of(List.of("--practices", practices), "--districts is needed"),
        Arguments.of(
            List.of("--practices", practices, "--districts", districts), "--population is needed"),
        Arguments.of(
            List.of(
                "--practices", "missing.csv", "--districts", districts, "--population", population),
            "missing.csv"),
        Arguments.of(
            List.of(
                "--practices",
                practices,
                "--districts",
                districts,
                "--population",
                population,
                "--method",
                "registration"),
            "the registration method needs --registrations"),
        Arguments.of(
            List.of(
                "--practices",
                practices,
                "--districts",
                districts,
                "--population",
                population,
                "--method",
                "distance"),
            "the distance method needs --radius"),
        Arguments.of(
            List.of(
                "--practices",
                practices,
                "--districts",
                districts,
                "--population",
                population,
                "--areas",
                "districts=" + districts),
            "--areas: the layer name 'districts'"),
        Arguments.of(
            List.of(
                "--practices",
                practices,
                "--districts",
                districts,
                "--population",
                population,
                "--population-column",
                "nope"),
            "no column 'nope'"),
        Arguments.of(
            List.of(
                "--practices",
                practices,
                "--districts",
                districts,
                "--population",
                population,
                "--district-code-column",
                "nope"),
            "no column 'nope'"),
        Arguments.of(List.of("--lon-column", "x"), "--lon-column describes your own data files"),
        Arguments.of(
            List.of(
                "--practices",
                practices,
                "--districts",
                districts,
                "--population",
                population,
                "--lon-column",
                "x"),
            "--lon-column and --lat-column go together"));
  }

  @ParameterizedTest
  @MethodSource("badFlags")
  void aBadFlagIsAnErrorNamingIt(List<String> flags, String message) {
    List<String> args = new ArrayList<>(List.of("analyse", "--out", dir.resolve("bad").toString()));
    args.addAll(flags);
    CliRun r = run(args.toArray(String[]::new));
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(message);
  }

  @Test
  void outIsRequired() {
    CliRun r = run("analyse");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("--out");
  }

  static List<Map<String, String>> csv(Path file) {
    CsvTable t = CsvTable.read(file, new LoadReport());
    return t.rows().stream().map(CsvTable.Row::values).toList();
  }
}
