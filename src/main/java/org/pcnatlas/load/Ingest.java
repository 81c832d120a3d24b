package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.operation.valid.IsValidOp;
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
 *
 * <p>Each geometry is first {@linkplain #check checked}, which touches nothing shared and may run
 * on any thread, then {@linkplain #record recorded} in the order of the file, which adds its
 * problems to the report: so a reader can check its features in parallel and still report them in
 * file order.
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

  /** The CRS of the geometries this boundary takes. */
  int sourceEpsg() {
    return transform.source();
  }

  /** "file.csv:row 12", the location format of every problem. */
  String location(String unit, long number) {
    return fileName + ":" + unit + " " + number;
  }

  /**
   * What the boundary made of one geometry: the geometry in the analysis CRS, or null when it was
   * rejected; the problem to report (its rejection or its repair, null when neither); the source
   * extent and type of an accepted geometry.
   */
  record Checked(Geometry geometry, Problem problem, Envelope sourceExtent, String sourceType) {
    static Checked rejected(ProblemCode code, String location, String message) {
      return new Checked(null, new Problem(code, location, message), null, null);
    }
  }

  /**
   * The geometry in the analysis CRS, or null when it was rejected (and reported).
   *
   * @param source geometry in source coordinates, or null when the feature has none
   */
  Geometry accept(Geometry source, String location) {
    return record(check(source, location));
  }

  /** The same for a geometry as read ({@link RawGeometry}), or null when the feature has none. */
  Geometry accept(RawGeometry source, String location) {
    return record(check(source, location));
  }

  /**
   * The point at x, y in the analysis CRS, or null when it was rejected (and reported): {@link
   * #accept(Geometry, String)} of the point, without building it twice.
   */
  Geometry acceptPoint(double x, double y, Supplier<String> location) {
    return record(checkPoint(x, y, location));
  }

  /** Adds the problem of a checked geometry to the report, in the order this is called. */
  Geometry record(Checked checked) {
    if (checked.problem() != null) {
      Problem p = checked.problem();
      report.add(p.code(), p.location(), p.message());
    }
    if (checked.geometry() != null) {
      sourceBbox.expandToInclude(checked.sourceExtent());
      geometryTypes.add(checked.sourceType());
    }
    return checked.geometry();
  }

  /**
   * The boundary's work on one geometry; shares nothing, so features may be checked in parallel.
   */
  Checked check(Geometry source, String location) {
    if (source == null) {
      return Checked.rejected(ProblemCode.MISSING_GEOMETRY, location, "no geometry");
    }
    if (source.isEmpty()) {
      return Checked.rejected(
          ProblemCode.EMPTY_GEOMETRY, location, "empty " + source.getGeometryType());
    }
    for (Coordinate c : source.getCoordinates()) {
      String wrong = wrongCoordinate(c.x, c.y);
      if (wrong != null) {
        return Checked.rejected(ProblemCode.UNPARSABLE_COORDINATES, location, wrong);
      }
    }
    Geometry working = transform.apply(source);
    Envelope extent = working.getEnvelopeInternal();
    if (outOfRange(extent)) {
      return Checked.rejected(
          ProblemCode.UNPARSABLE_COORDINATES,
          location,
          outOfRangeMessage(source.getEnvelopeInternal()));
    }
    return repaired(
        GeometryRepair.repair(working, GeoUtils.MILLIMETRE),
        location,
        source.getEnvelopeInternal(),
        source.getGeometryType());
  }

  /**
   * {@link #check(Geometry, String)} of the geometry {@code source.build()} makes, with the same
   * result and problems; in the analysis CRS the geometry is built only once, already rounded, and
   * checked for validity before any copy is made for a repair.
   */
  Checked check(RawGeometry source, String location) {
    if (source == null) {
      return Checked.rejected(ProblemCode.MISSING_GEOMETRY, location, "no geometry");
    }
    if (!transform.isIdentity()) {
      return check(source.build(), location);
    }
    if (source.isEmpty()) {
      return Checked.rejected(
          ProblemCode.EMPTY_GEOMETRY, location, "empty " + source.geometryType());
    }
    String[] wrong = new String[1];
    source.visit(
        (x, y) -> {
          wrong[0] = wrongCoordinate(x, y);
          return wrong[0] == null;
        });
    if (wrong[0] != null) {
      return Checked.rejected(ProblemCode.UNPARSABLE_COORDINATES, location, wrong[0]);
    }
    Envelope extent = source.envelope();
    if (outOfRange(extent)) {
      return Checked.rejected(
          ProblemCode.UNPARSABLE_COORDINATES, location, outOfRangeMessage(extent));
    }
    Geometry rounded = source.build(GeoUtils.MILLIMETRE);
    GeometryRepair.Outcome outcome =
        new IsValidOp(rounded).isValid()
            ? new GeometryRepair.Outcome(rounded, null)
            : GeometryRepair.repair(source.build(), GeoUtils.MILLIMETRE);
    return repaired(outcome, location, extent, source.geometryType());
  }

  /**
   * {@link #check(Geometry, String)} of the point at x, y; the location is made only for a problem.
   */
  Checked checkPoint(double x, double y, Supplier<String> location) {
    if (!transform.isIdentity()) {
      return check(GeoUtils.point(x, y), location.get());
    }
    String wrong = wrongCoordinate(x, y);
    if (wrong != null) {
      return Checked.rejected(ProblemCode.UNPARSABLE_COORDINATES, location.get(), wrong);
    }
    Envelope extent = new Envelope(x, x, y, y);
    if (outOfRange(extent)) {
      return Checked.rejected(
          ProblemCode.UNPARSABLE_COORDINATES, location.get(), outOfRangeMessage(extent));
    }
    // a point with finite coordinates is valid: nothing to repair
    Geometry point =
        GeoUtils.FACTORY.createPoint(
            new Coordinate(GeoUtils.MILLIMETRE.makePrecise(x), GeoUtils.MILLIMETRE.makePrecise(y)));
    point.setSRID(transform.target());
    return new Checked(point, null, extent, "Point");
  }

  /** Why a source coordinate is rejected, or null when it is not. */
  private String wrongCoordinate(double x, double y) {
    if (!Double.isFinite(x) || !Double.isFinite(y)) {
      return "non-finite coordinate " + x + " " + y;
    }
    if (geographicSource && (Math.abs(x) > 180 || Math.abs(y) > 90)) {
      return "coordinate "
          + x
          + " "
          + y
          + " is not a longitude/latitude (the file's CRS is "
          + Crs.label(transform.source())
          + "; give the right CRS if it is projected)";
    }
    return null;
  }

  /** Whether the extent in the analysis CRS is not finite or outside where it may lie. */
  private boolean outOfRange(Envelope working) {
    return !Double.isFinite(working.getMinX())
        || !Double.isFinite(working.getMaxY())
        || (allowed != null && !allowed.contains(working));
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

  private Checked repaired(
      GeometryRepair.Outcome outcome, String location, Envelope sourceExtent, String sourceType) {
    if (outcome.geometry().isEmpty()) {
      return Checked.rejected(
          ProblemCode.EMPTY_GEOMETRY,
          location,
          "geometry is empty after repair (" + outcome.reason() + ")");
    }
    Geometry result = outcome.geometry();
    result.setSRID(transform.target());
    Problem repair =
        outcome.repaired()
            ? new Problem(ProblemCode.GEOMETRY_REPAIRED, location, outcome.reason())
            : null;
    return new Checked(result, repair, sourceExtent, sourceType);
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
