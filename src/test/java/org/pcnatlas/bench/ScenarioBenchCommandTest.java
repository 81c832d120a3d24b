package org.pcnatlas.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.cli.Main;
import org.pcnatlas.testing.RandomWorkload;
import picocli.CommandLine;

/** {@code bench-scenarios} on a small seeded workload: it runs, checks and writes its figures. */
@Tag("slow")
class ScenarioBenchCommandTest {
  @TempDir static Path tmp;

  @Test
  void timesEachChangeTypeAndFindsNoMismatch() throws IOException {
    Path data =
        BenchWorkload.write(RandomWorkload.generate(5, 150, 25, 8, 1_000), tmp.resolve("data"));
    Path out = tmp.resolve("scenarios.json");
    CommandLine cl = Main.commandLine();
    StringWriter o = new StringWriter();
    cl.setOut(new PrintWriter(o));
    cl.setErr(new PrintWriter(new StringWriter()));
    int exit =
        cl.execute(
            "bench-scenarios",
            "--data",
            data.toString(),
            "--changes",
            "10",
            "--warmup",
            "2",
            "--network-areas",
            "3",
            "--out",
            out.toString());
    assertThat(exit).as(o.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(out.toFile());
    assertThat(json.get("mismatches").size()).isZero();
    assertThat(json.get("checked").asInt()).isEqualTo(12);
    for (String type : ScenarioBenchCommand.TYPES) {
      assertThat(json.get("milliseconds").get(type).get("n").asInt()).as(type).isEqualTo(2);
    }
    assertThat(o.toString()).contains("| all | 10 |");
  }
}
