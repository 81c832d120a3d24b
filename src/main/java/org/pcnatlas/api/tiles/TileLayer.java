package org.pcnatlas.api.tiles;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtEncoder;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerParams;
import io.github.sebasbaumh.mapbox.vectortile.build.MvtLayerProps;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.locationtech.jts.coverage.CoverageSimplifier;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Lineal;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.Puntal;
import org.locationtech.jts.geom.util.LineStringExtracter;
import org.locationtech.jts.index.strtree.STRtree;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.precision.GeometryPrecisionReducer;
import org.locationtech.jts.simplify.TopologyPreservingSimplifier;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Feature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One feature layer as Mapbox Vector Tiles of {@link WebMercatorQuad}: one MVT layer named after
 * the layer, each feature with its properties, its position in the layer as the MVT id and its id
 * as the {@code id} property.
 *
 * <p>The geometries are reprojected to EPSG:3857 once, on first use, and indexed. Each tile matrix
 * has its own simplified layer, made once on first use, with a tolerance of half a pixel of that
 * matrix: a polygon coverage (catchments of a coverage method, districts, network areas, LSOAs) is
 * simplified as one by JTS's {@link CoverageSimplifier}, so neighbours keep sharing every edge and
 * never gap or overlap; other polygons and lines one by one ({@link TopologyPreservingSimplifier});
 * points are not simplified. A tile clips each geometry to its extent plus a {@link #BUFFER} of
 * tile units ({@link OverlayNGRobust}), then quantises to the {@link #EXTENT} grid by rounding each
 * coordinate: edges two neighbours share have the same vertices, so they round to the same integer
 * vertices. A polygon that rounding makes invalid (a collapsed sliver, a spike) is snap-rounded to
 * the grid instead ({@link GeometryPrecisionReducer}, valid by construction), and counted ({@link
 * #repaired}). The encoder writes the rings in the MVT winding order (exterior rings clockwise on
 * screen) whatever their order here.
 */
public final class TileLayer {
  private static final Logger LOG = LoggerFactory.getLogger(TileLayer.class);

  /** Tile units along a tile's side. */
  public static final int EXTENT = 4096;

  /** Tile units drawn beyond each side, so that strokes and labels do not end at tile edges. */
  public static final int BUFFER = 64;

  private static final PrecisionModel TILE_GRID = new PrecisionModel(1.0);
  private static final MvtLayerParams PARAMS = new MvtLayerParams(EXTENT);

  private final String name;
  private final List<Feature> features;
  private final boolean coverage;
  private final int maxZoom;
  private final Once<Projected> projected;
  private final List<Once<List<Geometry>>> levels;
  private final AtomicLong repaired = new AtomicLong();

  /** The geometries in EPSG:3857 and an index of their envelopes. */
  private record Projected(List<Geometry> geometries, STRtree index) {}

  /**
   * @param name the MVT layer's name
   * @param features the features (their ids and properties; their geometries when {@code
   *     geometries} gives none)
   * @param geometries the features' geometries in {@code epsg}, in feature order (asked once, on
   *     first use)
   * @param coverage true when the polygons form a coverage, so they are simplified together
   * @param maxZoom the deepest tile matrix served
   */
  public TileLayer(
      String name,
      List<Feature> features,
      Supplier<List<Geometry>> geometries,
      int epsg,
      boolean coverage,
      int maxZoom) {
    this.name = Objects.requireNonNull(name, "name");
    this.features = List.copyOf(features);
    this.coverage = coverage;
    if (maxZoom < 0 || maxZoom > WebMercatorQuad.MAX_DEFINED_ZOOM) {
      throw new IllegalArgumentException("maxZoom must be 0 to 24, not " + maxZoom);
    }
    this.maxZoom = maxZoom;
    this.projected = new Once<>(() -> project(geometries.get(), epsg));
    List<Once<List<Geometry>>> l = new ArrayList<>();
    for (int z = 0; z <= maxZoom; z++) {
      int zoom = z;
      l.add(new Once<>(() -> simplify(zoom)));
    }
    this.levels = List.copyOf(l);
  }

  public String name() {
    return name;
  }

  /** The simplification tolerance of a tile matrix: half a pixel, in EPSG:3857 metres. */
  public static double tolerance(int zoom) {
    return WebMercatorQuad.cellSize(zoom) / 2;
  }

  /** How many polygons rounding made invalid so far, snap-rounded instead. */
  public long repaired() {
    return repaired.get();
  }

  /** The tile as MVT bytes: empty (no byte) when no feature reaches it. */
  public byte[] render(WebMercatorQuad.Tile tile) {
    if (tile.zoom() > maxZoom) {
      throw new IllegalArgumentException("tile matrix " + tile.zoom() + " is not served");
    }
    Envelope bounds = WebMercatorQuad.bounds(tile);
    double scale = EXTENT / bounds.getWidth();
    Envelope clip = new Envelope(bounds);
    clip.expandBy(BUFFER / scale);
    Projected p = projected.get();
    List<Integer> hits = new ArrayList<>();
    for (Object o : p.index().query(clip)) {
      hits.add((Integer) o);
    }
    if (hits.isEmpty()) {
      return new byte[0];
    }
    Collections.sort(hits); // the layer's order, whatever the index's
    List<Geometry> level = levels.get(tile.zoom()).get();
    Geometry clipBox = GeoUtils.FACTORY.toGeometry(clip);
    double minX = bounds.getMinX();
    double maxY = bounds.getMaxY();
    List<Geometry> out = new ArrayList<>();
    for (int i : hits) {
      Geometry g = level.get(i);
      if (g == null || g.isEmpty() || !clip.intersects(g.getEnvelopeInternal())) {
        continue;
      }
      Geometry clipped = clip.contains(g.getEnvelopeInternal()) ? g : clip(g, clipBox, clip);
      if (clipped.isEmpty()) {
        continue;
      }
      Geometry local =
          GeoUtils.mapXy(
              clipped,
              (x, y, o) -> {
                o.x = (x - minX) * scale;
                o.y = (maxY - y) * scale;
              });
      Geometry q = quantise(local);
      if (q.isEmpty()) {
        continue;
      }
      q.setUserData(i);
      out.add(q);
    }
    if (out.isEmpty()) {
      return new byte[0];
    }
    return MvtEncoder.encode(new JtsMvt(new JtsLayer(name, out, EXTENT)), PARAMS, this::tags);
  }

  private static Geometry clip(Geometry g, Geometry box, Envelope clip) {
    if (g instanceof Puntal) {
      List<Geometry> inside = new ArrayList<>();
      for (int k = 0; k < g.getNumGeometries(); k++) {
        if (clip.contains(g.getGeometryN(k).getCoordinate())) {
          inside.add(g.getGeometryN(k));
        }
      }
      return GeoUtils.FACTORY.buildGeometry(inside);
    }
    Geometry c = OverlayNGRobust.overlay(g, box, OverlayNG.INTERSECTION);
    if (g instanceof Polygonal) {
      return GeoUtils.polygonal(c);
    }
    if (g instanceof Lineal) {
      return GeoUtils.FACTORY.buildGeometry(LineStringExtracter.getLines(c));
    }
    return c;
  }

  /** Rounds to the tile grid; a polygon made invalid is snap-rounded to it instead. */
  private Geometry quantise(Geometry local) {
    Geometry rounded =
        GeoUtils.mapXy(
            local,
            (x, y, o) -> {
              o.x = Math.rint(x);
              o.y = Math.rint(y);
            });
    if (!(local instanceof Polygonal) || IsValidOp.isValid(rounded)) {
      return rounded;
    }
    repaired.incrementAndGet();
    return GeoUtils.polygonal(GeometryPrecisionReducer.reduce(local, TILE_GRID));
  }

  /** The MVT id and tags of a feature: its position, its id, its properties (nulls left out). */
  private void tags(Object userData, MvtLayerProps props, VectorTile.Tile.Feature.Builder b) {
    int index = (Integer) userData;
    Feature f = features.get(index);
    b.setId(index);
    Map<String, Object> properties = f.properties();
    if (f.id() != null && !properties.containsKey("id")) {
      b.addTags(props.addKey("id"));
      b.addTags(props.addValue(f.id()));
    }
    for (Map.Entry<String, Object> e : properties.entrySet()) {
      Object v = value(e.getValue());
      if (v != null) {
        b.addTags(props.addKey(e.getKey()));
        b.addTags(props.addValue(v));
      }
    }
  }

  /** A property value as MVT has it: text, 64-bit integer, double or boolean; else null. */
  private static Object value(Object v) {
    if (v == null || v instanceof String || v instanceof Boolean || v instanceof Double) {
      return v;
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof TemporalAccessor) {
      return v.toString();
    }
    return v.toString();
  }

  private Projected project(List<Geometry> source, int epsg) {
    if (source.size() != features.size()) {
      throw new IllegalArgumentException(
          name + ": " + source.size() + " geometries for " + features.size() + " features");
    }
    long start = System.nanoTime();
    CrsTransform t = CrsTransform.between(epsg, Crs.WEB_MERCATOR);
    Geometry[] out = new Geometry[source.size()];
    IntStream.range(0, out.length)
        .parallel()
        .forEach(
            i -> {
              Geometry g = source.get(i);
              out[i] = g == null || g.isEmpty() ? null : t.apply(g);
            });
    STRtree index = new STRtree();
    for (int i = 0; i < out.length; i++) {
      if (out[i] != null) {
        index.insert(out[i].getEnvelopeInternal(), i);
      }
    }
    index.build();
    LOG.info(
        "{}: {} geometries reprojected to EPSG:3857 and indexed for tiles in {} ms",
        name,
        out.length,
        (System.nanoTime() - start) / 1_000_000);
    return new Projected(Collections.unmodifiableList(Arrays.asList(out)), index);
  }

  private static long vertices(Geometry[] geometries) {
    long n = 0;
    for (Geometry g : geometries) {
      n += g == null ? 0 : g.getNumPoints();
    }
    return n;
  }

  /**
   * The layer simplified for one tile matrix. Simplification keeps a subset of each geometry's
   * vertices, so a simplified geometry lies within the envelope the index holds for it.
   */
  private List<Geometry> simplify(int zoom) {
    List<Geometry> source = projected.get().geometries();
    long start = System.nanoTime();
    double tolerance = tolerance(zoom);
    boolean polygonal = source.stream().allMatch(g -> g == null || g instanceof Polygonal);
    boolean puntal = source.stream().allMatch(g -> g == null || g instanceof Puntal);
    if (puntal) {
      return source;
    }
    Geometry[] out = source.toArray(Geometry[]::new);
    if (coverage && polygonal) {
      int[] parts = IntStream.range(0, out.length).filter(i -> out[i] != null).toArray();
      Geometry[] input = Arrays.stream(parts).mapToObj(i -> out[i]).toArray(Geometry[]::new);
      Geometry[] simplified = CoverageSimplifier.simplify(input, tolerance);
      for (int k = 0; k < parts.length; k++) {
        out[parts[k]] = simplified[k];
      }
    } else {
      IntStream.range(0, out.length)
          .parallel()
          .forEach(
              i -> {
                Geometry g = out[i];
                if (g != null && !(g instanceof Puntal)) {
                  out[i] = TopologyPreservingSimplifier.simplify(g, tolerance);
                }
              });
    }
    LOG.info(
        "{}: tile matrix {} simplified ({}, {} m) in {} ms: {} of {} vertices kept",
        name,
        zoom,
        coverage && polygonal ? "as a coverage" : "feature by feature",
        Math.round(tolerance * 10) / 10.0,
        (System.nanoTime() - start) / 1_000_000,
        vertices(out),
        vertices(source.toArray(Geometry[]::new)));
    return Collections.unmodifiableList(Arrays.asList(out));
  }
}
