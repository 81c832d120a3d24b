package org.pcnatlas.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.ResultLayers;
import org.pcnatlas.config.MethodKind;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.model.AreaLayer;

/**
 * Everything the service publishes, built once from an analysis result: the OGC API collections in
 * order, the result itself (for the analysis endpoints) and its summary.
 *
 * <p>Making it is cheap: each collection's layer, extent and CRS84 geometries are made on first use
 * (see {@link ApiCollection}), or all at once by {@link #warmUp}.
 */
public final class Catalogue {
  /** Collections that come and go while the server runs: the scenarios' layers. */
  public interface DynamicCollections {
    /** Every such collection now. */
    List<ApiCollection> list();

    /** The collection with this id, or null when there is none. */
    ApiCollection find(String id);
  }

  private volatile DynamicCollections dynamic;
  private final AnalysisResult result;
  private final Lazy<Map<String, Object>> summary;
  private final Map<String, ApiCollection> collections = new LinkedHashMap<>();
  private final Instant timeStamp;
  private final Lazy<Envelope> studyAreaCrs84;

  /**
   * @param timeStamp when the analysis ran: the data's time stamp in every response
   */
  public Catalogue(AnalysisResult result, Map<String, Object> summary, Instant timeStamp) {
    this(result, summary, timeStamp, null);
  }

  /**
   * @param lsoas LSOA polygons to publish as the {@code lsoas} collection (with their residents
   *     where the population units carry the same codes), or null
   */
  public Catalogue(
      AnalysisResult result, Map<String, Object> summary, Instant timeStamp, AreaLayer lsoas) {
    this(result, Lazy.done(summary), timeStamp, lsoas);
  }

  /**
   * @param summary makes the summary, on first use (once)
   */
  public Catalogue(
      AnalysisResult result,
      Supplier<Map<String, Object>> summary,
      Instant timeStamp,
      AreaLayer lsoas) {
    this(result, Lazy.of(summary), timeStamp, lsoas);
  }

  private Catalogue(
      AnalysisResult result,
      Lazy<Map<String, Object>> summary,
      Instant timeStamp,
      AreaLayer lsoas) {
    this.result = result;
    this.summary = summary;
    this.timeStamp = timeStamp;
    this.studyAreaCrs84 =
        Lazy.of(
            () ->
                Crs84Extent.of(
                    List.of(result.inputs().region()), CrsTransform.between(Crs.BNG, Crs.WGS84)));
    add(
        ApiCollection.lazy(
            "practices",
            "GP practices",
            "GP practice sites with their PCN and registered list size.",
            () -> ResultLayers.practices(result),
            false));
    for (AreaLayer layer : result.layers()) {
      String id = layer.name();
      String title =
          id.equals(Analysis.DISTRICTS)
              ? "Districts"
              : id.equals(Analysis.NETWORK_AREAS) ? "Network areas" : capitalise(id);
      String description =
          id.equals(Analysis.DISTRICTS)
              ? "District (local authority) boundaries."
              : id.equals(Analysis.NETWORK_AREAS)
                  ? "Network areas: the districts dissolved by their network area."
                  : "Area layer '" + id + "' compared with the catchments.";
      add(
          ApiCollection.lazy(
              id, title, description, () -> ResultLayers.areas(result, layer), true));
    }
    if (lsoas != null) {
      add(
          ApiCollection.lazy(
              "lsoas",
              "LSOAs",
              "Lower layer super output areas with their resident population.",
              () -> ResultLayers.lsoas(lsoas, result.inputs().population()),
              true));
    }
    for (AnalysisResult.MethodResult m : result.methods()) {
      add(
          ApiCollection.lazy(
              "catchments-" + m.method(),
              "Catchments (" + m.method() + ")",
              "PCN catchments drawn by the "
                  + m.method()
                  + " method, with each PCN's figures: registered list, resident population, size"
                  + " band, dominant district, straddles.",
              () -> ResultLayers.catchments(m),
              !m.catchments().overlapping()));
    }
    for (AnalysisResult.MethodResult m : result.methods()) {
      add(
          ApiCollection.lazy(
              "alignment-" + m.method(),
              "Alignment (" + m.method() + ")",
              "The intersection of each PCN catchment ("
                  + m.method()
                  + ") with each area it"
                  + " meets, with area and population and their shares of the PCN.",
              () -> ResultLayers.alignment(result, m),
              false));
    }
    add(
        ApiCollection.lazy(
            "coverage-gaps",
            "Coverage gaps",
            "Parts of the study area no catchment covers, per method, with their residents.",
            () -> ResultLayers.gaps(result),
            false));
    add(
        ApiCollection.lazy(
            "coverage-overlaps",
            "Coverage overlaps",
            "Parts of the study area covered by two PCNs' catchments, per method, with their"
                + " residents.",
            () -> ResultLayers.overlaps(result),
            false));
  }

