package org.pcnatlas.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.export.CsvWriter;
import org.pcnatlas.load.JsonSyntax;
import org.pcnatlas.propose.Proposal;
import org.pcnatlas.propose.ProposalJson;
import org.pcnatlas.propose.ProposalSpec;
import org.pcnatlas.propose.Proposer;
import org.pcnatlas.scenario.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code pcn-atlas propose --out DIR [--spec FILE] [options] [data options]}. */
@Command(
    name = "propose",
    mixinStandardHelpOptions = true,
    description = {
      "Propose a configuration of practices into networks that fits the size band and the",
      "alignment layer (districts by default), moving as few practices as it can, and write it",
      "to --out as scenario.json (for analyse --scenario or POST /scenarios), report.json and",
      "networks.csv. The options below override the --spec file's fields (docs/proposals.md).",
      "With no data files it proposes for the built-in synthetic demo county."
    })
public final class ProposeCommand implements Callable<Integer> {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Option(
      names = "--spec",
      paramLabel = "FILE.json",
      description = "The specification, the body POST /proposals takes (docs/proposals.md).")
  Path specFile;

  @Option(names = "--lower", paramLabel = "N", description = "Band's lower bound (30000).")
  Double lower;

  @Option(names = "--upper", paramLabel = "N", description = "Band's upper bound (50000).")
  Double upper;

  @Option(
      names = "--band-on",
      paramLabel = "list|residents",
      description = "What the band measures: the registered list (default) or the residents.")
  String bandOn;

  @Option(
      names = "--layer",
      paramLabel = "LAYER",
      description = "Alignment layer: districts (default), network-areas, or an --areas layer.")
  String layer;

  @Option(
      names = "--crossing",
      paramLabel = "weighted|forbidden",
      description = "Crossing the layer is weighted in the objective (default) or forbidden.")
  String crossing;

  @Option(names = "--fix-pcn", paramLabel = "CODE", description = "A PCN to keep as it is.")
  List<String> fixPcns = new ArrayList<>();

  @Option(names = "--fix-practice", paramLabel = "CODE", description = "A practice to keep.")
  List<String> fixPractices = new ArrayList<>();

  @Option(
      names = "--group",
      paramLabel = "A,B,...",
      description = "Practices that must stay together (repeatable).")
  List<String> groups = new ArrayList<>();

  @Option(names = "--max-moves", paramLabel = "N", description = "At most N practices moved.")
  Integer maxMoves;

  @Option(names = "--time-limit", paramLabel = "SECONDS", description = "Time limit (60).")
  Double timeLimit;

  @Option(names = "--seed", paramLabel = "N", description = "Seed of the search (1).")
  Long seed;

  @Option(names = "--name", paramLabel = "NAME", description = "The scenario's name.")
  String name;

  @Mixin DataOptions data;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    PrintWriter stdout = spec.commandLine().getOut();
    ProposalSpec ps = specification();
    AnalysisInputs.Loaded loaded = AnalysisInputs.load(data.toConfig());
    AnalysisResult baseline = Proposer.baseline(loaded.inputs());
    Proposal p;
    try {
      p = Proposer.propose(baseline, ps, new Bar(err));
    } catch (ScenarioException e) {
      throw new IllegalArgumentException(
          (specFile == null ? "" : specFile + ": ") + e.getMessage(), e);
    }
    err.println();
    Files.createDirectories(out);
    Files.writeString(
        out.resolve("scenario.json"), JSON.writeValueAsString(ProposalJson.scenario(p)));
    Files.writeString(out.resolve("report.json"), JSON.writeValueAsString(ProposalJson.report(p)));
    CsvWriter.write(out.resolve("networks.csv"), ProposalJson.CSV_COLUMNS, ProposalJson.csvRows(p));
    stdout.printf(
        Locale.ROOT,
        "today: %d networks, %d in the band, %d inside one area of %s%n",
        p.before().networks(),
        p.before().inBand(),
        p.before().insideOneArea(),
        ps.layer());
    stdout.printf(
        Locale.ROOT,
        "proposed: %d networks, %d in the band, %d inside one area, %d practices moved, %d"
            + " changes (%.2f s)%n",
        p.after().networks(),
        p.after().inBand(),
        p.after().insideOneArea(),
        p.practicesMoved(),
        p.changes().size(),
        p.seconds());
    for (Proposal.Unmet u : p.unmet()) {
      stdout.println("not met (" + u.constraint() + "): " + u.reason());
    }
    stdout.println("wrote scenario.json, report.json, networks.csv to " + out);
    stdout.flush();
    return 0;
  }

  /** The --spec file's fields, with the options given here over them. */
  ProposalSpec specification() {
    ObjectNode o;
    if (specFile != null) {
      try {
        var node = JSON.readTree(Files.readAllBytes(specFile));
        if (node == null || !node.isObject()) {
          throw new IllegalArgumentException(specFile + " must hold a JSON object");
        }
        o = (ObjectNode) node;
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("--spec: no file " + specFile);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException(specFile + " is " + JsonSyntax.describe(e));
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "--spec: cannot read " + specFile + ": " + e.getMessage());
      }
    } else {
      o = JSON.createObjectNode();
    }
    if (lower != null || upper != null || bandOn != null) {
      ObjectNode band = o.get("band") instanceof ObjectNode b ? b : o.putObject("band");
      if (lower != null) {
        band.put("lower", lower);
      }
      if (upper != null) {
        band.put("upper", upper);
      }
      if (bandOn != null) {
        band.put("on", bandOn);
      }
    }
    if (layer != null) {
      o.put("layer", layer);
    }
    if (crossing != null) {
      o.put("crossing", crossing);
    }
    if (!fixPcns.isEmpty()) {
      ArrayNode a = o.putArray("fixedPcns");
      fixPcns.forEach(a::add);
    }
    if (!fixPractices.isEmpty()) {
      ArrayNode a = o.putArray("fixedPractices");
      fixPractices.forEach(a::add);
    }
    if (!groups.isEmpty()) {
      ArrayNode a = o.putArray("groups");
      for (String g : groups) {
        ArrayNode members = a.addArray();
        for (String c : g.split(",")) {
          members.add(c.strip());
        }
      }
    }
    if (maxMoves != null) {
      o.put("maxMoves", maxMoves);
    }
    if (timeLimit != null) {
      o.put("timeLimitSeconds", timeLimit);
    }
    if (seed != null) {
      o.put("seed", seed);
    }
    if (name != null) {
      o.put("name", name);
    }
    try {
      return ProposalSpec.parse(o);
    } catch (ScenarioException e) {
      throw new IllegalArgumentException(
          (specFile == null ? "" : specFile + ": ") + e.getMessage(), e);
    }
  }

  /** A progress bar on the error stream: redrawn in place, one step per 2%. */
  static final class Bar implements DoubleConsumer {
    private final PrintWriter err;
    private int shown = -1;

    Bar(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void accept(double share) {
      int pct = (int) Math.round(Math.max(0, Math.min(1, share)) * 100);
      if (pct / 2 == shown / 2 && pct != 100) {
        return;
      }
      shown = pct;
      int filled = pct / 4;
      err.print("\rproposing [" + "#".repeat(filled) + " ".repeat(25 - filled) + "] " + pct + "%");
      err.flush();
    }
  }
}
