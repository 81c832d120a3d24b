package org.pcnatlas.geo;

import java.util.SplittableRandom;
import org.locationtech.jts.algorithm.ConvexHull;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;

/** Seeded random geometries for the geo tests. */
final class GeoTesting {
  private GeoTesting() {}

  static Geometry wkt(String text) {
    try {
      return new WKTReader(GeoUtils.FACTORY).read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  /** A star-shaped polygon of n vertices (millimetres) around (cx, cy), radius r to 2r. */
  static Polygon star(SplittableRandom random, double cx, double cy, double r, int n) {
    Coordinate[] ring = new Coordinate[n + 1];
    for (int i = 0; i < n; i++) {
      double a = 2 * Math.PI * i / n;
      double d = r * (1 + random.nextDouble());
      ring[i] =
          new Coordinate(
              GeoUtils.MILLIMETRE.makePrecise(cx + d * Math.cos(a)),
              GeoUtils.MILLIMETRE.makePrecise(cy + d * Math.sin(a)));
    }
    ring[n] = ring[0];
    return GeoUtils.FACTORY.createPolygon(ring);
  }

  /** A star with a square hole at its centre (side r / 2). */
  static Polygon starWithHole(SplittableRandom random, double cx, double cy, double r, int n) {
    Polygon star = star(random, cx, cy, r, n);
    LinearRing hole =
        GeoUtils.rectangle(cx - r / 4, cy - r / 4, cx + r / 4, cy + r / 4).getExteriorRing();
    return GeoUtils.FACTORY.createPolygon(
        star.getExteriorRing(), new LinearRing[] {hole.reverse()});
  }

  /** The convex hull of k random points in a square of side s at (x, y). */
  static Polygon convex(SplittableRandom random, double x, double y, double s, int k) {
    Coordinate[] pts = new Coordinate[k];
    for (int i = 0; i < k; i++) {
      pts[i] =
          new Coordinate(
              GeoUtils.MILLIMETRE.makePrecise(x + random.nextDouble() * s),
              GeoUtils.MILLIMETRE.makePrecise(y + random.nextDouble() * s));
    }
    return (Polygon) new ConvexHull(pts, GeoUtils.FACTORY).getConvexHull();
  }
}