  private void add(ApiCollection c) {
    collections.put(c.id(), c);
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1).replace('-', ' ');
  }

  public AnalysisResult result() {
    return result;
  }

  public Map<String, Object> summary() {
    return summary.get();
  }

  /** The study area's extent in CRS84. */
  /**
   * Where the data came from, for a map's attribution and a print's "data" line: the demo's label,
   * or each input file's name with the date it was last changed (the data's vintage as far as the
   * files tell it).
   */
  public String sources() {
    Object inputs = summary().get("inputs");
    if (!(inputs instanceof Map<?, ?> m) || m.isEmpty()) {
      return "data: not described";
    }
    if (m.get("data") != null) {
      return "data: " + m.get("data");
    }
    java.util.List<String> files = new java.util.ArrayList<>();
    for (Object v : m.values()) {
      if (!(v instanceof String || v instanceof java.nio.file.Path)) {
        continue;
      }
      java.nio.file.Path p;
      try {
        p = java.nio.file.Path.of(v.toString());
      } catch (java.nio.file.InvalidPathException e) {
        continue;
      }
      if (!java.nio.file.Files.isRegularFile(p)) {
        continue;
      }
      String name = p.getFileName() == null ? v.toString() : p.getFileName().toString();
      try {
        java.time.LocalDate day =
            java.nio.file.Files.getLastModifiedTime(p)
                .toInstant()
                .atZone(java.time.ZoneOffset.UTC)
                .toLocalDate();
        files.add(name + " (" + day + ")");
      } catch (java.io.IOException | RuntimeException e) {
        files.add(name);
      }
    }
    return "data: " + String.join(", ", files);
  }

  public Envelope studyAreaCrs84() {
    return studyAreaCrs84.get();
  }

  /**
   * Makes everything now, on this thread and the common pool: first each layer and extent (what
   * {@code /collections} and {@code /api} need) and the summary, then each layer's CRS84
   * geometries. What a request made meanwhile is not made twice.
   */
  public void warmUp() {
    List<ApiCollection> all = collections();
    all.parallelStream().forEach(ApiCollection::prepare);
    studyAreaCrs84();
    summary();
    all.forEach(ApiCollection::reproject); // each in parallel itself
  }

  public Instant timeStamp() {
    return timeStamp;
  }

  /** Adds the collections that change while the server runs (the scenarios' layers). */
  public void attach(DynamicCollections collections) {
    this.dynamic = collections;
  }

  /** The collections of the baseline analysis, which never change while the server runs. */
  public List<ApiCollection> collections() {
    return new ArrayList<>(collections.values());
  }

  /** The baseline's collections, then those of the scenarios stored now. */
  public List<ApiCollection> allCollections() {
    List<ApiCollection> all = collections();
    DynamicCollections d = dynamic;
    if (d != null) {
      all.addAll(d.list());
    }
    return all;
  }

  /** The collection, or a 404 naming the collections there are. */
  public ApiCollection collection(String id) {
    ApiCollection c = collections.get(id);
    DynamicCollections d = dynamic;
    if (c == null && d != null) {
      c = d.find(id);
    }
    if (c == null) {
      throw ApiError.notFound(
          "no collection '"
              + id
              + "'; the collections are "
              + String.join(", ", collections.keySet())
              + (d == null ? "" : " and the scenarios' scenario-{id}-catchments-{method}"));
    }
    return c;
  }

  /** The method names, in the order run. */
  /**
   * The methods as the registry describes them ({@code config.MethodKind}: id, title, description,
   * whether the catchments form a coverage), for the map and the API document; a method the
   * registry does not know (a test's own) by its id alone.
   */
  public static List<Map<String, Object>> describeMethods(List<String> ids) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String id : ids) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      MethodKind kind =
          Arrays.stream(MethodKind.values())
              .filter(k -> k.id().equals(id))
              .findFirst()
              .orElse(null);
      m.put("title", kind == null ? id : kind.title());
      m.put("description", kind == null ? "" : kind.description());
      m.put("coverage", kind == null || kind.coverage());
      out.add(m);
    }
    return out;
  }

  public List<String> methods() {
    return result.methods().stream().map(AnalysisResult.MethodResult::method).toList();
  }
}
