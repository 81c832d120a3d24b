package org.pcnatlas.api;

import io.javalin.http.Context;
import java.awt.image.BufferedImage;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.model.Feature;
import org.pcnatlas.render.MapRenderer;
import org.pcnatlas.render.MapRenderer.Shape;
import org.pcnatlas.render.MapStyles;
import org.pcnatlas.render.MapView;
import org.pcnatlas.render.Scale;

/**
 * Map images (OGC API - Maps): {@code /collections/{id}/map}, one collection drawn in its own
 * style, and {@code /map.png}, the planners' map view (a method's catchments coloured as the page
 * colours them, the outlines and practices shown, a scenario over its baseline) with a legend,
 * scale bar, north arrow and attribution, for reports. Both draw with {@link MapRenderer} from
 * {@link MapStyles}, the styles the page reads, and the scales of {@code /map/scales.json}, which
 * the page colours with.
 */
final class MapsApi {
  /** The OGC API - Maps conformance classes served. */
  static final List<String> CONFORMANCE =
      List.of(
          "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/core",
          "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/collection-map",
          "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/background",
          "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/crs",
          "http://www.opengis.net/spec/ogcapi-maps-1/1.0/conf/png");

  static final String REL_MAP = "http://www.opengis.net/def/rel/ogc/1.0/map";
  static final String PNG = "image/png";

  private static final Set<MapQuery.Decoration> ALL = EnumSet.allOf(MapQuery.Decoration.class);

  private final Catalogue catalogue;
  private final ScenarioApi scenarios;
  private final ResponseCache cache;
  private final MapStyles styles = MapStyles.standard();

  MapsApi(Catalogue catalogue, ScenarioApi scenarios, ResponseCache cache) {
    this.catalogue = catalogue;
    this.scenarios = scenarios;
    this.cache = cache;
  }

  // ---- the styles and scales the page colours with ----

  /** {@code GET /map/styles.json}: the styles file itself. */
  void styles(Context ctx) {
    AnalysisApi.params(ctx, List.of());
    Responses.send(ctx, Responses.Body.of(styles.json(), Responses.JSON, Map.of()));
  }

  /**
   * {@code GET /map/scales.json?method=M}: every colour mode the method's catchments can use,
   * resolved for them (class limits and legend counts).
   */
  void scales(Context ctx) {
    AnalysisApi.params(ctx, List.of("method"));
    String method = method(ctx.queryParam("method"));
    ApiCollection c = catalogue.collection("catchments-" + method);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("method", method);
    Map<String, Object> scales = new LinkedHashMap<>();
    List<Map<String, Object>> props = properties(c);
    for (String mode : styles.modesFor(c.attributes().keySet())) {
      scales.put(mode, styles.scale(mode, props).toJson());
    }
    doc.put("scales", scales);
    Responses.send(ctx, Responses.Body.of(Responses.json(doc), Responses.JSON, Map.of()));
  }

  // ---- map images ----

  /**
   * {@code GET /collections/{collectionId}/map}: the collection alone, in EPSG:27700 by default.
   */
  void collectionMap(Context ctx) {
    ApiCollection c = catalogue.collection(ctx.pathParam("collectionId"));
    String key = key(ctx, c.revision());
    send(
        ctx,
        key,
        () -> {
          MapQuery q =
              MapQuery.parse(
                  ctx.queryParamMap(),
                  MapQuery.COLLECTION,
                  Crs.BNG,
                  EnumSet.noneOf(MapQuery.Decoration.class));
          MapView view = q.view(box(q, c.extentCrs84()));
          Scale scale = catchmentScale(c.id(), q.colourBy());
          List<List<Shape>> layers = List.of(shapes(c, view, scale, null, null));
          String title = q.title() != null ? q.title() : c.title();
          return image(view, layers, decorations(q, title, scale), q);
        });
  }

