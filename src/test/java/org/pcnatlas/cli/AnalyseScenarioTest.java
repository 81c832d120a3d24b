package org.pcnatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.scenario.Comparison;

/** {@code analyse --scenario}: the scenario's outputs and its comparison with the baseline. */
class AnalyseScenarioTest {
  @TempDir Path dir;

  static final String SCENARIO =
      "{\"name\": \"Kingsford reshuffle\", \"changes\": ["
          + "{\"type\": \"move-practice\", \"practice\": \"Z00004\", \"toPcn\": \"U90001\"},"
          + "{\"type\": \"merge-pcns\", \"pcns\": [\"U90003\", \"U90004\"],"
          + " \"into\": {\"code\": \"U99999\", \"name\": \"Kingsford South West PCN\"}},"
          + "{\"type\": \"close-practice\", \"practice\": \"Z00002\"}]}";

  static List<CSVRecord> csv(Path file) throws Exception {
    try (CSVParser p =
        CSVParser.parse(
            file,
            StandardCharsets.UTF_8,
            CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
      return p.getRecords();
    }
  }

  @Test
  void writesTheScenariosOutputsAndTheComparison() throws Exception {
    Path file = dir.resolve("scenario.json");
    Files.writeString(file, SCENARIO);
    Path base = dir.resolve("base");
    Path out = dir.resolve("out");
    assertThat(run("analyse", "--out", base.toString()).exit()).isZero();
    CliRun r = run("analyse", "--out", out.toString(), "--scenario", file.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("comparison.csv");
    for (String f : List.of("catchments.geojson", "pcns.csv", "alignment.csv", "summary.json")) {
      assertThat(out.resolve(f)).exists();
    }
    // the scenario's pcns.csv has the merged PCN and not the merged ones
    List<String> pcns = csv(out.resolve("pcns.csv")).stream().map(x -> x.get("pcn_code")).toList();
    assertThat(pcns).contains("U99999").doesNotContain("U90003", "U90004");
    JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    assertThat(summary.toString()).contains("Kingsford reshuffle");

    // comparison.csv: the baseline's figures before, the scenario's after, for every method
    List<CSVRecord> cmp = csv(out.resolve("comparison.csv"));
    assertThat(cmp.get(0).toMap().keySet()).containsExactlyElementsOf(Comparison.PCN_COLUMNS);
    Map<String, String> before = new HashMap<>();
    for (CSVRecord b : csv(base.resolve("pcns.csv"))) {
      before.put(b.get("method") + ":" + b.get("pcn_code"), b.get("registered_list"));
    }
    Map<String, String> after = new HashMap<>();
    for (CSVRecord a : csv(out.resolve("pcns.csv"))) {
      after.put(a.get("method") + ":" + a.get("pcn_code"), a.get("registered_list"));
    }
    for (CSVRecord c : cmp) {
      String key = c.get("method") + ":" + c.get("pcn_code");
      assertThat(c.get("registered_list_before")).as(key).isEqualTo(before.getOrDefault(key, ""));
      assertThat(c.get("registered_list_after")).as(key).isEqualTo(after.getOrDefault(key, ""));
    }
    assertThat(cmp.stream().filter(c -> c.get("pcn_code").equals("U99999")))
        .allMatch(c -> c.get("status").equals("new"));
    assertThat(cmp.stream().filter(c -> c.get("pcn_code").equals("U90003")))
        .allMatch(c -> c.get("status").equals("removed"));
    // registered patients are conserved: the closed practice's list went to others
    for (String method : List.of("voronoi", "registration")) {
      long b =
          cmp.stream()
              .filter(c -> c.get("method").equals(method))
              .mapToLong(c -> parse(c.get("registered_list_before")))
              .sum();
      long a =
          cmp.stream()
              .filter(c -> c.get("method").equals(method))
              .mapToLong(c -> parse(c.get("registered_list_after")))
              .sum();
      assertThat(a).as(method).isEqualTo(b);
    }
    List<CSVRecord> districts = csv(out.resolve("comparison-districts.csv"));
    assertThat(districts).hasSize(10); // 5 districts x 2 methods
    assertThat(districts.stream().map(d -> d.get("gained")).filter(g -> g.contains("U99999")))
        .isNotEmpty();
  }

  static long parse(String s) {
    return s.isEmpty() ? 0 : Long.parseLong(s);
  }

  @Test
  void aBadScenarioFileExitsTwoNamingTheFileAndField() throws Exception {
    Path bad = dir.resolve("bad.json");
    Files.writeString(
        bad,
        "{\"name\": \"x\", \"changes\": [{\"type\": \"move-practice\", \"practice\": \"Q1\","
            + " \"toPcn\": \"U90001\"}]}");
    CliRun r = run("analyse", "--out", dir.resolve("o").toString(), "--scenario", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("changes[0].practice").contains("Q1");
    Files.writeString(bad, "{\"name\": \"x\", \"changes\": [");
    r = run("analyse", "--out", dir.resolve("o").toString(), "--scenario", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("bad.json").contains("not valid JSON");
    Files.writeString(bad, "{\"name\": \"x\", \"changes\": [{\"type\": \"demolish\"}]}");
    r = run("analyse", "--out", dir.resolve("o").toString(), "--scenario", bad.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("bad.json").contains("changes[0].type");
    r =
        run(
            "analyse",
            "--out",
            dir.resolve("o").toString(),
            "--scenario",
            dir.resolve("missing.json").toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("missing.json");
  }
}
