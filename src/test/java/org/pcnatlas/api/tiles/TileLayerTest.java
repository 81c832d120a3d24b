package org.pcnatlas.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.locationtech.jts.operation.polygonize.Polygonizer;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Feature;

/**
 * Tiles of one layer, read back: a coverage stays a coverage in every tile (no gap, no overlap,
 * edges shared exactly), polygons stay valid after quantisation, rings are in the MVT winding
 * order, points land on their pixel, and each feature carries its id and properties.
 */
class TileLayerTest {
  /** A 40 km square near Oxford, in EPSG:3857 metres. */
  static final Envelope BOX = new Envelope(-160_000, -120_000, 6_730_000, 6_770_000);

  /**
   * A coverage of 36 cells with wavy shared edges (a vertex every 50 m), made by polygonizing the
   * noded linework: neighbours share their edges exactly, as the catchments do.
   */
  static List<Geometry> wavyCoverage() {
    int n = 6;
    double step = BOX.getWidth() / n;
    List<LineString> lines = new ArrayList<>();
    lines.add(
        GeoUtils.FACTORY.toGeometry(BOX).getBoundary().getGeometryN(0) instanceof LineString l
            ? l
            : null);
    for (int i = 1; i < n; i++) {
      List<Coordinate> h = new ArrayList<>();
      List<Coordinate> v = new ArrayList<>();
      for (double t = 0; t <= BOX.getWidth() + 1e-9; t += 50) {
        h.add(
            new Coordinate(
                BOX.getMinX() + t,
                BOX.getMinY() + i * step + 600 * Math.sin(2 * Math.PI * t / 7_000 + i)));
        v.add(
            new Coordinate(
                BOX.getMinX() + i * step + 600 * Math.sin(2 * Math.PI * t / 5_000 + 2 * i),
                BOX.getMinY() + t));
      }
      lines.add(GeoUtils.FACTORY.createLineString(h.toArray(Coordinate[]::new)));
      lines.add(GeoUtils.FACTORY.createLineString(v.toArray(Coordinate[]::new)));
    }
    Geometry noded =
        OverlayNGRobust.union(
            GeoUtils.FACTORY.createMultiLineString(lines.toArray(LineString[]::new)));
    Polygonizer p = new Polygonizer();
    p.add(noded);
    List<Geometry> cells = new ArrayList<>();
    for (Object polygon : p.getPolygons()) {
      cells.add((Geometry) polygon);
    }
    cells.sort(
        Comparator.comparingDouble((Geometry g) -> g.getCentroid().getY())
            .thenComparingDouble(g -> g.getCentroid().getX()));
    return cells;
  }

  static List<Feature> features(List<Geometry> geometries) {
    List<Feature> out = new ArrayList<>();
    for (int i = 0; i < geometries.size(); i++) {
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("name", "cell " + i);
      props.put("list_size", (long) (1000 + i));
      props.put("share", i / 100.0);
      props.put("odd", i % 2 == 1);
      props.put("missing", null);
      props.put("opened", LocalDate.of(2020, 1, 1 + i % 28));
      out.add(new Feature(i + 1, "C" + i, geometries.get(i), props));
    }
    return out;
  }

  static TileLayer layer(String name, List<Geometry> geometries, boolean coverage) {
    return new TileLayer(
        name, features(geometries), () -> geometries, Crs.WEB_MERCATOR, coverage, 16);
  }

  /** Every tile of a matrix over an EPSG:3857 envelope. */
  static List<WebMercatorQuad.Tile> tilesOver(Envelope e, int z) {
    double w = WebMercatorQuad.tileWidth(z);
    int c0 = (int) Math.floor((e.getMinX() + WebMercatorQuad.HALF_WORLD) / w);
    int c1 = (int) Math.floor((e.getMaxX() + WebMercatorQuad.HALF_WORLD) / w);
    int r0 = (int) Math.floor((WebMercatorQuad.HALF_WORLD - e.getMaxY()) / w);
    int r1 = (int) Math.floor((WebMercatorQuad.HALF_WORLD - e.getMinY()) / w);
    List<WebMercatorQuad.Tile> out = new ArrayList<>();
    for (int r = r0; r <= r1; r++) {
      for (int c = c0; c <= c1; c++) {
        out.add(new WebMercatorQuad.Tile(z, r, c));
      }
    }
    return out;
  }

  /** An EPSG:3857 envelope in a tile's units (y down). */
  static Envelope inTile(Envelope e, WebMercatorQuad.Tile t) {
    Envelope b = WebMercatorQuad.bounds(t);
    double s = TileLayer.EXTENT / b.getWidth();
    return new Envelope(
        (e.getMinX() - b.getMinX()) * s,
        (e.getMaxX() - b.getMinX()) * s,
        (b.getMaxY() - e.getMaxY()) * s,
        (b.getMaxY() - e.getMinY()) * s);
  }

  static final Envelope CLIP =
      new Envelope(
          -TileLayer.BUFFER,
          TileLayer.EXTENT + TileLayer.BUFFER,
          -TileLayer.BUFFER,
          TileLayer.EXTENT + TileLayer.BUFFER);

