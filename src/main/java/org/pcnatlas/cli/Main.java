package org.pcnatlas.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code pcn-atlas <command>}: the command-line entry point. Wiring only. */
@Command(
    name = "pcn-atlas",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Geospatial analysis of NHS England Primary Care Network (PCN) catchments.",
    subcommands = {
      InspectCommand.class,
      AnalyseCommand.class,
      ProposeCommand.class,
      ServeCommand.class,
      DemoCommand.class,
      org.pcnatlas.bench.BenchCommand.class,
      org.pcnatlas.bench.ScenarioBenchCommand.class,
      org.pcnatlas.bench.ProposeBenchCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, shared by {@link #main} and tests. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(
        (ex, cmd, parsed) -> {
          cmd.getErr().println("pcn-atlas: " + ex.getMessage());
          return 2;
        });
    return cl;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The version from the jar manifest ("dev" when run from classes). */
  public static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"pcn-atlas " + version()};
    }
  }
}
