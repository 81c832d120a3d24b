package org.pcnatlas.api;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One OGC API collection: a feature layer in EPSG:27700 with its geometries also in CRS84, its
 * extent, the properties it can be filtered on, and simplified versions made on demand.
 *
 * <p>What costs is made on first use, once, by the first request that needs it (the others wait for
 * it, so none sees it half made), or beforehand by {@link #prepare} and {@link #reproject}: the
 * layer itself when it is given as a supplier, its CRS84 extent ({@link Crs84Extent}, which
 * reprojects only the geometries that can hold an extreme), and its geometries in CRS84
 * (reprojected in parallel).
 *
 * <p>Simplification of a polygon coverage (catchments of a coverage method, districts, network
 * areas) uses JTS's {@link CoverageSimplifier} on the whole layer, so neighbours share every
 * simplified edge and never gap or overlap; other polygon layers are simplified feature by feature,
 * keeping each one's topology; points are not simplified.
 */
public final class ApiCollection {
  private static final Logger LOG = LoggerFactory.getLogger(ApiCollection.class);
  private static final int CACHED_TOLERANCES = 8;
  private static final CrsTransform TO_CRS84 = CrsTransform.between(Crs.BNG, Crs.WGS84);

  private final String id;
  private final String title;
  private final String description;
  private final boolean coverage;
  private final String revision;
  private final Lazy<Contents> contents;
  private final Lazy<Envelope> boundedExtent;
  private final Lazy<List<Geometry>> crs84;
  private volatile Envelope reprojectedExtent; // set with crs84
  private final Map<Double, Simplified> simplified =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Double, Simplified> eldest) {
          return size() > CACHED_TOLERANCES;
        }
      };

  /**
   * What kind of geometry a layer holds, as OGC API - Features Part 5 names it ({@code format} of
   * the primary geometry). Polygonal layers are served as MultiPolygons throughout (a Polygon is
   * promoted), so that a client knows the layer's type from its schema or its first page alike.
   */
  public enum GeometryKind {
    POINT("geometry-point", "Point"),
    MULTIPOLYGON("geometry-multipolygon", "MultiPolygon"),
    ANY("geometry-any", null);

    private final String format;
    private final String geoJsonType;

    GeometryKind(String format, String geoJsonType) {
      this.format = format;
      this.geoJsonType = geoJsonType;
    }

    /** The Part 5 {@code format} of the primary geometry. */
    public String format() {
      return format;
    }

    /** The GeoJSON type of every geometry served, or null when they differ. */
    public String geoJsonType() {
      return geoJsonType;
    }

    static GeometryKind of(List<Feature> features) {
      boolean points = true;
      boolean polygons = true;
      for (Feature f : features) {
        Geometry g = f.geometry();
        if (g == null) {
          continue;
        }
        points &= g instanceof org.locationtech.jts.geom.Point;
        polygons &= g instanceof Polygonal;
      }
      return points && !features.isEmpty() ? POINT : polygons ? MULTIPOLYGON : ANY;
    }
  }

  /** The layer, its features by id and its queryables. */
  private record Contents(
      FeatureLayer layer,
      Map<String, Integer> byId,
      List<String> queryables,
      GeometryKind geometryKind) {
    static Contents of(String id, FeatureLayer layer) {
      if (layer.epsg() != Crs.BNG) {
        throw new IllegalArgumentException(id + ": layers are served from EPSG:27700");
      }
      Map<String, Integer> byId = new HashMap<>();
      for (Feature f : layer.features()) {
        if (f.id() != null) {
          byId.putIfAbsent(f.id(), byId.size());
        }
      }
      if (byId.size() != layer.size()) {
        throw new IllegalArgumentException(id + ": feature ids must be present and unique");
      }
      return new Contents(
          layer,
          byId,
          List.copyOf(ItemsQuery.equalityQueryables(layer.attributes())),
          GeometryKind.of(layer.features()));
    }
  }

  /**
   * @param coverage true when the layer's polygons form a coverage (no overlaps), so the whole
   *     layer can be simplified together
   */
  public ApiCollection(
      String id, String title, String description, FeatureLayer layer, boolean coverage) {
    this(id, title, description, layer, coverage, "");
  }

  /**
   * @param revision what tells this collection's contents from an earlier one under the same id (a
   *     scenario's version), part of the key of cached responses; empty for the baseline
   */
  public ApiCollection(
      String id,
      String title,
      String description,
      FeatureLayer layer,
      boolean coverage,
      String revision) {
    this(id, title, description, Lazy.done(Contents.of(id, layer)), coverage, revision);
  }

  private ApiCollection(
      String id,
      String title,
      String description,
      Lazy<Contents> contents,
      boolean coverage,
      String revision) {
    this.id = id;
    this.title = title;
    this.description = description;
    this.contents = contents;
    this.coverage = coverage;
    this.revision = revision;
    this.boundedExtent = Lazy.of(() -> Crs84Extent.of(geometries(), TO_CRS84));
    this.crs84 = Lazy.of(this::reprojectAll);
  }

  /**
   * A collection whose layer is made on first use (checked then: EPSG:27700, ids present and
   * unique).
   */
  static ApiCollection lazy(
      String id, String title, String description, Supplier<FeatureLayer> layer, boolean coverage) {
    return new ApiCollection(
        id, title, description, Lazy.of(() -> Contents.of(id, layer.get())), coverage, "");
  }

  /** Makes the layer and the extent now, if they are not made yet. */
  void prepare() {
    contents.get();
    extentCrs84();
  }

  /** Reprojects the geometries to CRS84 now, if they are not yet. */
  void reproject() {
    crs84.get();
  }

  public String id() {
    return id;
  }

  /** Empty for the baseline's collections, the scenario version for a scenario's. */
  public String revision() {
    return revision;
  }

  public String title() {
    return title;
  }

  public String description() {
    return description;
  }

  /** True when the layer's polygons form a coverage (simplified together, no gaps or overlaps). */
  public boolean coverage() {
    return coverage;
  }

  public FeatureLayer layer() {
    return contents.get().layer();
  }

  public int size() {
    return layer().size();
  }

  /** The envelope of the geometries in CRS84 (a null envelope when there are none). */
  public Envelope extentCrs84() {
    Envelope e = reprojectedExtent;
    return e != null ? e : boundedExtent.get();
  }

  /** Properties usable as equality filters: every text, integer and boolean attribute. */
  public List<String> queryables() {
    return contents.get().queryables();
  }

  /** The properties of the features and their types, in order. */
  public Map<String, AttributeType> attributes() {
    return layer().attributes();
  }

  /** What kind of geometry the features have (as served: polygons as MultiPolygons). */
  public GeometryKind geometryKind() {
    return contents.get().geometryKind();
  }

  /** The index of the feature with this id, or -1. */
  public int indexOf(String featureId) {
    return contents.get().byId().getOrDefault(featureId, -1);
  }

  /**
   * The feature's geometry as served: in EPSG:27700 or CRS84 (4326), simplified by {@code
   * tolerance} m, a Polygon promoted to a MultiPolygon in a polygonal layer.
   */
  public Geometry served(int index, int epsg, double tolerance) {
    Geometry g = geometry(index, epsg, tolerance);
    if (g instanceof org.locationtech.jts.geom.Polygon p
        && geometryKind() == GeometryKind.MULTIPOLYGON) {
      return g.getFactory().createMultiPolygon(new org.locationtech.jts.geom.Polygon[] {p});
    }
    return g;
  }

  /** The feature's geometry in EPSG:27700 or CRS84 (4326), simplified by {@code tolerance} m. */
  public Geometry geometry(int index, int epsg, double tolerance) {
    if (tolerance > 0) {
      Simplified s = simplified(tolerance);
      return (epsg == Crs.WGS84 ? s.crs84() : s.bng()).get(index);
    }
    return epsg == Crs.WGS84 ? crs84.get().get(index) : layer().features().get(index).geometry();
  }

  /** The geometry in CRS84 unsimplified (for bbox tests). */
  public Geometry crs84(int index) {
    return crs84.get().get(index);
  }

  private List<Geometry> geometries() {
    List<Feature> features = layer().features();
    List<Geometry> out = new ArrayList<>(features.size());
    for (Feature f : features) {
      out.add(f.geometry());
    }
    return out;
  }

  /**
   * Every geometry in CRS84, in parallel; their envelope becomes the extent (the same as the one
   * from bounds, which is checked).
   */
  private List<Geometry> reprojectAll() {
    List<Feature> features = layer().features();
    Geometry[] out = new Geometry[features.size()];
    IntStream.range(0, out.length)
        .parallel()
        .forEach(
            i -> {
              Geometry g = features.get(i).geometry();
              out[i] = g == null ? null : TO_CRS84.apply(g);
            });
    Envelope extent = new Envelope();
    for (Geometry g : out) {
      if (g != null && !g.isEmpty()) {
        extent.expandToInclude(g.getEnvelopeInternal());
      }
    }
    if (boundedExtent.isDone() && !boundedExtent.get().equals(extent)) {
      LOG.warn(
          "{}: the extent from bounds, {}, is not the reprojected geometries' {}; serving the"
              + " latter",
          id,
          boundedExtent.get(),
          extent);
    }
    reprojectedExtent = extent;
    return Collections.unmodifiableList(Arrays.asList(out));
  }

  /** One tolerance's simplified geometries in both CRSs. */
  private record Simplified(List<Geometry> bng, List<Geometry> crs84) {}

  private synchronized Simplified simplified(double tolerance) {
    return simplified.computeIfAbsent(tolerance, this::simplify);
  }

  private Simplified simplify(double tolerance) {
    List<Feature> features = layer().features();
    List<Geometry> bng = new ArrayList<>(features.size());
    boolean polygonal =
        features.stream().allMatch(f -> f.geometry() == null || f.geometry() instanceof Polygonal);
    if (coverage && polygonal) {
      List<Integer> parts = new ArrayList<>();
      for (int i = 0; i < features.size(); i++) {
        bng.add(features.get(i).geometry());
        if (features.get(i).geometry() != null && !features.get(i).geometry().isEmpty()) {
          parts.add(i);
        }
      }
      Geometry[] input = parts.stream().map(bng::get).toArray(Geometry[]::new);
      Geometry[] out = CoverageSimplifier.simplify(input, tolerance);
      for (int k = 0; k < parts.size(); k++) {
        bng.set(parts.get(k), out[k]);
      }
    } else {
      for (Feature f : features) {
        Geometry g = f.geometry();
        bng.add(
            g == null || !(g instanceof Polygonal)
                ? g
                : TopologyPreservingSimplifier.simplify(g, tolerance));
      }
    }
    List<Geometry> wgs = new ArrayList<>(bng.size());
    for (Geometry g : bng) {
      wgs.add(g == null ? null : TO_CRS84.apply(g));
    }
    return new Simplified(bng, wgs);
  }
}
