package org.pcnatlas.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.util.GeometricShapeFactory;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Feature;

/** The extent from bounds is the envelope of every reprojected geometry, double for double. */
class Crs84ExtentTest {
  static final CrsTransform TO_CRS84 = CrsTransform.between(Crs.BNG, Crs.WGS84);

  /** The four sides, compared double for double (none for a null envelope). */
  static List<Double> sides(Envelope e) {
    return e.isNull() ? List.of() : List.of(e.getMinX(), e.getMaxX(), e.getMinY(), e.getMaxY());
  }

  /** The reference: reproject everything, as the collections did before. */
  static Envelope bruteForce(List<Geometry> geometries) {
    Envelope e = new Envelope();
    for (Geometry g : geometries) {
      if (g != null && !g.isEmpty()) {
        e.expandToInclude(TO_CRS84.apply(g).getEnvelopeInternal());
      }
    }
    return e;
  }

  @Test
  void everyDemoCollectionAndTheStudyArea() {
    Catalogue catalogue = DemoCatalogue.get();
    for (ApiCollection c : catalogue.collections()) {
      List<Geometry> geometries = new ArrayList<>();
      for (Feature f : c.layer().features()) {
        geometries.add(f.geometry());
      }
      assertThat(sides(Crs84Extent.of(geometries, TO_CRS84)))
          .as(c.id())
          .isEqualTo(sides(bruteForce(geometries)));
    }
    Geometry region = catalogue.result().inputs().region();
    assertThat(sides(catalogue.studyAreaCrs84())).isEqualTo(sides(bruteForce(List.of(region))));
  }

  /**
   * Seeded random layers anywhere in Great Britain: polygons from a few metres to hundreds of
   * kilometres across (wobbly rings, so the extreme is rarely at a corner of an envelope), points,
   * nulls and empties.
   */
  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
  void randomLayersAcrossGreatBritain(int seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Geometry> layer = new ArrayList<>();
    // a layer's features lie in a window somewhere in Great Britain, of any size up to all of it
    double w = Math.exp(random.nextDouble(Math.log(2e3), Math.log(7e5)));
    double h = Math.exp(random.nextDouble(Math.log(2e3), Math.log(1.2e6)));
    double x0 = random.nextDouble(0, 7e5 - w);
    double y0 = random.nextDouble(0, 1.2e6 - h);
    int n = random.nextInt(1, 400);
    boolean points = random.nextInt(4) == 0;
    for (int i = 0; i < n; i++) {
      double x = x0 + random.nextDouble() * w;
      double y = y0 + random.nextDouble() * h;
      int kind = random.nextInt(20);
      if (kind == 0) {
        layer.add(null);
      } else if (kind == 1) {
        layer.add(GeoUtils.FACTORY.createPolygon());
      } else if (points) {
        layer.add(GeoUtils.FACTORY.createPoint(new Coordinate(x, y)));
      } else {
        double size = Math.exp(random.nextDouble(Math.log(5), Math.log(Math.max(w, h) / 2)));
        layer.add(wobbly(random, x, y, size));
      }
    }
    assertThat(sides(Crs84Extent.of(layer, TO_CRS84))).isEqualTo(sides(bruteForce(layer)));
  }

  @Test
  void nothingToMeasureIsANullEnvelope() {
    List<Geometry> none = new ArrayList<>();
    none.add(null);
    none.add(GeoUtils.FACTORY.createPolygon());
    assertThat(Crs84Extent.of(none, TO_CRS84).isNull()).isTrue();
    assertThat(Crs84Extent.of(List.of(), TO_CRS84).isNull()).isTrue();
  }

  /** A ring of random radii around a centre: its extreme vertices are anywhere on it. */
  static Geometry wobbly(SplittableRandom random, double x, double y, double size) {
    int k = random.nextInt(3, 200);
    if (random.nextBoolean()) {
      GeometricShapeFactory shapes = new GeometricShapeFactory(GeoUtils.FACTORY);
      shapes.setCentre(new Coordinate(x, y));
      shapes.setSize(size);
      shapes.setNumPoints(k);
      return shapes.createCircle();
    }
    Coordinate[] ring = new Coordinate[k + 1];
    for (int j = 0; j < k; j++) {
      double a = 2 * Math.PI * j / k;
      double r = size * random.nextDouble(0.2, 1);
      ring[j] = new Coordinate(x + r * Math.cos(a), y + r * Math.sin(a));
    }
    ring[k] = ring[0].copy();
    return GeoUtils.FACTORY.createPolygon(ring);
  }
}
