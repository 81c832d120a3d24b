package org.pcnatlas.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

/**
 * One OGC API collection: a feature layer in EPSG:27700 with its geometries also in CRS84, its
 * extent, the properties it can be filtered on, and simplified versions made on demand.
 *
 * <p>Simplification of a polygon coverage (catchments of a coverage method, districts, network
 * areas) uses JTS's {@link CoverageSimplifier} on the whole layer, so neighbours share every
 * simplified edge and never gap or overlap; other polygon layers are simplified feature by feature,
 * keeping each one's topology; points are not simplified.
 */
public final class ApiCollection {
  private static final int CACHED_TOLERANCES = 8;

  private final String id;
  private final String title;
  private final String description;
  private final FeatureLayer layer;
  private final List<Geometry> crs84;
  private final Envelope extentCrs84;
  private final List<String> queryables;
  private final boolean coverage;
  private final String revision;
  private final Map<String, Integer> byId = new HashMap<>();
  private final Map<Double, Simplified> simplified =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Double, Simplified> eldest) {
          return size() > CACHED_TOLERANCES;
        }
      };

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
    this.revision = revision;
    if (layer.epsg() != Crs.BNG) {
      throw new IllegalArgumentException(id + ": layers are served from EPSG:27700");
    }
    this.id = id;
    this.title = title;
    this.description = description;
    this.layer = layer;
    this.coverage = coverage;
    CrsTransform toCrs84 = CrsTransform.between(Crs.BNG, Crs.WGS84);
    this.crs84 = new ArrayList<>(layer.size());
    Envelope extent = new Envelope();
    for (Feature f : layer.features()) {
      Geometry g = f.geometry() == null ? null : toCrs84.apply(f.geometry());
      crs84.add(g);
      if (g != null && !g.isEmpty()) {
        extent.expandToInclude(g.getEnvelopeInternal());
      }
      if (f.id() != null) {
        byId.putIfAbsent(f.id(), byId.size());
      }
    }
    this.extentCrs84 = extent;
    List<String> q = new ArrayList<>();
    layer
        .attributes()
        .forEach(
            (name, type) -> {
              if (type != AttributeType.REAL) {
                q.add(name);
              }
            });
    this.queryables = List.copyOf(q);
    if (byId.size() != layer.size()) {
      throw new IllegalArgumentException(id + ": feature ids must be present and unique");
    }
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

  public FeatureLayer layer() {
    return layer;
  }

  public int size() {
    return layer.size();
  }

  public Envelope extentCrs84() {
    return extentCrs84;
  }

  /** Properties usable as equality filters: every text, integer and boolean attribute. */
  public List<String> queryables() {
    return queryables;
  }

  /** The index of the feature with this id, or -1. */
  public int indexOf(String featureId) {
    return byId.getOrDefault(featureId, -1);
  }

  /** The feature's geometry in EPSG:27700 or CRS84 (4326), simplified by {@code tolerance} m. */
  public Geometry geometry(int index, int epsg, double tolerance) {
    if (tolerance > 0) {
      Simplified s = simplified(tolerance);
      return (epsg == Crs.WGS84 ? s.crs84() : s.bng()).get(index);
    }
    return epsg == Crs.WGS84 ? crs84.get(index) : layer.features().get(index).geometry();
  }

  /** The geometry in CRS84 unsimplified (for bbox tests). */
  public Geometry crs84(int index) {
    return crs84.get(index);
  }

  /** One tolerance's simplified geometries in both CRSs. */
  private record Simplified(List<Geometry> bng, List<Geometry> crs84) {}

  private synchronized Simplified simplified(double tolerance) {
    return simplified.computeIfAbsent(tolerance, this::simplify);
  }

  private Simplified simplify(double tolerance) {
    List<Feature> features = layer.features();
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
    CrsTransform toCrs84 = CrsTransform.between(Crs.BNG, Crs.WGS84);
    List<Geometry> wgs = new ArrayList<>(bng.size());
    for (Geometry g : bng) {
      wgs.add(g == null ? null : toCrs84.apply(g));
    }
    return new Simplified(bng, wgs);
  }
}
