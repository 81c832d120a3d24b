package org.pcnatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.testing.OpenData;

class InspectCommandTest {
  @TempDir Path dir;

  @Test
  void jsonSummaryHasExactlyTheDocumentedFields() throws IOException {
    Path f = Files.writeString(dir.resolve("p.csv"), "code,n,lat,lon\nA,1,51.75,-1.26\nB,x,,\n");
    CliRun r = run("inspect", "--json", f.toString());
    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out().strip().lines()).hasSize(1);
    JsonNode j = r.json();
    assertThat(j.get("format").asText()).isEqualTo("csv");
    assertThat(j.get("features").asInt()).isEqualTo(1);
    assertThat(j.get("crs").asText()).isEqualTo("EPSG:4326");
    assertThat(j.get("bbox")).hasSize(4);
    assertThat(j.get("bbox").get(0).asDouble()).isEqualTo(-1.26);
    assertThat(j.get("geometryTypes").get(0).asText()).isEqualTo("Point");
    assertThat(j.get("attributes").get("n").asText()).isEqualTo("string");
    assertThat(j.get("problems")).hasSize(1);
    assertThat(j.get("problems").get(0).get("code").asText()).isEqualTo("missing-coordinates");
    assertThat(j.get("problems").get(0).get("location").asText()).isEqualTo("p.csv:row 3");
    assertThat(j.get("problems").get(0).get("message").asText()).isNotBlank();
  }

  @Test
  void textSummaryListsProblems() throws IOException {
    Path f = Files.writeString(dir.resolve("p.csv"), "code,lat,lon\nA,51.75,-1.26\nB,,\n");
    CliRun r = run("inspect", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("format:         csv")
        .contains("crs:            EPSG:4326")
        .contains("missing-coordinates")
        .contains("p.csv:row 3");
  }

  @Test
  void aCsvWithoutCoordinatesIsSummarisedAsATable() throws IOException {
    Path f = Files.writeString(dir.resolve("map.csv"), "PRACTICE_CODE,PCN_CODE\nK1,U1\nK2,U1\n");
    JsonNode j = run("inspect", "--json", f.toString()).json();
    assertThat(j.get("features").asInt()).isEqualTo(2);
    assertThat(j.get("crs").isNull()).isTrue();
    assertThat(j.get("geometryTypes")).isEmpty();
  }

  @Test
  void errorsNameTheFileAndExitNonZero() throws IOException {
    CliRun missing = run("inspect", dir.resolve("nope.geojson").toString());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("nope.geojson").contains("file not found");
    Path odd = Files.writeString(dir.resolve("data.xlsx"), "x");
    assertThat(run("inspect", odd.toString()).err())
        .contains("data.xlsx")
        .contains("unsupported file type");
    CliRun badCrs = run("inspect", "--crs", "EPSG:0", odd.toString());
    assertThat(badCrs.exit()).isEqualTo(2);
    assertThat(badCrs.err()).contains("EPSG:0");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : List.of("inspect", "demo")) {
      CliRun r = run(command, "--help");
      assertThat(r.exit()).as(command).isZero();
      assertThat(r.out()).as(command).contains("Usage: pcn-atlas " + command);
    }
    assertThat(run("--help").out()).contains("inspect").contains("demo");
  }

  @Test
  void realSubIcbShapefile() throws IOException {
    Path shp = OpenData.require("boundaries/subicb_jul2022_bng_shp/subicb22.shp");
    JsonNode j = run("inspect", "--json", shp.toString()).json();
    assertThat(j.get("format").asText()).isEqualTo("shapefile");
    assertThat(j.get("features").asInt()).isEqualTo(106);
    assertThat(j.get("crs").asText()).isEqualTo("EPSG:27700");
  }

  @Test
  void realOxfordshireDistrictsGeoJson() throws IOException {
    JsonNode j =
        run(
                "inspect",
                "--json",
                OpenData.require("boundaries/lad_may2024_buc_oxfordshire.geojson").toString())
            .json();
    assertThat(j.get("format").asText()).isEqualTo("geojson");
    assertThat(j.get("features").asInt()).isEqualTo(5);
    assertThat(j.get("crs").asText()).isEqualTo("EPSG:4326");
    assertThat(j.get("attributes").get("ltla24_code").asText()).isEqualTo("string");
  }

  @Test
  void inspectOfAGigabyteWithoutANewlineAnswersWithTheFileAndLine(
      @org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path f = dir.resolve("x.csv");
    try (java.io.RandomAccessFile raf = new java.io.RandomAccessFile(f.toFile(), "rw")) {
      raf.setLength(1L << 30); // as `truncate -s 1G x.csv`
    }
    CliRun r = run("inspect", f.toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("x.csv").contains("line 1").doesNotContain("OutOfMemoryError");
  }

  @Test
  void inspectOfALatin1CsvNamesTheLineAndTheWayOut(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("latin1.csv");
    java.nio.file.Files.write(
        f,
        "practice_code,practice_name,pcn_code,lat,lon\nA1,Caf\u00e9 Surgery,P1,51.7,-1.2\n"
            .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    CliRun r = run("inspect", f.toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err())
        .contains("line 2 is not UTF-8")
        .contains("iconv")
        .doesNotContain("MalformedInput");
  }

  @Test
  void inspectOfAPracticesCsvSaysWhatAnalyseWouldRejectOrQuestion() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("practices.csv"),
            "practice_code,practice_name,pcn_code,list_size,lat,lon\n"
                + "A1,One,P1,5000,51.75,-1.26\n"
                + "A1,Again,P1,6000,51.76,-1.25\n"
                + ",No code,P1,100,51.70,-1.20\n"
                + "A3,Text list,P2,many,51.71,-1.21\n"
                + "A4,Negative,P2,-40,51.72,-1.22\n"
                + "A5,Empty,P2,,51.73,-1.23\n");
    CliRun r = run("inspect", f.toString());
    assertThat(r.exit()).isZero();
    assertThat(r.out())
        .contains("duplicate-practice")
        .contains("practices.csv:row 3")
        .contains("missing-code")
        .contains("'many'")
        .contains("negative list size (-40)")
        .contains("A5 has no registered list size")
        // one bad value makes the column text; the others are still read as list sizes
        .doesNotContain("A1 has no registered list size")
        .doesNotContain("'5000'");
    // the JSON form carries the same problems
    JsonNode j = run("inspect", "--json", f.toString()).json();
    List<String> codes = new java.util.ArrayList<>();
    j.get("problems").forEach(p -> codes.add(p.get("code").asText()));
    assertThat(codes)
        .contains("duplicate-practice", "missing-code", "unparsable-value", "missing-list-size");
  }

  @Test
  void inspectOfASemicolonFileSaysItIsNotCommaSeparated() throws IOException {
    Path f =
        Files.writeString(
            dir.resolve("semi.csv"), "practice_code;pcn_code;lat;lon\nA1;P1;51.75;-1.26\n");
    CliRun r = run("inspect", f.toString());
    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("semi.csv").contains("';'-separated");
  }
}