  @ParameterizedTest
  @ValueSource(ints = {8, 10, 12, 14})
  void aCoverageHasNoGapOrOverlapInAnyTile(int zoom) {
    TileLayer layer = layer("cells", wavyCoverage(), true);
    int tiles = 0;
    for (WebMercatorQuad.Tile t : tilesOver(BOX, zoom)) {
      byte[] bytes = layer.render(t);
      List<Polygon> polygons = Mvt.polygons(Mvt.geometries(bytes, "cells"));
      assertThat(polygons).as("tile %s", t).isNotEmpty();
      for (Polygon p : polygons) {
        assertThat(p.isValid()).as("tile %s: %s", t, p).isTrue();
      }
      // neighbours share every edge vertex for vertex, and no two overlap
      Geometry[] coverage = polygons.toArray(Geometry[]::new);
      Geometry[] invalid = CoverageValidator.validate(coverage);
      for (int i = 0; i < invalid.length; i++) {
        assertThat((Object) invalid[i]).as("tile %s, polygon %d: edges not shared", t, i).isNull();
      }
      // no gap: together they cover the clip area where the data does, in one piece without holes
      Geometry union = OverlayNGRobust.union(GeoUtils.FACTORY.createGeometryCollection(coverage));
      Envelope expected = CLIP.intersection(inTile(BOX, t));
      assertThat(union.getNumGeometries()).as("tile %s", t).isEqualTo(1);
      assertThat(((Polygon) union.getGeometryN(0)).getNumInteriorRing()).as("tile %s", t).isZero();
      double slack = (expected.getWidth() + expected.getHeight()) + 1; // half a unit per side
      assertThat(union.getArea()).as("tile %s", t).isCloseTo(expected.getArea(), within(slack));
      double sum = polygons.stream().mapToDouble(Geometry::getArea).sum();
      assertThat(sum).as("tile %s: overlap", t).isCloseTo(union.getArea(), within(1e-6));
      tiles++;
    }
    assertThat(tiles).isGreaterThanOrEqualTo(zoom == 8 ? 1 : 4);
    assertThat(layer.repaired()).as("polygons rounding made invalid").isZero();
  }

  @Test
  void ringsAreInTheMvtWindingOrder() {
    // a square with a hole, given the "wrong" way round (exterior clockwise in EPSG:3857)
    Polygon holed =
        GeoUtils.FACTORY.createPolygon(
            GeoUtils.FACTORY.createLinearRing(
                new Coordinate[] {
                  new Coordinate(-150_000, 6_740_000),
                  new Coordinate(-150_000, 6_760_000),
                  new Coordinate(-130_000, 6_760_000),
                  new Coordinate(-130_000, 6_740_000),
                  new Coordinate(-150_000, 6_740_000)
                }),
            new org.locationtech.jts.geom.LinearRing[] {
              GeoUtils.rectangle(-145_000, 6_745_000, -135_000, 6_755_000).getExteriorRing()
            });
    List<Geometry> shapes = new ArrayList<>(wavyCoverage().subList(0, 3));
    shapes.add(holed);
    TileLayer layer = layer("shapes", shapes, false);
    WebMercatorQuad.Tile t = tilesOver(BOX, 6).get(0); // the one tile holding BOX
    List<List<Double>> rings = Mvt.ringAreas(layer.render(t), "shapes");
    assertThat(rings).hasSize(4);
    for (List<Double> polygon : rings) {
      assertThat(polygon.get(0)).as("exterior ring: positive area").isPositive();
      for (double hole : polygon.subList(1, polygon.size())) {
        assertThat(hole).as("interior ring: negative area").isNegative();
      }
    }
    assertThat(rings.get(3)).hasSize(2);
    Geometry decoded =
        Mvt.geometries(layer.render(t), "shapes").stream()
            .filter(g -> ((Number) Mvt.properties(g).get(Mvt.ID)).intValue() == 3)
            .findFirst()
            .orElseThrow();
    assertThat(((Polygon) decoded).getNumInteriorRing()).isEqualTo(1);
  }

