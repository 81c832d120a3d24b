package org.pcnatlas.export;

import java.nio.ByteBuffer;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * The GeoPackage geometry blob of a JTS geometry, written straight from its coordinates: the
 * standard header ("GP", version 0, flags, srs_id, the xy envelope) and 2D WKB, all big-endian.
 * These are the bytes mil.nga.geopackage writes for the same geometry ({@code
 * GeoPackageGeometryData.createFromWkbAndBuildEnvelope(...).toBytes()}), without parsing the WKB
 * back into its own geometry model and writing it again.
 *
 * <p>Only the plain cases are done here: a non-empty Point, LineString, Polygon, MultiPoint,
 * MultiLineString or MultiPolygon whose parts are all non-empty and whose coordinates are all
 * finite. For anything else (empty geometries, collections, linear rings, NaN or infinite
 * coordinates) {@link #encode} answers null and the caller asks the library, so the bytes stay the
 * library's in every case.
 */
final class GeoPackageBinary {
  /** Magic "GP", version 0, flags: standard binary, not empty, xy envelope, big-endian. */
  private static final byte[] PREFIX = {'G', 'P', 0, 0b0000_0010};

  /** Prefix, srs_id and the four envelope doubles. */
  static final int HEADER_BYTES = 4 + 4 + 4 * 8;

  private static final int POINT = 1;
  private static final int LINE_STRING = 2;
  private static final int POLYGON = 3;
  private static final int MULTI_POINT = 4;
  private static final int MULTI_LINE_STRING = 5;
  private static final int MULTI_POLYGON = 6;

  private GeoPackageBinary() {}

  /**
   * The blob of {@code g}, and its envelope as the library builds it (over every coordinate of
   * every ring, in order) in {@code envelope[at..at+3]} = minx, maxx, miny, maxy; null, leaving
   * {@code envelope} untouched, when the geometry is not one of the plain cases.
   */
  static byte[] encode(Geometry g, int srsId, double[] envelope, int at) {
    Extent e = new Extent();
    int wkb = measure(g, e);
    if (wkb < 0) {
      return null;
    }
    ByteBuffer out = ByteBuffer.wrap(new byte[HEADER_BYTES + wkb]); // big-endian
    out.put(PREFIX);
    out.putInt(srsId);
    out.putDouble(e.minX).putDouble(e.maxX).putDouble(e.minY).putDouble(e.maxY);
    write(g, out);
    envelope[at] = e.minX;
    envelope[at + 1] = e.maxX;
    envelope[at + 2] = e.minY;
    envelope[at + 3] = e.maxY;
    return out.array();
  }

  /** The envelope as mil.nga's GeometryEnvelopeBuilder grows it: strict comparisons, in order. */
  private static final class Extent {
    double minX = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;

    /** False when a coordinate is not finite. */
    boolean add(CoordinateSequence seq) {
      for (int i = 0, n = seq.size(); i < n; i++) {
        double x = seq.getX(i);
        double y = seq.getY(i);
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
          return false;
        }
        if (x < minX) {
          minX = x;
        }
        if (x > maxX) {
          maxX = x;
        }
        if (y < minY) {
          minY = y;
        }
        if (y > maxY) {
          maxY = y;
        }
      }
      return true;
    }
  }

  /** The WKB length of a plain geometry, growing the extent; -1 when it is not plain. */
  private static int measure(Geometry g, Extent e) {
    if (g.isEmpty()) {
      return -1;
    }
    if (g instanceof Point p) {
      return e.add(p.getCoordinateSequence()) ? 5 + 16 : -1;
    }
    if (g instanceof LinearRing) {
      return -1;
    }
    if (g instanceof LineString l) {
      return e.add(l.getCoordinateSequence()) ? 5 + 4 + 16 * l.getNumPoints() : -1;
    }
    if (g instanceof Polygon p) {
      int bytes = 5 + 4;
      for (int r = 0; r <= p.getNumInteriorRing(); r++) {
        LineString ring = r == 0 ? p.getExteriorRing() : p.getInteriorRingN(r - 1);
        if (ring.isEmpty() || !e.add(ring.getCoordinateSequence())) {
          return -1;
        }
        bytes += 4 + 16 * ring.getNumPoints();
      }
      return bytes;
    }
    if (g instanceof MultiPoint || g instanceof MultiLineString || g instanceof MultiPolygon) {
      int bytes = 5 + 4;
      for (int i = 0; i < g.getNumGeometries(); i++) {
        int part = measure(g.getGeometryN(i), e);
        if (part < 0) {
          return -1;
        }
        bytes += part;
      }
      return bytes;
    }
    return -1;
  }

  /** The WKB of a geometry {@link #measure} accepted. */
  private static void write(Geometry g, ByteBuffer out) {
    if (g instanceof Point p) {
      type(out, POINT);
      position(out, p.getCoordinateSequence(), 0);
    } else if (g instanceof LineString l) {
      type(out, LINE_STRING);
      sequence(out, l.getCoordinateSequence());
    } else if (g instanceof Polygon p) {
      type(out, POLYGON);
      out.putInt(1 + p.getNumInteriorRing());
      sequence(out, p.getExteriorRing().getCoordinateSequence());
      for (int r = 0; r < p.getNumInteriorRing(); r++) {
        sequence(out, p.getInteriorRingN(r).getCoordinateSequence());
      }
    } else {
      type(
          out,
          g instanceof MultiPoint
              ? MULTI_POINT
              : g instanceof MultiLineString ? MULTI_LINE_STRING : MULTI_POLYGON);
      out.putInt(g.getNumGeometries());
      for (int i = 0; i < g.getNumGeometries(); i++) {
        write(g.getGeometryN(i), out);
      }
    }
  }

  private static void type(ByteBuffer out, int code) {
    out.put((byte) 0); // big-endian
    out.putInt(code);
  }

  private static void sequence(ByteBuffer out, CoordinateSequence seq) {
    int n = seq.size();
    out.putInt(n);
    for (int i = 0; i < n; i++) {
      position(out, seq, i);
    }
  }

  private static void position(ByteBuffer out, CoordinateSequence seq, int i) {
    out.putDouble(seq.getX(i));
    out.putDouble(seq.getY(i));
  }
}
