package org.pcnatlas.crs;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.proj4j.CRSFactory;
import org.locationtech.proj4j.CoordinateReferenceSystem;
import org.locationtech.proj4j.CoordinateTransform;
import org.locationtech.proj4j.CoordinateTransformFactory;
import org.locationtech.proj4j.ProjCoordinate;
import org.locationtech.proj4j.units.Units;
import org.pcnatlas.geo.GeoUtils;

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
    CoordinateTransform t = transform.get();
    ProjCoordinate in = new ProjCoordinate();
    ProjCoordinate projected = new ProjCoordinate();
    Geometry copy =
        GeoUtils.mapXy(
            geometry,
            (x, y, out) -> {
              in.x = x;
              in.y = y;
              t.transform(in, projected);
              out.x = projected.x;
              out.y = projected.y;
            });
    copy.setSRID(target);
    return copy;
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
