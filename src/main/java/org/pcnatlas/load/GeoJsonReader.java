package org.pcnatlas.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.FutureTask;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.UnknownCrsException;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * GeoJSON: RFC 7946 (WGS84 longitude/latitude, no {@code crs} member) and the 2008 legacy {@code
 * crs} member ({@code urn:ogc:def:crs:EPSG::27700}, {@code urn:ogc:def:crs:OGC:1.3:CRS84}, {@code
 * EPSG:4326}, ...). A FeatureCollection or a single Feature; all geometry types; properties kept
 * with their JSON types.
 *
 * <p>The file is read in one streaming pass ({@link GeoJsonStream}: positions straight into arrays,
 * no JSON tree), the features are checked by the boundary ({@link Ingest}) in parallel and recorded
 * in file order. A file the stream does not model (malformed positions or nesting, an unknown
 * geometry type, a JSON syntax error, ...) is read again as a JSON tree, the reader's reference
 * form, which words every such problem; so both give the same features, report and errors.
 */
public final class GeoJsonReader implements FeatureReader {
  private static final GeometryFactory F = GeoUtils.FACTORY;

  @Override
  public LoadedLayer read(Path file, ReadOptions options) {
    LoadReport report = new LoadReport();
    EarlyChecks early = new EarlyChecks(file, options, report);
    GeoJsonStream.Document document;
    try {
      document = GeoJsonStream.parse(file, early);
    } catch (IOException | RuntimeException e) {
      early.cancel();
      return readTree(file, options);
    }
    try {
      return read(file, document, options, report, early);
    } finally {
      early.cancel(); // any check not taken
    }
  }

  private static LoadedLayer read(
      Path file,
      GeoJsonStream.Document doc,
      ReadOptions options,
      LoadReport report,
      EarlyChecks early) {
    String type = doc.type() == null ? "" : doc.type();
    List<GeoJsonStream.RawFeature> features =
        switch (type) {
          case "FeatureCollection" -> {
            if (doc.features() == null) {
              throw new LoadException(file, "FeatureCollection without a \"features\" array");
            }
            yield doc.features();
          }
          case "Feature" -> List.of(doc.self());
          default -> throw wrongType(file, type);
        };
    int sourceEpsg = sourceCrs(file, doc.crs(), options);
    Ingest.Checked[] checked =
        "FeatureCollection".equals(type) ? early.results(doc, sourceEpsg) : null;
    Ingest ingest =
        checked != null
            ? early.ingest()
            : new Ingest(file, sourceEpsg, options.targetEpsg(), report);
    if (checked == null) {
      Ingest.Checked[] all = new Ingest.Checked[features.size()];
      IntStream.range(0, all.length)
          .parallel()
          .forEach(i -> all[i] = check(ingest, features.get(i), i));
      checked = all;
    }
    SchemaBuilder schema = new SchemaBuilder();
    List<Feature> out = new ArrayList<>(features.size());
    for (int i = 0; i < checked.length; i++) {
      long n = i + 1;
      GeoJsonStream.RawFeature f = features.get(i);
      if (!f.isFeature()) {
        report.add(
            ProblemCode.MISSING_GEOMETRY, ingest.location("feature", n), "not a Feature object");
        continue;
      }
      if (f.error() != null) {
        report.add(ProblemCode.UNPARSABLE_COORDINATES, ingest.location("feature", n), f.error());
        continue;
      }
      Geometry working = ingest.record(checked[i]);
      if (working == null) {
        continue;
      }
      schema.observeAll(f.properties());
      JsonNode id = f.id();
      out.add(
          new Feature(n, id == null || id.isNull() ? null : id.asText(), working, f.properties()));
    }
    JsonNode name = doc.name() == null ? MissingNode.getInstance() : doc.name();
    FeatureLayer layer =
        new FeatureLayer(name.asText(baseName(file)), options.targetEpsg(), schema.build(), out);
    return new LoadedLayer(
        file,
        SourceFormat.GEOJSON,
        sourceEpsg,
        ingest.sourceBbox(),
        ingest.geometryTypes(),
        features.size(),
        layer,
        report);
  }

  /** The tree reader's mapper, made on its first use: the stream does without it. */
  private static final class Tree {
    static final ObjectMapper JSON = new ObjectMapper();
  }

  /** The boundary's check of one feature (none for what is not a Feature or is malformed). */
  private static Ingest.Checked check(Ingest ingest, GeoJsonStream.RawFeature f, int i) {
    return f.isFeature() && f.error() == null
        ? ingest.check(f.geometry(), ingest.location("feature", i + 1))
        : null;
  }

  /**
   * The features checked while the file is still being read, on the common pool: when the crs
   * member comes before the features (as files usually have it), the CRS is known when the first
   * feature is read. The checks are used only if that is still the file's CRS at its end and the
   * file had one features array (a later crs member, or a second array, makes them void and the
   * features are checked again).
   */
  private static final class EarlyChecks implements GeoJsonStream.Listener {
    private final Path file;
    private final ReadOptions options;
    private final LoadReport report;
    private final List<FutureTask<Ingest.Checked>> tasks = new ArrayList<>();
    private int arrays;