  @Test
  void aPolygonThatRoundingBreaksIsSnapRoundedValid() {
    // two 1 km squares joined by a 1 km corridor 0.5 m wide, whose sides fall within one unit of
    // a z10 tile (9.6 m) and round onto one line: the rounded ring overlaps itself
    WebMercatorQuad.Tile t = tilesOver(BOX, 10).get(0);
    Envelope b = WebMercatorQuad.bounds(t);
    double c = b.getMaxY() - 2000.25 / scale(t); // 2000.25 units down the tile
    double x = b.getMinX() + 300;
    Polygon dumbbell =
        GeoUtils.FACTORY.createPolygon(
            new Coordinate[] {
              new Coordinate(x, c - 500),
              new Coordinate(x + 1000, c - 500),
              new Coordinate(x + 1000, c - 0.25),
              new Coordinate(x + 2000, c - 0.25),
              new Coordinate(x + 2000, c - 500),
              new Coordinate(x + 3000, c - 500),
              new Coordinate(x + 3000, c + 500),
              new Coordinate(x + 2000, c + 500),
              new Coordinate(x + 2000, c + 0.25),
              new Coordinate(x + 1000, c + 0.25),
              new Coordinate(x + 1000, c + 500),
              new Coordinate(x, c + 500),
              new Coordinate(x, c - 500)
            });
    assertThat(dumbbell.isValid()).isTrue();
    TileLayer layer = layer("dumbbell", List.of(dumbbell), false);
    List<Geometry> decoded = Mvt.geometries(layer.render(t), "dumbbell");
    assertThat(decoded).hasSize(1);
    assertThat(decoded.get(0).isValid()).isTrue();
    assertThat(decoded.get(0).getArea())
        .isCloseTo(2 * sq(1000 * scale(t)), within(8000 * scale(t)));
    assertThat(layer.repaired()).isEqualTo(1);
  }

  @Test
  void pointsLandOnTheirPixelAndOnlyThoseInTheBufferedTile() {
    List<Geometry> points = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      points.add(GeoUtils.point(BOX.getMinX() + 797.3 * i, BOX.getMinY() + 611.9 * i));
    }
    TileLayer layer = layer("sites", points, false);
    for (WebMercatorQuad.Tile t : tilesOver(BOX, 11)) {
      Envelope b = WebMercatorQuad.bounds(t);
      double s = scale(t);
      Map<Integer, Coordinate> expected = new HashMap<>();
      for (int i = 0; i < points.size(); i++) {
        Coordinate c = points.get(i).getCoordinate();
        Coordinate local =
            new Coordinate(Math.rint((c.x - b.getMinX()) * s), Math.rint((b.getMaxY() - c.y) * s));
        if (CLIP.contains((c.x - b.getMinX()) * s, (b.getMaxY() - c.y) * s)) {
          expected.put(i, local);
        }
      }
      Map<Integer, Coordinate> got = new HashMap<>();
      for (Geometry g : Mvt.geometries(layer.render(t), "sites")) {
        got.put(((Number) Mvt.properties(g).get(Mvt.ID)).intValue(), g.getCoordinate());
      }
      assertThat(got).as("tile %s", t).isEqualTo(expected);
    }
  }

  @Test
  void eachFeatureCarriesItsIdAndProperties() {
    List<Geometry> cells = wavyCoverage();
    TileLayer layer = layer("cells", cells, true);
    List<Feature> features = features(cells);
    List<Geometry> decoded = Mvt.geometries(layer.render(tilesOver(BOX, 6).get(0)), "cells");
    assertThat(tilesOver(BOX, 6)).hasSize(1);
    assertThat(decoded).hasSize(cells.size());
    for (Geometry g : decoded) {
      Map<String, Object> p = Mvt.properties(g);
      int index = ((Number) p.get(Mvt.ID)).intValue();
      Feature f = features.get(index);
      assertThat(p.get("id")).isEqualTo(f.id());
      assertThat(p.get("name")).isEqualTo(f.properties().get("name"));
      assertThat(((Number) p.get("list_size")).longValue())
          .isEqualTo(f.properties().get("list_size"));
      assertThat(p.get("share")).isEqualTo(f.properties().get("share"));
      assertThat(p.get("odd")).isEqualTo(f.properties().get("odd"));
      assertThat(p.get("opened")).isEqualTo(f.properties().get("opened").toString());
      assertThat(p).doesNotContainKey("missing");
    }
  }

  @Test
  void aTileNoFeatureReachesIsEmpty() {
    TileLayer layer = layer("cells", wavyCoverage(), true);
    assertThat(layer.render(WebMercatorQuad.tileAt(151.2, -33.9, 10))).isEmpty();
  }

  @Test
  void theLayerIsProjectedAndSimplifiedOncePerMatrixHoweverManyTilesAreAskedAtOnce()
      throws Exception {
    List<Geometry> cells = wavyCoverage();
    AtomicInteger asked = new AtomicInteger();
    Supplier<List<Geometry>> geometries =
        () -> {
          asked.incrementAndGet();
          return cells;
        };
    TileLayer layer =
        new TileLayer("cells", features(cells), geometries, Crs.WEB_MERCATOR, true, 16);
    TileLayer reference = layer("cells", cells, true);
    List<WebMercatorQuad.Tile> tiles = tilesOver(BOX, 12);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<byte[]>> results = new ArrayList<>();
      for (WebMercatorQuad.Tile t : tiles) {
        results.add(pool.submit(() -> layer.render(t)));
      }
      for (int i = 0; i < tiles.size(); i++) {
        assertThat(results.get(i).get()).isEqualTo(reference.render(tiles.get(i)));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(asked).hasValue(1);
  }

  static double scale(WebMercatorQuad.Tile t) {
    return TileLayer.EXTENT / WebMercatorQuad.tileWidth(t.zoom());
  }

  static double sq(double v) {
    return v * v;
  }
}
