package org.pcnatlas.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.load.LoadedLayer;
import org.pcnatlas.load.Problem;
import org.pcnatlas.load.Readers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code pcn-atlas inspect [--json] PATH}: summarises one input file. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Summarise one input file (GeoJSON, CSV, Shapefile or GeoPackage): format, feature count, CRS,",
      "extent in the file's CRS, geometry types, attributes and every rejected or repaired row."
    })
public final class InspectCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Parameters(
      index = "0",
      paramLabel = "PATH",
      description = "The file to inspect (.geojson, .json, .csv, .shp, .gpkg).")
  Path path;

  @Option(names = "--json", description = "Print exactly one JSON object instead of text.")
  boolean json;

  @Option(
      names = "--problems",
      defaultValue = "10",
      paramLabel = "N",
      description =
          "In text output, how many problems of each kind to list (default: ${DEFAULT-VALUE}).")
  int problemDetail;

  @Mixin ReadOptionsMixin read;

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() throws JsonProcessingException {
    LoadedLayer read0 = Readers.readForInspection(path, read.toReadOptions());
    // a practices file: say what analyse would reject or question, not only what reading found
    // (the practice loader's report holds the reader's too)
    LoadedLayer loaded =
        org.pcnatlas.load.InputLoader.asPractices(read0)
            .map(
                report ->
                    new LoadedLayer(
                        read0.file(),
                        read0.format(),
                        read0.sourceEpsg(),
                        read0.sourceBbox(),
                        read0.geometryTypes(),
                        read0.rowsRead(),
                        read0.layer(),
                        report))
            .orElse(read0);
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(JSON.writeValueAsString(summary(loaded)));
    } else {
      out.print(text(loaded));
    }
    out.flush();
    return 0;
  }

  /**
   * The JSON summary: format, features, crs, bbox, geometryTypes, attributes, problems (and file,
   * layer, rows).
   */
  static Map<String, Object> summary(LoadedLayer loaded) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", loaded.file().toString());
    m.put("format", loaded.format().label());
    m.put("layer", loaded.layer().name());
    m.put("features", loaded.layer().size());
    m.put("rows", loaded.rowsRead());
    m.put("crs", loaded.sourceEpsg() == null ? null : Crs.label(loaded.sourceEpsg()));
    Envelope b = loaded.sourceBbox();
    m.put(
        "bbox",
        b == null || b.isNull()
            ? null
            : List.of(b.getMinX(), b.getMinY(), b.getMaxX(), b.getMaxY()));
    m.put("geometryTypes", loaded.geometryTypes());
    Map<String, String> attributes = new LinkedHashMap<>();
    loaded.layer().attributes().forEach((k, v) -> attributes.put(k, v.label()));
    m.put("attributes", attributes);
    List<Map<String, String>> problems = new ArrayList<>();
    for (Problem p : loaded.report().problems()) {
      problems.add(
          Map.of("code", p.code().code(), "location", p.location(), "message", p.message()));
    }
    m.put("problems", problems);
    return m;
  }

  private String text(LoadedLayer loaded) {
    Map<String, Object> s = summary(loaded);
    StringBuilder sb = new StringBuilder();
    sb.append("file:           ").append(s.get("file")).append('\n');
    sb.append("format:         ").append(s.get("format")).append('\n');
    sb.append("layer:          ").append(s.get("layer")).append('\n');
    sb.append("features:       ")
        .append(s.get("features"))
        .append(" (of ")
        .append(s.get("rows"))
        .append(" rows read)\n");
    sb.append("crs:            ")
        .append(s.get("crs") == null ? "none (table without coordinates)" : s.get("crs"))
        .append('\n');
    sb.append("bbox:           ").append(s.get("bbox") == null ? "-" : s.get("bbox")).append('\n');
    sb.append("geometry types: ").append(String.join(", ", loaded.geometryTypes())).append('\n');
    sb.append("attributes:\n");
    loaded
        .layer()
        .attributes()
        .forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v.label()).append('\n'));
    sb.append("problems:       ").append(loaded.report().problems().size()).append('\n');
    if (!loaded.report().isEmpty()) {
      sb.append(loaded.report().summary(problemDetail).indent(2));
    }
    return sb.toString();
  }
}