    /**
     * The file's CRS as the members before the features declare it, with its boundary; made on the
     * pool too (the first use of a CRS reads proj4j's EPSG registry, a second when cold), null when
     * that CRS is not usable: the whole file decides then.
     */
    private FutureTask<Ingest> setup;

    EarlyChecks(Path file, ReadOptions options, LoadReport report) {
      this.file = file;
      this.options = options;
      this.report = report;
    }

    @Override
    public GeoJsonStream.FeatureSink features(JsonNode crs) {
      if (++arrays > 1) {
        return null;
      }
      setup =
          new FutureTask<>(
              () -> {
                try {
                  return new Ingest(
                      file, sourceCrs(file, crs, options), options.targetEpsg(), report);
                } catch (RuntimeException e) {
                  return null; // the CRS is decided, and any error raised, when the file is read
                }
              });
      ForkJoinPool.commonPool().execute(setup);
      return (i, f) -> {
        FutureTask<Ingest.Checked> task =
            new FutureTask<>(
                () -> {
                  Ingest ingest = ingest();
                  return ingest == null ? null : check(ingest, f, i);
                });
        tasks.add(task);
        ForkJoinPool.commonPool().execute(task);
      };
    }

    /** The boundary of the early checks (made on this thread if no pool thread has started it). */
    Ingest ingest() {
      setup.run(); // does nothing when a pool thread ran or runs it
      return done(setup);
    }

    /** Gives up the checks no thread has started. */
    void cancel() {
      if (setup != null) {
        setup.cancel(false);
      }
      tasks.forEach(t -> t.cancel(false));
    }

    /**
     * The checks of the document's features, or null when they were not made for its CRS and array.
     * Runs those no pool thread has started yet on this thread, last first.
     */
    Ingest.Checked[] results(GeoJsonStream.Document doc, int sourceEpsg) {
      if (arrays != 1 || tasks.size() != doc.features().size()) {
        return null;
      }
      Ingest ingest = ingest();
      if (ingest == null || ingest.sourceEpsg() != sourceEpsg) {
        return null;
      }
      for (int i = tasks.size() - 1; i >= 0; i--) {
        tasks.get(i).run(); // does nothing when a pool thread ran or runs it
      }
      Ingest.Checked[] checked = new Ingest.Checked[tasks.size()];
      for (int i = 0; i < checked.length; i++) {
        checked[i] = done(tasks.get(i));
      }
      return checked;
    }

    private <T> T done(FutureTask<T> task) {
      try {
        return task.get();
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while checking " + file, e);
      }
    }
  }

  private static LoadException wrongType(Path file, String type) {
    return new LoadException(
        file,
        "GeoJSON type must be FeatureCollection or Feature, found "
            + (type.isEmpty() ? "none" : "'" + type + "'"));
  }

  /**
   * The reference reader: the whole file as a JSON tree, each feature converted and checked in
   * turn. Reads what the stream leaves to it, and tests hold the stream to it.
   */
  static LoadedLayer readTree(Path file, ReadOptions options) {
    JsonNode root;
    try (InputStream in = Files.newInputStream(file)) {
      root = Tree.JSON.readTree(in);
    } catch (JsonProcessingException e) {
      throw new LoadException(file, JsonSyntax.describe(e), e);
    } catch (IOException e) {
      throw new LoadException(file, "cannot read: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new LoadException(file, "not a GeoJSON object");
    }
    String type = root.path("type").asText("");
    List<JsonNode> features = new ArrayList<>();
    switch (type) {
      case "FeatureCollection" -> {
        JsonNode fs = root.get("features");
        if (fs == null || !fs.isArray()) {
          throw new LoadException(file, "FeatureCollection without a \"features\" array");
        }
        fs.forEach(features::add);
      }
      case "Feature" -> features.add(root);
      default -> throw wrongType(file, type);
    }

    int sourceEpsg = sourceCrs(file, root.get("crs"), options);
    LoadReport report = new LoadReport();
    Ingest ingest = new Ingest(file, sourceEpsg, options.targetEpsg(), report);
    SchemaBuilder schema = new SchemaBuilder();
    List<Feature> out = new ArrayList<>(features.size());
    long n = 0;
    for (JsonNode f : features) {
      n++;
      String location = ingest.location("feature", n);
      if (!"Feature".equals(f.path("type").asText())) {
        report.add(ProblemCode.MISSING_GEOMETRY, location, "not a Feature object");
        continue;
      }
      Geometry source;
      try {
        JsonNode g = f.get("geometry");
        source = g == null || g.isNull() ? null : geometry(g);
      } catch (IllegalArgumentException e) {
        report.add(ProblemCode.UNPARSABLE_COORDINATES, location, e.getMessage());
        continue;
      }
      Geometry working = ingest.accept(source, location);
      if (working == null) {
        continue;
      }
      Map<String, Object> props = properties(f.get("properties"));
      schema.observeAll(props);
      JsonNode id = f.get("id");
      out.add(new Feature(n, id == null || id.isNull() ? null : id.asText(), working, props));
    }
    String name = root.path("name").asText(baseName(file));
    FeatureLayer layer = new FeatureLayer(name, options.targetEpsg(), schema.build(), out);
    return new LoadedLayer(
        file,
        SourceFormat.GEOJSON,
        sourceEpsg,
        ingest.sourceBbox(),
        ingest.geometryTypes(),
        n,
        layer,
        report);
  }

  /**
   * The CRS of the coordinates: the legacy crs member, else the option, else WGS84 as RFC 7946
   * says.
   */
  private static int sourceCrs(Path file, JsonNode crs, ReadOptions options) {
    Integer declared = null;
    if (crs != null && !crs.isNull()) {
      String name;
      if ("name".equals(crs.path("type").asText())) {
        name = crs.path("properties").path("name").asText(null);
      } else if ("EPSG".equalsIgnoreCase(crs.path("type").asText())) {
        name = "EPSG:" + crs.path("properties").path("code").asText();
      } else {
        throw new LoadException(
            file, "unsupported crs member " + crs + " (expected {\"type\":\"name\",...})");
      }
      try {
        declared = Crs.parse(name);
      } catch (UnknownCrsException e) {
        throw new LoadException(file, e.getMessage(), e);
      }
    }
    Integer epsg = Ingest.reconcileCrs(file, "the file", declared, options.sourceEpsg());
    return epsg != null ? epsg : Crs.WGS84;
  }

  static String baseName(Path file) {
    String n = file.getFileName().toString();
    int dot = n.lastIndexOf('.');
    return dot > 0 ? n.substring(0, dot) : n;
  }

  private static Map<String, Object> properties(JsonNode node) {
    Map<String, Object> props = new LinkedHashMap<>();
    if (node == null || !node.isObject()) {
      return props;
    }
    node.properties().forEach(e -> props.put(e.getKey(), value(e.getValue())));
    return props;
  }

  private static Object value(JsonNode v) {
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isTextual()) {
      return v.textValue();
    }
    return v.toString();
  }

