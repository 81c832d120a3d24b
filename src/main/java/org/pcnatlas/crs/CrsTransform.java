package org.pcnatlas.crs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.units.Units;

/**
 * A coordinate transformation between two EPSG codes, with proj4j. EPSG:27700 &harr; EPSG:4326 uses
 * the 7-parameter Helmert of the EPSG definition (PROJ's "OSGB36 to WGS 84 (6)"); accuracy is about
 * 2 m against OSTN15.
 *
 * <p>Instances are immutable and thread-safe: each thread gets its own proj4j transform.
 */
public final class CrsTransform {
  private static final CRSFactory CRS_FACTORY = new CRSFactory();
  private static final CoordinateTransformFactory TRANSFORMS = new CoordinateTransformFactory();
  private static final Map<Integer, CoordinateReferenceSystem> CACHE = new ConcurrentHashMap<>();

  private final int source;
  private final int target;
  private final ThreadLocal<CoordinateTransform> transform;

  private CrsTransform(int source, int target) {
    this.source = source;
    this.target = target;
    CoordinateReferenceSystem from = crs(source);
    CoordinateReferenceSystem to = crs(target);
    this.transform =
        source == target
            ? null
            : ThreadLocal.withInitial(() -> TRANSFORMS.createTransform(from, to));
  }

  /** The transform from one EPSG code to another; an identity when they are equal. */
  public static CrsTransform between(int sourceEpsg, int targetEpsg) {
    return new CrsTransform(sourceEpsg, targetEpsg);
  }

  public int source() {
    return source;
  }

  public int target() {
    return target;
  }

  public boolean isIdentity() {
    return transform == null;
  }

  /** Transforms one coordinate (x = easting or longitude, y = northing or latitude). */
  public Coordinate apply(double x, double y) {
    if (transform == null) {
      return new Coordinate(x, y);
    }
    ProjCoordinate out = new ProjCoordinate();
    transform.get().transform(new ProjCoordinate(x, y), out);
    return new Coordinate(out.x, out.y);
  }

  /**
   * A transformed copy of the geometry (the input is not changed); the same instance for an
   * identity.
   */
  public Geometry apply(Geometry geometry) {
    if (transform == null || geometry == null) {
      return geometry;
    }
    Geometry copy = geometry.copy();
    CoordinateTransform t = transform.get();
    ProjCoordinate in = new ProjCoordinate();
    ProjCoordinate out = new ProjCoordinate();
    copy.apply(
        new CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            in.x = seq.getX(i);
            in.y = seq.getY(i);
            t.transform(in, out);
            seq.setOrdinate(i, 0, out.x);
            seq.setOrdinate(i, 1, out.y);
          }

          @Override
          public boolean isDone() {
            return false;
          }

          @Override
          public boolean isGeometryChanged() {
            return true;
          }
        });
    copy.setSRID(target);
    return copy;
  }

  /**
   * The envelope of the transformed corners and edge midpoints of an envelope (adequate for
   * bounding boxes).
   */
  public Envelope apply(Envelope env) {
    if (transform == null || env.isNull()) {
      return new Envelope(env);
    }
    Envelope out = new Envelope();
    int steps = 8;
    for (int i = 0; i <= steps; i++) {
      double fx = env.getMinX() + env.getWidth() * i / steps;
      double fy = env.getMinY() + env.getHeight() * i / steps;
      out.expandToInclude(apply(fx, env.getMinY()));
      out.expandToInclude(apply(fx, env.getMaxY()));
      out.expandToInclude(apply(env.getMinX(), fy));
      out.expandToInclude(apply(env.getMaxX(), fy));
    }
    return out;
  }

  static boolean isGeographic(int epsg) {
    return crs(epsg).getProjection().getUnits() == Units.DEGREES;
  }

  static void requireKnown(int epsg) {
    crs(epsg);
  }

  private static CoordinateReferenceSystem crs(int epsg) {
    return CACHE.computeIfAbsent(
        epsg,
        code -> {
          try {
            return CRS_FACTORY.createFromName("EPSG:" + code);
          } catch (RuntimeException e) {
            throw new UnknownCrsException(
                "unknown CRS EPSG:" + code + " (not in the EPSG registry pcn-atlas carries)");
          }
        });
  }
}
