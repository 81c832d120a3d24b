package org.pcnatlas.load;

import java.util.Arrays;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.pcnatlas.geo.GeoUtils;

/**
 * A geometry as a reader found it, before the boundary ({@link Ingest}): its type and its x/y
 * positions in flat arrays, kept compact until {@link Ingest} builds the JTS geometry once, already
 * rounded, instead of building one geometry from the file and then a rounded copy of it.
 *
 * <p>{@code parts[p][r]} holds the x/y pairs of ring (or line) {@code r} of part {@code p}: a Point
 * is one part with one run of 0 or 2 values; a MultiPoint has a part per point; a LineString one
 * part with one run; a MultiLineString a part per line, each with one run; a Polygon one part with
 * its rings (shell first); a MultiPolygon a part per polygon. A GeometryCollection has {@code
 * members} instead.
 *
 * <p>{@link #build} makes the JTS geometry with the same factory calls, in the same order, as a
 * reader building it directly, so the two are equal (and fail with the same messages); {@link
 * #isEmpty} and {@link #envelope} answer as the JTS geometry would, without building it.
 */
final class RawGeometry {
  private static final GeometryFactory F = GeoUtils.FACTORY;
  private static final double[][][] NO_PARTS = new double[0][][];

  /** The geometry types, with their JTS names. */
  enum Kind {
    POINT("Point"),
    MULTI_POINT("MultiPoint"),
    LINE_STRING("LineString"),
    MULTI_LINE_STRING("MultiLineString"),
    POLYGON("Polygon"),
    MULTI_POLYGON("MultiPolygon"),
    GEOMETRY_COLLECTION("GeometryCollection");

    final String jtsName;

    Kind(String jtsName) {
      this.jtsName = jtsName;
    }
  }

  private final Kind kind;
  private final double[][][] parts;
  private final RawGeometry[] members;

  private RawGeometry(Kind kind, double[][][] parts, RawGeometry[] members) {
    this.kind = kind;
    this.parts = parts;
    this.members = members;
  }

  /** A point; an empty array is the empty point. */
  static RawGeometry point(double[] xy) {
    return new RawGeometry(Kind.POINT, new double[][][] {{xy}}, null);
  }

  /** A point at x, y. */
  static RawGeometry point(double x, double y) {
    return point(new double[] {x, y});
  }

  /** Points, x/y pairs one after another. */
  static RawGeometry multiPoint(double[] xy) {
    double[][][] points = new double[xy.length / 2][][];
    for (int i = 0; i < points.length; i++) {
      points[i] = new double[][] {{xy[2 * i], xy[2 * i + 1]}};
    }
    return new RawGeometry(Kind.MULTI_POINT, points, null);
  }

  /**
   * A line.
   *
   * @throws IllegalArgumentException as JTS says it, when the line has one position
   */
  static RawGeometry lineString(double[] xy) {
    checkLine(xy);
    return new RawGeometry(Kind.LINE_STRING, new double[][][] {{xy}}, null);
  }

  /**
   * Lines.
   *
   * @throws IllegalArgumentException for the first line that has one position
   */
  static RawGeometry multiLineString(double[][] lines) {
    double[][][] parts = new double[lines.length][][];
    for (int i = 0; i < lines.length; i++) {
      checkLine(lines[i]);
      parts[i] = new double[][] {lines[i]};
    }
    return new RawGeometry(Kind.MULTI_LINE_STRING, parts, null);
  }

  /**
   * A polygon from its rings, shell first (none: the empty polygon).
   *
   * @throws IllegalArgumentException for the first ring with fewer than 4 positions or not closed,
   *     or when the shell is empty and a hole is not (as JTS says it)
   */
  static RawGeometry polygon(double[][] rings) {
    checkPolygon(rings);
    return new RawGeometry(Kind.POLYGON, new double[][][] {rings}, null);
  }

  /**
   * Polygons, each as its rings.
   *
   * @throws IllegalArgumentException for the first polygon that {@link #polygon} rejects
   */
  static RawGeometry multiPolygon(double[][][] polygons) {
    for (double[][] rings : polygons) {
      checkPolygon(rings);
    }
    return new RawGeometry(Kind.MULTI_POLYGON, polygons, null);
  }

  static RawGeometry collection(RawGeometry[] members) {
    return new RawGeometry(Kind.GEOMETRY_COLLECTION, NO_PARTS, members.clone());
  }

  private static void checkLine(double[] xy) {
    if (xy.length == 2) {
      // LineString's own check, so the message is the one JTS gives
      F.createLineString(new Coordinate[] {new Coordinate(xy[0], xy[1])});
    }
  }

  /** The checks a GeoJSON polygon's rings pass, in the order the reader makes them. */
  private static void checkPolygon(double[][] rings) {
    for (double[] ring : rings) {
      int n = ring.length / 2;
      if (n > 0 && n < 4) {
        throw new IllegalArgumentException(
            "polygon ring has " + n + " positions; at least 4 are needed");
      }
      if (n > 0 && (ring[0] != ring[2 * n - 2] || ring[1] != ring[2 * n - 1])) {
        throw new IllegalArgumentException(
            "polygon ring is not closed (first position differs from last)");
      }
    }
    if (rings.length > 1 && rings[0].length == 0) {
      // Polygon's own check of an empty shell with holes, so the message is the one JTS gives
      build(rings, (x, y) -> new Coordinate(x, y));
    }
  }

  Kind kind() {
    return kind;
  }

  /** The JTS geometry type ("Polygon", ...). */
  String geometryType() {
    return kind.jtsName;
  }

