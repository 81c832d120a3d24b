package org.pcnatlas.api.cql;

import java.util.List;
import java.util.Locale;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.pcnatlas.geo.GeoUtils;

/**
 * The geometry literals of both encodings, made with the one factory and checked the same way: a
 * line has two or more points, a polygon ring is closed with four or more, polygons are valid (a
 * prepared polygon answers only for valid ones), every coordinate is finite. Z values are kept and
 * ignored by S_INTERSECTS, which is two-dimensional.
 */
final class Shapes {
  private Shapes() {}

  static Coordinate coordinate(double[] xyz, int position) {
    for (double v : xyz) {
      if (!Double.isFinite(v)) {
        throw new CqlException("coordinate " + v + " is not a finite number", position);
      }
    }
    return xyz.length == 3
        ? new Coordinate(xyz[0], xyz[1], xyz[2])
        : new Coordinate(xyz[0], xyz[1]);
  }

  static Point point(Coordinate c) {
    return GeoUtils.FACTORY.createPoint(c);
  }

  static LineString line(String type, List<Coordinate> points, int position) {
    if (points.size() < 2) {
      throw new CqlException(
          "a " + type + " needs two or more points, not " + points.size(), position);
    }
    return GeoUtils.FACTORY.createLineString(points.toArray(Coordinate[]::new));
  }

  static LinearRing ring(String type, List<Coordinate> points, int position) {
    if (points.size() < 4) {
      throw new CqlException(
          "a "
              + type
              + " ring needs four or more points (the last one repeating the first), not "
              + points.size(),
          position);
    }
    Coordinate first = points.get(0);
    Coordinate last = points.get(points.size() - 1);
    if (!first.equals2D(last)) {
      throw new CqlException(
          "a "
              + type
              + " ring must end at its first point ("
              + xy(first)
              + "), not at ("
              + xy(last)
              + ")",
          position);
    }
    return GeoUtils.FACTORY.createLinearRing(points.toArray(Coordinate[]::new));
  }

  static Polygon polygon(List<LinearRing> rings) {
    return GeoUtils.FACTORY.createPolygon(
        rings.get(0), rings.subList(1, rings.size()).toArray(LinearRing[]::new));
  }

  /** The geometry, if it is valid (polygons only; points and lines are valid as made). */
  static Geometry valid(String type, Geometry g, int position) {
    if (g.getDimension() < 2) {
      return g;
    }
    TopologyValidationError e = new IsValidOp(g).getValidationError();
    if (e != null) {
      throw new CqlException(
          "the "
              + type
              + " is not a valid polygon: "
              + e.getMessage().toLowerCase(Locale.ROOT)
              + " at ("
              + xy(e.getCoordinate())
              + ")",
          position);
    }
    return g;
  }

  /**
   * BBOX(minx, miny, maxx, maxy) or with six numbers (minx, miny, minz, maxx, maxy, maxz; the
   * heights ignored) as a rectangle polygon; a box of zero width or height is a line or a point.
   */
  static Geometry bbox(double[] v, int position) {
    if (v.length != 4 && v.length != 6) {
      throw new CqlException(
          "a BBOX has four numbers (minx, miny, maxx, maxy) or six (with minz and maxz), not "
              + v.length,
          position);
    }
    for (double d : v) {
      if (!Double.isFinite(d)) {
        throw new CqlException("BBOX value " + d + " is not a finite number", position);
      }
    }
    int h = v.length / 2;
    double minX = v[0];
    double minY = v[1];
    double maxX = v[h];
    double maxY = v[h + 1];
    if (minX > maxX || minY > maxY) {
      throw new CqlException(
          "BBOX minx must not exceed maxx, nor miny maxy (a box across the antimeridian is not"
              + " supported)",
          position);
    }
    if (minX == maxX || minY == maxY) {
      return GeoUtils.FACTORY.toGeometry(new Envelope(minX, maxX, minY, maxY));
    }
    return GeoUtils.rectangle(minX, minY, maxX, maxY);
  }

  private static String xy(Coordinate c) {
    return num(c.x) + " " + num(c.y);
  }

  private static String num(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
