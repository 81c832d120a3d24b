package org.pcnatlas.api;

import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.ResultLayers;
import org.pcnatlas.export.AnalysisWriter;
import org.pcnatlas.export.CsvWriter;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * The analysis tables over HTTP, with the figures and column names of the {@code analyse} outputs:
 * {@code /analysis/summary}, {@code /analysis/pcns}, {@code /analysis/pcns/{code}}, {@code
 * /analysis/alignment}, {@code /analysis/coverage}. JSON by default, {@code f=csv} for the tables.
 */
final class AnalysisApi {
  private final Catalogue catalogue;

  AnalysisApi(Catalogue catalogue) {
    this.catalogue = catalogue;
  }

  void summary(Context ctx) {
    params(ctx, List.of("f"));
    format(ctx, false);
    Responses.send(
        ctx, Responses.Body.of(Responses.json(catalogue.summary()), Responses.JSON, Map.of()));
  }

  void pcns(Context ctx) {
    params(ctx, List.of("f", "method"));
    boolean csv = format(ctx, true);
    List<AnalysisResult.MethodResult> methods = methods(ctx);
    table(
        ctx,
        csv,
        "pcns",
        new ArrayList<>(ResultLayers.pcnTableSchema(methods).keySet()),
        ResultLayers.pcnTable(methods));
  }

  void pcn(Context ctx) {
    params(ctx, List.of("f", "method"));
    format(ctx, false);
    String code = ctx.pathParam("pcnCode");
    List<AnalysisResult.MethodResult> methods = methods(ctx);
    var pcn =
        catalogue.result().inputs().pcns().stream()
            .filter(p -> p.code().equals(code))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiError.notFound(
                        "no PCN '"
                            + code
                            + "'; the PCNs are "
                            + String.join(
                                ", ",
                                catalogue.result().inputs().pcns().stream()
                                    .map(p -> p.code())
                                    .toList())));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("pcn_code", pcn.code());
    doc.put("pcn_name", pcn.name());
    doc.put("registered_list", pcn.registeredList());
    List<Object> practices = new ArrayList<>();
    for (Feature f : ResultLayers.practices(catalogue.result()).features()) {
      if (code.equals(f.properties().get("pcn_code"))) {
        practices.add(f.properties());
      }
    }
    doc.put("practices", practices);
    List<Object> byMethod = new ArrayList<>();
    for (AnalysisResult.MethodResult m : methods) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("method", m.method());
      mm.put(
          "figures",
          ResultLayers.pcnTable(List.of(m)).stream()
              .filter(f -> code.equals(f.get("pcn_code")))
              .findFirst()
              .orElse(null));
      List<Object> alignment = new ArrayList<>();
      for (Feature f : ResultLayers.alignmentTable(catalogue.result(), m).features()) {
        if (code.equals(f.properties().get("pcn_code"))) {
          alignment.add(f.properties());
        }
      }
      mm.put("alignment", alignment);
      byMethod.add(mm);
    }
    doc.put("methods", byMethod);
    Responses.send(ctx, Responses.Body.of(Responses.json(doc), Responses.JSON, Map.of()));
  }

  void alignment(Context ctx) {
    params(ctx, List.of("f", "method", "layer"));
    boolean csv = format(ctx, true);
    List<AnalysisResult.MethodResult> methods = methods(ctx);
    String layer = ctx.queryParam("layer");
    List<String> layers = catalogue.result().layers().stream().map(AreaLayer::name).toList();
    if (layer != null && !layers.contains(layer)) {
      throw ApiError.badParameter(
          "layer '"
              + layer
              + "' is not an area layer of this analysis; the layers are "
              + String.join(", ", layers));
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AnalysisResult.MethodResult m : methods) {
      FeatureLayer pairs = ResultLayers.alignmentTable(catalogue.result(), m);
      for (Feature f : pairs.features()) {
        if (layer == null || layer.equals(f.properties().get("area_layer"))) {
          rows.add(f.properties());
        }
      }
    }
    table(ctx, csv, "alignment", new ArrayList<>(ResultLayers.alignmentSchema().keySet()), rows);
  }

  void coverage(Context ctx) {
    params(ctx, List.of("f", "method"));
    boolean csv = format(ctx, true);
    List<String> wanted = methods(ctx).stream().map(AnalysisResult.MethodResult::method).toList();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (List<String> row : AnalysisWriter.coverageRows(catalogue.result())) {
      if (row.get(0).isEmpty() || wanted.contains(row.get(0))) {
        Map<String, Object> r = new LinkedHashMap<>();
        for (int i = 0; i < AnalysisWriter.COVERAGE_COLUMNS.size(); i++) {
          r.put(AnalysisWriter.COVERAGE_COLUMNS.get(i), row.get(i).isEmpty() ? null : row.get(i));
        }
        rows.add(r);
      }
    }
    table(ctx, csv, "coverage", AnalysisWriter.COVERAGE_COLUMNS, rows);
  }

  private List<AnalysisResult.MethodResult> methods(Context ctx) {
    String method = ctx.queryParam("method");
    if (method == null) {
      return catalogue.result().methods();
    }
    return catalogue.result().methods().stream()
        .filter(m -> m.method().equals(method))
        .findFirst()
        .map(List::of)
        .orElseThrow(
            () ->
                ApiError.badParameter(
                    "method '"
                        + method
                        + "' was not run; the methods are "
                        + String.join(", ", catalogue.methods())));
  }

  /** Each parameter known and given once, else a 400 naming it (shared by the scenario routes). */
  static void params(Context ctx, List<String> allowed) {
    for (Map.Entry<String, List<String>> p : ctx.queryParamMap().entrySet()) {
      if (!allowed.contains(p.getKey())) {
        throw ApiError.badParameter(
            "unknown parameter '"
                + p.getKey()
                + "'; this resource takes "
                + (allowed.isEmpty() ? "none" : String.join(", ", allowed)));
      }
      if (p.getValue().size() > 1) {
        throw ApiError.badParameter("parameter '" + p.getKey() + "' is given more than once");
      }
    }
  }

  /** True for CSV; JSON by default. */
  static boolean format(Context ctx, boolean csvAllowed) {
    String f = ctx.queryParam("f");
    if (f == null || f.equals("json")) {
      return false;
    }
    if (csvAllowed && f.equals("csv")) {
      return true;
    }
    throw ApiError.badParameter(
        "f must be " + (csvAllowed ? "json or csv" : "json") + ", not '" + f + "'");
  }

  private static void table(
      Context ctx, boolean csv, String name, List<String> columns, List<Map<String, Object>> rows) {
    if (!csv) {
      Responses.send(
          ctx, Responses.Body.of(Responses.json(Map.of(name, rows)), Responses.JSON, Map.of()));
      return;
    }
    Responses.send(
        ctx,
        Responses.Body.of(
            Responses.utf8(CsvWriter.table(columns, rows)),
            Responses.CSV,
            Map.of("Content-Disposition", "attachment; filename=\"" + name + ".csv\"")));
  }
}