  /** Empty as the JTS geometry is: no position, a polygon without shell, parts all empty. */
  boolean isEmpty() {
    return switch (kind) {
      case POINT, LINE_STRING -> parts[0][0].length == 0;
      case POLYGON -> polygonIsEmpty(parts[0]);
      case MULTI_POINT -> parts.length == 0;
      case MULTI_LINE_STRING -> Arrays.stream(parts).allMatch(p -> p[0].length == 0);
      case MULTI_POLYGON -> Arrays.stream(parts).allMatch(RawGeometry::polygonIsEmpty);
      case GEOMETRY_COLLECTION -> Arrays.stream(members).allMatch(RawGeometry::isEmpty);
    };
  }

  private static boolean polygonIsEmpty(double[][] rings) {
    return rings.length == 0 || rings[0].length == 0;
  }

  /** A function of one x/y position: a source check sees them in the order JTS lists them. */
  @FunctionalInterface
  interface XyVisitor {
    /** False stops the visit. */
    boolean visit(double x, double y);
  }

  /**
   * Visits every position in the order of {@link Geometry#getCoordinates()}; false when the visitor
   * stopped.
   */
  boolean visit(XyVisitor visitor) {
    if (members != null) {
      for (RawGeometry m : members) {
        if (!m.visit(visitor)) {
          return false;
        }
      }
      return true;
    }
    for (double[][] part : parts) {
      for (double[] run : part) {
        for (int i = 0; i < run.length; i += 2) {
          if (!visitor.visit(run[i], run[i + 1])) {
            return false;
          }
        }
      }
    }
    return true;
  }

  /**
   * The envelope the JTS geometry has: of its points, lines and polygon shells (holes do not count,
   * as JTS's {@code Polygon} ignores them), merged over the parts as JTS merges them.
   */
  Envelope envelope() {
    if (members != null) {
      Envelope e = new Envelope();
      for (RawGeometry m : members) {
        e.expandToInclude(m.envelope());
      }
      return e;
    }
    return switch (kind) {
      case POINT, LINE_STRING -> envelope(parts[0][0]);
      case POLYGON -> shellEnvelope(parts[0]);
      default -> {
        Envelope e = new Envelope();
        for (double[][] part : parts) {
          e.expandToInclude(kind == Kind.MULTI_POLYGON ? shellEnvelope(part) : envelope(part[0]));
        }
        yield e;
      }
    };
  }

  private static Envelope shellEnvelope(double[][] rings) {
    return rings.length == 0 ? new Envelope() : envelope(rings[0]);
  }

  private static Envelope envelope(double[] xy) {
    Envelope e = new Envelope();
    for (int i = 0; i < xy.length; i += 2) {
      e.expandToInclude(xy[i], xy[i + 1]);
    }
    return e;
  }

  /** Makes the coordinate of one position. */
  @FunctionalInterface
  interface CoordinateMaker {
    Coordinate make(double x, double y);
  }

  /** The JTS geometry, every position as read. */
  Geometry build() {
    return build((x, y) -> new Coordinate(x, y));
  }

  /** The JTS geometry with every position rounded to the precision model. */
  Geometry build(PrecisionModel precision) {
    return build((x, y) -> new Coordinate(precision.makePrecise(x), precision.makePrecise(y)));
  }

  /** The JTS geometry, each position made by {@code maker}. */
  Geometry build(CoordinateMaker maker) {
    return switch (kind) {
      case POINT ->
          parts[0][0].length == 0
              ? F.createPoint()
              : F.createPoint(coordinates(parts[0][0], maker)[0]);
      case MULTI_POINT -> {
        Point[] points = new Point[parts.length];
        for (int i = 0; i < points.length; i++) {
          points[i] = F.createPoint(maker.make(parts[i][0][0], parts[i][0][1]));
        }
        yield F.createMultiPoint(points);
      }
      case LINE_STRING -> F.createLineString(coordinates(parts[0][0], maker));
      case MULTI_LINE_STRING -> {
        LineString[] lines = new LineString[parts.length];
        for (int i = 0; i < lines.length; i++) {
          lines[i] = F.createLineString(coordinates(parts[i][0], maker));
        }
        yield F.createMultiLineString(lines);
      }
      case POLYGON -> build(parts[0], maker);
      case MULTI_POLYGON -> {
        Polygon[] polygons = new Polygon[parts.length];
        for (int i = 0; i < polygons.length; i++) {
          polygons[i] = build(parts[i], maker);
        }
        yield F.createMultiPolygon(polygons);
      }
      case GEOMETRY_COLLECTION -> {
        Geometry[] built = new Geometry[members.length];
        for (int i = 0; i < built.length; i++) {
          built[i] = members[i].build(maker);
        }
        yield F.createGeometryCollection(built);
      }
    };
  }

  private static Polygon build(double[][] rings, CoordinateMaker maker) {
    if (rings.length == 0) {
      return F.createPolygon();
    }
    LinearRing shell = F.createLinearRing(coordinates(rings[0], maker));
    LinearRing[] holes = new LinearRing[rings.length - 1];
    for (int i = 0; i < holes.length; i++) {
      holes[i] = F.createLinearRing(coordinates(rings[i + 1], maker));
    }
    return F.createPolygon(shell, holes);
  }

  private static Coordinate[] coordinates(double[] xy, CoordinateMaker maker) {
    Coordinate[] cs = new Coordinate[xy.length / 2];
    for (int i = 0; i < cs.length; i++) {
      cs[i] = maker.make(xy[2 * i], xy[2 * i + 1]);
    }
    return cs;
  }
}
