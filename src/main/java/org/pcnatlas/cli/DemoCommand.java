package org.pcnatlas.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code pcn-atlas demo}: regenerates the synthetic demo county. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate the synthetic demo county (deterministic: the same seed gives the same bytes).")
public final class DemoCommand implements Callable<Integer> {
  @Option(names = "--out", defaultValue = "geodata/demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--seed", defaultValue = "20261123", description = "Random seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Override
  public Integer call() {
    throw new UnsupportedOperationException("demo generator not implemented yet");
  }
}