  /** {@code GET /map.png}: the page's view of a method (and a scenario), for reports. */
  void viewMap(Context ctx) {
    String key = key(ctx, "");
    // a scenario's collection changes with each edit: never served from the cache
    boolean scenario = ctx.queryParam("scenario") != null;
    java.util.function.Supplier<Responses.Body> make =
        () -> {
          MapQuery q = MapQuery.parse(ctx.queryParamMap(), MapQuery.VIEW, Crs.WEB_MERCATOR, ALL);
          String method = method(q.method());
          String catchments = "catchments-" + method;
          List<String> ids =
              q.layers() != null ? q.layers() : defaultLayers(catchments, q.scenario() != null);
          List<ApiCollection> chosen = new ArrayList<>();
          for (String id : ids) {
            chosen.add(layer(id));
          }
          Scale scale = catchmentScale(catchments, q.colourBy());
          ApiCollection scenarioLayer = null;
          Set<String> changed = Set.of();
          if (q.scenario() != null) {
            if (scenarios == null) {
              throw MapQuery.bad("scenario", "this server has no scenarios");
            }
            scenarioLayer = scenarios.collectionOf(q.scenario(), method);
            changed = scenarios.changedPcns(q.scenario(), method);
          }
          MapView view = q.view(box(q, catalogue.studyAreaCrs84()));
          List<List<Shape>> layers = new ArrayList<>();
          if (scenarioLayer != null) {
            layers.add(shapes(scenarioLayer, view, scale, changed, method));
          }
          for (ApiCollection c : chosen) {
            boolean under = scenarioLayer != null && c.id().equals(catchments);
            layers.add(shapes(c, view, under ? null : scale, under ? Set.of() : null, method));
          }
          String title =
              q.title() != null
                  ? q.title()
                  : "PCN catchments ("
                      + method
                      + ")"
                      + (q.scenario() != null ? ", scenario " + q.scenario() : "");
          return image(view, layers, decorations(q, title, scale), q);
        };
    if (scenario) {
      Responses.send(ctx, make.get());
    } else {
      send(ctx, key, make);
    }
  }

  /** The layers of the page's default view: catchments, districts, practices. */
  private List<String> defaultLayers(String catchments, boolean scenario) {
    List<String> ids = new ArrayList<>();
    ids.add(catchments);
    for (ApiCollection c : catalogue.collections()) {
      if (c.id().equals("districts")) {
        ids.add(c.id());
      }
    }
    ids.add("practices");
    return ids;
  }

  private ApiCollection layer(String id) {
    try {
      return catalogue.collection(id);
    } catch (ApiError e) {
      throw MapQuery.bad(
          "layers",
          "layers: no collection '" + id + "'; the collections are listed at /collections");
    }
  }

  private String method(String method) {
    List<String> methods = catalogue.methods();
    if (method == null) {
      return methods.get(0);
    }
    if (!methods.contains(method)) {
      throw MapQuery.bad(
          "method",
          "method '" + method + "' was not run; the methods are " + String.join(", ", methods));
    }
    return method;
  }

  /**
   * The scale catchments are coloured with: the colour mode resolved over the baseline method's
   * catchments (a scenario's are coloured on the baseline's scale, as in the page); null for a
   * collection that is not catchments.
   */
  private Scale catchmentScale(String collectionId, String colourBy) {
    String method = methodOf(collectionId);
    if (method == null) {
      if (colourBy != null) {
        throw MapQuery.bad(
            "colour-by", "colour-by applies to catchment collections, not " + collectionId);
      }
      return null;
    }
    ApiCollection base = catalogue.collection("catchments-" + method);
    List<String> modes = styles.modesFor(base.attributes().keySet());
    String mode = colourBy == null ? modes.get(0) : colourBy;
    if (!modes.contains(mode)) {
      throw MapQuery.bad(
          "colour-by",
          "colour-by '"
              + colourBy
              + "' is not offered here; use one of "
              + String.join(", ", modes));
    }
    return styles.scale(mode, properties(base));
  }

  /** The method of a catchment collection (baseline or scenario), or null. */
  private static String methodOf(String id) {
    int i = id.indexOf("catchments-");
    if (i < 0 || (i > 0 && !id.startsWith("scenario-"))) {
      return null;
    }
    return id.substring(i + "catchments-".length());
  }

