package org.pcnatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.scenario.ScenarioFile;

/** {@code propose} on the demo: its files, the options over the --spec file, its errors. */
class ProposeCommandTest {
  static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  @Test
  void writesAScenarioAnalyseReadsAndTheReportOfIt() throws Exception {
    Path out = dir.resolve("out");
    CliRun r = run("propose", "--out", out.toString(), "--max-moves", "4");
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.err()).contains("proposing [").contains("100%");
    assertThat(r.out()).contains("proposed: ").contains("wrote scenario.json");
    JsonNode report = JSON.readTree(out.resolve("report.json").toFile());
    assertThat(report.get("practices_moved").asInt()).isBetween(0, 4);
    assertThat(report.get("spec").get("maxMoves").asInt()).isEqualTo(4);
    ScenarioFile scenario = ScenarioFile.read(out.resolve("scenario.json"));
    assertThat(scenario.name()).isEqualTo(report.get("name").asText());
    assertThat(scenario.changes()).hasSize(report.get("change_count").asInt());
    List<String> csv = Files.readAllLines(out.resolve("networks.csv"));
    assertThat(csv.get(0)).startsWith("code,name,status,practices,");
    assertThat(csv).hasSize(1 + report.get("networks").size());
    // the scenario is what analyse --scenario reads
    CliRun a =
        run(
            "analyse",
            "--out",
            dir.resolve("after").toString(),
            "--scenario",
            out.resolve("scenario.json").toString(),
            "--outputs",
            "csv");
    assertThat(a.exit()).as(a.err()).isZero();
  }

  @Test
  void optionsOverrideTheSpecFile() throws Exception {
    Path spec = dir.resolve("spec.json");
    Files.writeString(
        spec, "{\"band\": {\"lower\": 20000, \"upper\": 60000}, \"seed\": 5, \"maxMoves\": 9}");
    Path out = dir.resolve("out");
    CliRun r =
        run("propose", "--out", out.toString(), "--spec", spec.toString(), "--upper", "55000");
    assertThat(r.exit()).as(r.err()).isZero();
    JsonNode s = JSON.readTree(out.resolve("report.json").toFile()).get("spec");
    assertThat(s.get("band").get("lower").asDouble()).isEqualTo(20_000);
    assertThat(s.get("band").get("upper").asDouble()).isEqualTo(55_000);
    assertThat(s.get("seed").asLong()).isEqualTo(5);
    assertThat(s.get("maxMoves").asInt()).isEqualTo(9);
  }

  @Test
  void aSpecFileThatIsNotJsonIsNamedWithItsLine() throws Exception {
    Path spec = dir.resolve("spec.json");
    Files.writeString(spec, "{\n  \"band\": {\"lower\": 1,,}\n}");
    CliRun r = run("propose", "--out", dir.resolve("o").toString(), "--spec", spec.toString());
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains(spec.toString()).contains("not valid JSON at line 2");
  }

  @Test
  void aBadFieldIsNamedAndNothingIsWritten() {
    Path out = dir.resolve("o");
    CliRun r = run("propose", "--out", out.toString(), "--lower", "40000", "--upper", "30000");
    assertThat(r.exit()).isEqualTo(2);
    assertThat(r.err()).contains("band.upper");
    CliRun u = run("propose", "--out", out.toString(), "--fix-pcn", "U00000");
    assertThat(u.exit()).isEqualTo(2);
    assertThat(u.err()).contains("fixedPcns[0]").contains("U00000");
    CliRun m =
        run("propose", "--out", out.toString(), "--spec", dir.resolve("none.json").toString());
    assertThat(m.exit()).isEqualTo(2);
    assertThat(m.err()).contains("--spec: no file");
    assertThat(out).doesNotExist();
  }
}
