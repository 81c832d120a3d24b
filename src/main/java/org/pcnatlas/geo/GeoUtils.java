package org.pcnatlas.geo;

import java.util.ArrayList;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.CoordinateSequenceFilter;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;

/**
 * The one geometry factory and the named precision model of the analysis CRS.
 *
 * <p>Geometries in the working CRS (EPSG:27700, metres) carry coordinates rounded to {@link
 * #MILLIMETRE}; the factory itself is floating so that JTS overlay results are not snapped
 * implicitly.
 */
public final class GeoUtils {
  /** Coordinates of the analysis CRS are kept to the millimetre. */
  public static final PrecisionModel MILLIMETRE = new PrecisionModel(1000.0);

  /** The single geometry factory of pcn-atlas. */
  public static final GeometryFactory FACTORY =
      new GeometryFactory(new PrecisionModel(PrecisionModel.FLOATING));

  private GeoUtils() {}

  /** An empty polygonal geometry: an empty MultiPolygon. */
  public static MultiPolygon emptyPolygonal() {
    return FACTORY.createMultiPolygon();
  }

  /**
   * The polygons of a geometry (an overlay result may carry collapsed lines or points where edges
   * touch): a Polygon, a MultiPolygon, or an empty MultiPolygon.
   */
  public static Geometry polygonal(Geometry g) {
    if (g instanceof Polygon || g instanceof MultiPolygon) {
      return g.isEmpty() ? emptyPolygonal() : g;
    }
    List<Polygon> polygons = new ArrayList<>();
    PolygonExtracter.getPolygons(g, polygons);
    polygons.removeIf(Geometry::isEmpty);
    if (polygons.isEmpty()) {
      return emptyPolygonal();
    }
    if (polygons.size() == 1) {
      return polygons.get(0);
    }
    return FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }

  /** One robust union ({@link OverlayNGRobust}) of (possibly overlapping) polygons. */
  public static Geometry union(List<Geometry> parts) {
    List<Geometry> nonEmpty = parts.stream().filter(g -> !g.isEmpty()).toList();
    if (nonEmpty.isEmpty()) {
      return emptyPolygonal();
    }
    if (nonEmpty.size() == 1) {
      return polygonal(nonEmpty.get(0));
    }
    return polygonal(
        OverlayNGRobust.union(FACTORY.createGeometryCollection(nonEmpty.toArray(Geometry[]::new))));
  }

  public static Point point(double x, double y) {
    return FACTORY.createPoint(new Coordinate(x, y));
  }

  /** A rectangle polygon (counter-clockwise shell). */
  public static Polygon rectangle(double minX, double minY, double maxX, double maxY) {
    return FACTORY.createPolygon(
        new Coordinate[] {
          new Coordinate(minX, minY),
          new Coordinate(maxX, minY),
          new Coordinate(maxX, maxY),
          new Coordinate(minX, maxY),
          new Coordinate(minX, minY)
        });
  }

  /**
   * A copy of the geometry with every coordinate rounded to the precision model (no topology
   * repair).
   */
  public static Geometry round(Geometry geometry, PrecisionModel precision) {
    return mapXy(
        geometry,
        (x, y, out) -> {
          out.x = precision.makePrecise(x);
          out.y = precision.makePrecise(y);
        });
  }

  /** A function of one x/y position that writes its result to {@code out}. */
  @FunctionalInterface
  public interface XyFunction {
    void apply(double x, double y, Coordinate out);
  }

  /** A copy of the geometry with every x/y position mapped by the function (the input is kept). */
  public static Geometry mapXy(Geometry geometry, XyFunction function) {
    Geometry copy = geometry.copy();
    Coordinate out = new Coordinate();
    copy.apply(
        new CoordinateSequenceFilter() {
          @Override
          public void filter(CoordinateSequence seq, int i) {
            function.apply(seq.getX(i), seq.getY(i), out);
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
    return copy;
  }
}
