package org.pcnatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.cli.CliRun.run;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pcnatlas.config.AnalysisConfig;
import picocli.CommandLine;

class ServeCommandTest {
  @Test
  void theDocumentedArgumentFileConfiguresTheOxfordshireRun() {
    ServeCommand serve = new ServeCommand();
    new CommandLine(serve).parseArgs("@docs/oxfordshire/serve.args", "--port", "0");
    assertThat(serve.port).isZero();
    assertThat(serve.host).isEqualTo("127.0.0.1");
    assertThat(serve.corsOrigins).containsExactly("*");
    assertThat(serve.basemapUrl).isNull();
    AnalysisConfig c = serve.data.toConfig();
    assertThat(c.files().practices())
        .isEqualTo(Path.of("../shared/opendata/derived/practices_oxfordshire_joined.csv"));
    assertThat(c.files().networkAreas()).isEqualTo("docs/oxfordshire/network_areas.csv");
    assertThat(c.files().populationCounts()).isNotNull();
    assertThat(c.files().areas()).containsOnlyKeys("wards");
    assertThat(c.methods().ids()).containsExactly("voronoi");
  }

  @Test
  void badServerOptionsAreErrorsNamingThem() {
    CliRun port = run("serve", "--port", "70000");
    assertThat(port.exit()).isEqualTo(2);
    assertThat(port.err()).contains("--port must be from 0 to 65535");
    CliRun notNumber = run("serve", "--port", "http");
    assertThat(notNumber.exit()).isEqualTo(2);
    assertThat(notNumber.err()).contains("--port");
    CliRun method = run("serve", "--method", "nope");
    assertThat(method.exit()).isEqualTo(2);
    assertThat(method.err()).contains("--method: unknown method 'nope'");
  }
}
