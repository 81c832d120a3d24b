package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.geo.GeometryRepair;

/**
 * The boundary every reader passes its geometries through: checks for missing, empty and
 * out-of-range geometries, transforms into the analysis CRS, rounds to the working precision and
 * repairs invalid geometries, recording each rejection and repair in the load report. Also gathers
 * the source extent and geometry types.
 *
 * <p>Out of range, in EPSG:27700: a geometry transformed from another CRS (longitude/latitude, or
 * another projection) must lie in {@link #GREAT_BRITAIN}, which catches swapped axes and a wrong
 * CRS; a geometry whose file is already in EPSG:27700 need only lie in {@link
 * #NATIONAL_GRID_DOMAIN}, where the projection is usable at all, so synthetic or offshore
 * coordinates beyond Great Britain load.
 */
final class Ingest {
  /**
   * Where EPSG:27700 coordinates of anything in Great Britain and its waters can lie (metres): the
   * check of geometries transformed from another CRS.
   */
  static final Envelope GREAT_BRITAIN = new Envelope(-200_000, 900_000, -200_000, 1_500_000);

  /**
   * Where the British National Grid can be used at all (metres): about 1,500 km either side of its
   * central meridian (2°W, easting 400,000), northings from 1,000 km south of its origin to 2,500
   * km north of it. Transverse Mercator grows too distorted beyond. The check of files already in
   * EPSG:27700.
   */
  static final Envelope NATIONAL_GRID_DOMAIN =
      new Envelope(-1_100_000, 1_900_000, -1_000_000, 2_500_000);

  private final String fileName;
  private final CrsTransform transform;
  private final boolean geographicSource;
  private final Envelope allowed;
  private final LoadReport report;
  private final Envelope sourceBbox = new Envelope();
  private final TreeSet<String> geometryTypes = new TreeSet<>();

  Ingest(Path file, int sourceEpsg, int targetEpsg, LoadReport report) {
    this.fileName = file.getFileName().toString();
    this.transform = CrsTransform.between(sourceEpsg, targetEpsg);
    this.geographicSource = Crs.isGeographic(sourceEpsg);
    this.allowed =
        targetEpsg != Crs.BNG ? null : sourceEpsg == Crs.BNG ? NATIONAL_GRID_DOMAIN : GREAT_BRITAIN;
    this.report = report;
  }

  /**
   * The CRS of a file's coordinates: the one it declares, checked against the one given with {@code
   * --crs}; when the file declares none, the given one (null when neither is known).
   *
   * @param declarer what declares the CRS, for the message ("the file", "subicb22.prj", "table x")
   * @throws LoadException naming the file when both are known and differ
   */
  static Integer reconcileCrs(Path file, String declarer, Integer declared, Integer given) {
    if (declared != null && given != null && !declared.equals(given)) {
      throw new LoadException(
          file,
          declarer
              + " declares "
              + Crs.label(declared)
              + " but "
              + Crs.label(given)
              + " was given");
    }
    return declared != null ? declared : given;
  }

  /** "file.csv:row 12", the location format of every problem. */
  String location(String unit, long number) {
    return fileName + ":" + unit + " " + number;
  }

  /**
   * The geometry in the analysis CRS, or null when it was rejected (and reported).
   *
   * @param source geometry in source coordinates, or null when the feature has none
   */
  Geometry accept(Geometry source, String location) {
    if (source == null) {
      report.add(ProblemCode.MISSING_GEOMETRY, location, "no geometry");
      return null;
    }
    if (source.isEmpty()) {
      report.add(ProblemCode.EMPTY_GEOMETRY, location, "empty " + source.getGeometryType());
      return null;
    }
    for (Coordinate c : source.getCoordinates()) {
      if (!Double.isFinite(c.x) || !Double.isFinite(c.y)) {
        report.add(
            ProblemCode.UNPARSABLE_COORDINATES,
            location,
            "non-finite coordinate " + c.x + " " + c.y);
        return null;
      }
      if (geographicSource && (Math.abs(c.x) > 180 || Math.abs(c.y) > 90)) {
        report.add(
            ProblemCode.UNPARSABLE_COORDINATES,
            location,
            "coordinate "
                + c.x
                + " "
                + c.y
                + " is not a longitude/latitude (the file's CRS is "
                + Crs.label(transform.source())
                + "; give the right CRS if it is projected)");
        return null;
      }
    }
    Geometry working = transform.apply(source);
    Envelope extent = working.getEnvelopeInternal();
    if (!Double.isFinite(extent.getMinX())
        || !Double.isFinite(extent.getMaxY())
        || (allowed != null && !allowed.contains(extent))) {
      report.add(
          ProblemCode.UNPARSABLE_COORDINATES,
          location,
          outOfRangeMessage(source.getEnvelopeInternal()));
      return null;
    }
    GeometryRepair.Outcome outcome = GeometryRepair.repair(working, GeoUtils.MILLIMETRE);
    if (outcome.geometry().isEmpty()) {
      report.add(
          ProblemCode.EMPTY_GEOMETRY,
          location,
          "geometry is empty after repair (" + outcome.reason() + ")");
      return null;
    }
    if (outcome.repaired()) {
      report.add(ProblemCode.GEOMETRY_REPAIRED, location, outcome.reason());
    }
    sourceBbox.expandToInclude(source.getEnvelopeInternal());
    geometryTypes.add(source.getGeometryType());
    Geometry result = outcome.geometry();
    result.setSRID(transform.target());
    return result;
  }

  private String outOfRangeMessage(Envelope source) {
    return "coordinates "
        + fmt(source)
        + " in "
        + Crs.label(transform.source())
        + (allowed == NATIONAL_GRID_DOMAIN
            ? " fall outside the area where the British National Grid can be used (eastings"
                + " -1,100,000 to 1,900,000, northings -1,000,000 to 2,500,000; are the columns or"
                + " the CRS wrong?)"
            : " fall outside Great Britain and its waters"
                + " (are the columns or the CRS wrong, or latitude and longitude swapped?)");
  }

  private static String fmt(Envelope e) {
    return e.getWidth() == 0 && e.getHeight() == 0
        ? e.getMinX() + " " + e.getMinY()
        : "[" + e.getMinX() + ", " + e.getMinY() + ", " + e.getMaxX() + ", " + e.getMaxY() + "]";
  }

  Envelope sourceBbox() {
    return sourceBbox;
  }

  List<String> geometryTypes() {
    return List.copyOf(geometryTypes);
  }
}