  /**
   * A JTS geometry from a GeoJSON geometry object; IllegalArgumentException says what is malformed.
   */
  static Geometry geometry(JsonNode g) {
    String type = g.path("type").asText("");
    if ("GeometryCollection".equals(type)) {
      JsonNode members = g.get("geometries");
      if (members == null || !members.isArray()) {
        throw new IllegalArgumentException("GeometryCollection without \"geometries\"");
      }
      List<Geometry> parts = new ArrayList<>();
      members.forEach(m -> parts.add(geometry(m)));
      return F.createGeometryCollection(parts.toArray(Geometry[]::new));
    }
    JsonNode c = g.get("coordinates");
    if (c == null || !c.isArray()) {
      throw new IllegalArgumentException(
          type.isEmpty() ? "geometry without type" : type + " without coordinates");
    }
    return switch (type) {
      case "Point" -> c.isEmpty() ? F.createPoint() : F.createPoint(position(c));
      case "MultiPoint" ->
          F.createMultiPoint(mapArray(c, p -> F.createPoint(position(p))).toArray(Point[]::new));
      case "LineString" -> F.createLineString(positions(c));
      case "MultiLineString" ->
          F.createMultiLineString(
              mapArray(c, l -> F.createLineString(positions(l))).toArray(LineString[]::new));
      case "Polygon" -> polygon(c);
      case "MultiPolygon" ->
          F.createMultiPolygon(mapArray(c, GeoJsonReader::polygon).toArray(Polygon[]::new));
      default -> throw new IllegalArgumentException("unknown geometry type '" + type + "'");
    };
  }

  private static Polygon polygon(JsonNode rings) {
    if (rings.isEmpty()) {
      return F.createPolygon();
    }
    List<LinearRing> rs =
        mapArray(
            rings,
            r -> {
              Coordinate[] cs = positions(r);
              if (cs.length > 0 && cs.length < 4) {
                throw new IllegalArgumentException(
                    "polygon ring has " + cs.length + " positions; at least 4 are needed");
              }
              if (cs.length > 0 && !cs[0].equals2D(cs[cs.length - 1])) {
                throw new IllegalArgumentException(
                    "polygon ring is not closed (first position differs from last)");
              }
              return F.createLinearRing(cs);
            });
    return F.createPolygon(rs.get(0), rs.subList(1, rs.size()).toArray(LinearRing[]::new));
  }

  private static Coordinate[] positions(JsonNode array) {
    return mapArray(array, GeoJsonReader::position).toArray(Coordinate[]::new);
  }

  private static Coordinate position(JsonNode p) {
    if (!p.isArray() || p.size() < 2 || !p.get(0).isNumber() || !p.get(1).isNumber()) {
      throw new IllegalArgumentException("bad position " + p + " (expected [x, y])");
    }
    return new Coordinate(p.get(0).doubleValue(), p.get(1).doubleValue());
  }

  private static <T> List<T> mapArray(JsonNode array, java.util.function.Function<JsonNode, T> fn) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("expected an array, found " + array);
    }
    List<T> out = new ArrayList<>(array.size());
    array.forEach(n -> out.add(fn.apply(n)));
    return out;
  }
}