  private static List<Map<String, Object>> properties(ApiCollection c) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Feature f : c.layer().features()) {
      out.add(f.properties());
    }
    return out;
  }

  // ---- drawing ----

  /**
   * The collection's features inside the view, in its CRS, in the collection's style.
   *
   * @param scale the catchments' fill scale, or null to draw catchments as outlines only
   * @param changed for catchments: the PCNs to outline as changed (dashed, dark), or null
   * @param method for coverage gaps and overlaps: the method whose pieces are drawn
   */
  private List<Shape> shapes(
      ApiCollection c, MapView view, Scale scale, Set<String> changed, String method) {
    CrsTransform toView = CrsTransform.between(Crs.BNG, view.epsg());
    List<Shape> out = new ArrayList<>();
    // the part of the view the layer can reach: a view far wider than the data (the world in
    // CRS84) has no EPSG:27700 box of its own, but the data's part of it has
    Envelope extent = c.extentCrs84();
    if (extent == null || extent.isNull()) {
      return out;
    }
    Envelope reach = transform(extent, CrsTransform.between(Crs.WGS84, view.epsg()));
    reach.expandBy(reach.getWidth() * 0.05 + 1e-9, reach.getHeight() * 0.05 + 1e-9);
    Envelope part = reach.intersection(view.bbox());
    if (part.isNull() || part.getWidth() <= 0 || part.getHeight() <= 0) {
      return out;
    }
    Envelope inBng = drawable(part, CrsTransform.between(view.epsg(), Crs.BNG));
    // geometries simplified to about half a pixel (a power of two metres, so few are cached)
    double mpp = inBng.getWidth() / (view.width() * part.getWidth() / view.bbox().getWidth());
    inBng.expandBy(inBng.getWidth() * 0.02);
    double tolerance =
        mpp >= 16 ? Math.min(1024, Math.pow(2, Math.floor(Math.log(mpp / 2) / Math.log(2)))) : 0;
    List<Feature> features = c.layer().features();
    String id = c.id();
    boolean catchments = methodOf(id) != null;
    for (int i = 0; i < features.size(); i++) {
      Feature f = features.get(i);
      Geometry raw = f.geometry();
      if (raw == null || raw.isEmpty() || !raw.getEnvelopeInternal().intersects(inBng)) {
        continue;
      }
      if ((id.equals("coverage-gaps") || id.equals("coverage-overlaps"))
          && method != null
          && !Objects.equals(f.properties().get("method"), method)) {
        continue;
      }
      Geometry g = c.geometry(i, Crs.BNG, raw instanceof Point ? 0 : tolerance);
      Geometry shown = toView.isIdentity() ? g : toView.apply(g);
      out.add(shape(c, f, shown, scale, changed, catchments, toView));
    }
    return out;
  }

  private Shape shape(
      ApiCollection c,
      Feature f,
      Geometry g,
      Scale scale,
      Set<String> changed,
      boolean catchments,
      CrsTransform toView) {
    String id = c.id();
    Map<String, Object> p = f.properties();
    if (catchments) {
      if (scale == null) {
        // the baseline under a scenario: dotted outlines
        return new Shape(g, null, 0, styles.baselineUnderScenario(), 0);
      }
      boolean isChanged = changed != null && changed.contains(String.valueOf(p.get("pcn_code")));
      MapStyles.Stroke stroke = isChanged ? styles.changedOutline() : styles.catchmentStroke();
      return new Shape(g, scale.colour(p), styles.catchmentFillOpacity(!c.coverage()), stroke, 0);
    }
    if (id.equals("practices")) {
      MapStyles.Area a = styles.practice();
      return new Shape(g, a.fill(), a.fillOpacity(), a.stroke(), styles.practiceRadius());
    }
    if (id.equals("coverage-gaps") || id.equals("coverage-overlaps")) {
      MapStyles.Area a = styles.coverage(id.equals("coverage-gaps") ? "gaps" : "overlaps");
      return new Shape(g, a.fill(), a.fillOpacity(), a.stroke(), 0);
    }
    String label = null;
    Coordinate at = null;
    if (id.equals("districts") && p.get("district_name") != null) {
      label = p.get("district_name").toString();
      Geometry raw = f.geometry();
      Coordinate c0 = raw.getInteriorPoint().getCoordinate();
      at = toView.isIdentity() ? c0 : toView.apply(c0.x, c0.y);
    }
    return new Shape(g, null, 0, styles.outline(id), 0, label, at);
  }

  private MapRenderer.Decorations decorations(MapQuery q, String title, Scale scale) {
    Set<MapQuery.Decoration> d = q.decorations();
    return new MapRenderer.Decorations(
        d.contains(MapQuery.Decoration.TITLE) ? title : null,
        d.contains(MapQuery.Decoration.LEGEND) ? scale : null,
        d.contains(MapQuery.Decoration.SCALE_BAR),
        d.contains(MapQuery.Decoration.NORTH_ARROW),
        d.contains(MapQuery.Decoration.ATTRIBUTION) ? attribution() : null);
  }

  /** Who made the map, from what, when: pcn-atlas, the data's sources and the analysis date. */
  String attribution() {
    LocalDate day = catalogue.timeStamp().atZone(ZoneOffset.UTC).toLocalDate();
    return "pcn-atlas · " + catalogue.sources() + " · analysed " + day;
  }

  private Responses.Body image(
      MapView view, List<List<Shape>> layers, MapRenderer.Decorations d, MapQuery q) {
    BufferedImage img = MapRenderer.render(view, layers, d, q.background());
    Envelope b = view.bbox();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Crs", "<" + uri(view.epsg()) + ">");
    headers.put(
        "Content-Bbox",
        String.format(
            java.util.Locale.ROOT,
            "%.6f,%.6f,%.6f,%.6f",
            b.getMinX(),
            b.getMinY(),
            b.getMaxX(),
            b.getMaxY()));
    return Responses.Body.of(MapRenderer.png(img), PNG, headers);
  }

  static String uri(int epsg) {
    return epsg == Crs.WEB_MERCATOR ? MapQuery.EPSG_3857 : OgcApi.uri(epsg);
  }

  /** The latitude where EPSG:3857's square world ends (its y is infinite at the poles). */
  static final double MERCATOR_MAX_LATITUDE = 85.0511287798066;

  /**
   * The box in the map's CRS: {@code bbox} reprojected, or the given extent (CRS84). A CRS84 box
   * drawn in EPSG:3857 is cut at the latitudes where that CRS's world ends, ±85.05° (the picture's
   * {@code Content-Bbox} says what was drawn); a box the map's CRS has no finite coordinates for is
   * a 400 naming {@code bbox}.
   */
  private static Envelope box(MapQuery q, Envelope extentCrs84) {
    if (q.bbox() != null) {
      Envelope b = q.bbox();
      if (q.bboxCrs() == Crs.WGS84 && q.crs() == Crs.WEB_MERCATOR) {
        double m = MERCATOR_MAX_LATITUDE;
        b =
            new Envelope(
                b.getMinX(),
                b.getMaxX(),
                Math.max(-m, Math.min(m, b.getMinY())),
                Math.max(-m, Math.min(m, b.getMaxY())));
      }
      return drawable(b, CrsTransform.between(q.bboxCrs(), q.crs()));
    }
    Envelope e = new Envelope(extentCrs84);
    if (e.isNull() || e.getWidth() <= 0 || e.getHeight() <= 0) {
      e = new Envelope(-1.3, -1.2, 51.7, 51.8); // a map of nothing: a small box
    }
    e.expandBy(e.getWidth() * 0.03, e.getHeight() * 0.03);
    return transform(e, CrsTransform.between(Crs.WGS84, q.crs()));
  }

  /**
   * The box in another CRS ({@link #transform}), or a 400 naming {@code bbox} when the transform
   * fails or gives no finite box (a box far outside the CRS's area of use).
   */
  static Envelope drawable(Envelope e, CrsTransform t) {
    Envelope out;
    try {
      out = transform(e, t);
    } catch (RuntimeException ex) { // proj4j: InvalidValueException, IllegalStateException
      out = null;
    }
    if (out == null
        || out.isNull()
        || !Double.isFinite(out.getMinX())
        || !Double.isFinite(out.getMaxX())
        || !Double.isFinite(out.getMinY())
        || !Double.isFinite(out.getMaxY())) {
      throw MapQuery.bad(
          "bbox",
          "bbox "
              + e.getMinX()
              + ","
              + e.getMinY()
              + ","
              + e.getMaxX()
              + ","
              + e.getMaxY()
              + " (EPSG:"
              + t.source()
              + ") cannot be drawn in "
              + uri(t.target())
              + ": it reaches where that CRS has no coordinates");
    }
    return out;
  }

  /** The envelope of a box's edges (21 points each) in another CRS. */
  static Envelope transform(Envelope e, CrsTransform t) {
    if (t.isIdentity()) {
      return new Envelope(e);
    }
    Envelope out = new Envelope();
    int n = 20;
    for (int i = 0; i <= n; i++) {
      double fx = e.getMinX() + e.getWidth() * i / n;
      double fy = e.getMinY() + e.getHeight() * i / n;
      out.expandToInclude(t.apply(fx, e.getMinY()));
      out.expandToInclude(t.apply(fx, e.getMaxY()));
      out.expandToInclude(t.apply(e.getMinX(), fy));
      out.expandToInclude(t.apply(e.getMaxX(), fy));
    }
    return out;
  }

  private String key(Context ctx, String revision) {
    return "map:" + ctx.path() + "?" + Objects.toString(ctx.queryString(), "") + "#" + revision;
  }

  private void send(Context ctx, String key, java.util.function.Supplier<Responses.Body> make) {
    Responses.send(ctx, cache.get(key, make));
  }
}
