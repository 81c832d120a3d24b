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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.pcnatlas.cli.Main;
import org.pcnatlas.testing.BenchData;
import org.pcnatlas.testing.RandomWorkload;
import picocli.CommandLine;

/**
 * The benchmark adapter ({@code pcn-atlas bench}) and the command users run ({@code pcn-atlas
 * analyse --method voronoi}) on the same four files give the same catchments (geometry, area,
 * residents), the same (PCN, district) pairs (area, share, residents) and the same totals: one
 * engine. On the benchmark's own county workload (its generator) and on a seeded one.
 */
class BenchAgreesWithAnalyseTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path tmp;

  @ParameterizedTest
  @ValueSource(strings = {"county", "seeded"})
  void benchAndAnalyseGiveTheSameCatchmentsPairsAndResidents(String workload) throws IOException {
    Path data =
        workload.equals("county")
            ? BenchData.generate("county", tmp)
            : BenchWorkload.write(
                RandomWorkload.generate(20261202, 200, 30, 6, 1_500), tmp.resolve("seeded"));
    Path bench = tmp.resolve("bench");
    Path analyse = tmp.resolve("analyse");
    run("bench", "--data", data.toString(), "--out", bench.toString());
    run(
        "analyse",
        "--out",
        analyse.toString(),
        "--practices",
        data.resolve("practices.csv").toString(),
        "--districts",
        data.resolve("districts.geojson").toString(),
        "--population",
        data.resolve("population.csv").toString(),
        "--region",
        data.resolve("region.geojson").toString(),
        "--method",
        "voronoi");

    // catchments: the same PCNs, geometries (as written, WGS84 6 decimals), areas and residents
    Map<String, JsonNode> b = byCode(JSON.readTree(bench.resolve("catchments.geojson").toFile()));
    Map<String, JsonNode> a = byCode(JSON.readTree(analyse.resolve("catchments.geojson").toFile()));
    assertThat(a.keySet()).isEqualTo(b.keySet()).isNotEmpty();
    for (String code : b.keySet()) {
      JsonNode x = b.get(code);
      JsonNode y = a.get(code);
      assertThat(polygons(y.get("geometry"))).as(code).isEqualTo(polygons(x.get("geometry")));
      assertThat(y.get("properties").get("area_km2").asDouble())
          .as(code)
          .isEqualTo(x.get("properties").get("area_km2").asDouble());
      assertThat(y.get("properties").get("resident_population").asLong())
          .as(code)
          .isEqualTo(x.get("properties").get("population").asLong());
    }

    // pairs: pairs.csv against the district rows of alignment.csv
    List<String[]> pairs = rows(bench.resolve("pairs.csv"));
    List<String[]> alignment =
        rows(analyse.resolve("alignment.csv")).stream()
            .filter(r -> r[2].equals("districts"))
            .toList();
    assertThat(alignment).hasSameSizeAs(pairs).isNotEmpty();
    for (int i = 0; i < pairs.size(); i++) {
      String[] p = pairs.get(i); // pcn_code,district_code,area_m2,share_of_pcn,population
      String[] q = alignment.get(i); // method,pcn_code,area_layer,area_code,area_name,area_m2,...
      String what = p[0] + "/" + p[1];
      assertThat(q[1] + "/" + q[3]).isEqualTo(what);
      assertThat(Double.parseDouble(q[5])).as(what).isEqualTo(Double.parseDouble(p[2]));
      assertThat(Double.parseDouble(q[6]))
          .as(what)
          .isCloseTo(Double.parseDouble(p[3]), within(5e-7));
      assertThat(Double.parseDouble(q[7])).as(what).isEqualTo(Double.parseDouble(p[4]));
    }
  }

  private static void run(String... args) {
    CommandLine cl = Main.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cl.setOut(new PrintWriter(out));
    cl.setErr(new PrintWriter(err));
    int exit = cl.execute(args);
    assertThat(exit).as(args[0] + ": " + err).isZero();
  }

  private static Map<String, JsonNode> byCode(JsonNode collection) {
    Map<String, JsonNode> out = new TreeMap<>();
    collection
        .get("features")
        .forEach(f -> out.put(f.get("properties").get("pcn_code").asText(), f));
    return out;
  }

  /** The geometry as a list of polygons (a Polygon is a MultiPolygon of one). */
  private static String polygons(JsonNode geometry) {
    String type = geometry.get("type").asText();
    return type.equals("Polygon")
        ? "[" + geometry.get("coordinates") + "]"
        : geometry.get("coordinates").toString();
  }

  private static List<String[]> rows(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String[]> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      out.add(line.split(",", -1));
    }
    return out;
  }
}
