package org.pcnatlas.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pcnatlas.demo.DemoCounty;
import org.pcnatlas.demo.DemoWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pcn-atlas demo}: regenerates the synthetic demo county. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description =
        "Generate the synthetic demo county (deterministic: the same seed gives the same bytes).")
public final class DemoCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--out",
      defaultValue = "geodata/demo",
      description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--seed",
      defaultValue = "20261123",
      description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    DemoCounty county = DemoCounty.generate(seed);
    for (Path file : DemoWriter.write(county, out)) {
      spec.commandLine().getOut().println("wrote " + file);
    }
    return 0;
  }
}
