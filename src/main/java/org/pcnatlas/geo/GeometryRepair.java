package org.pcnatlas.geo;

import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.geom.util.GeometryFixer;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.locationtech.jts.operation.valid.TopologyValidationError;
import org.locationtech.jts.precision.GeometryPrecisionReducer;

/**
 * The one repair path for incoming geometries: round to the precision model; if the result is
 * invalid, fix it with JTS {@link GeometryFixer} and reduce it to the precision model again.
 * Callers count every repair through the returned {@link Outcome}.
 */
public final class GeometryRepair {
  private GeometryRepair() {}

  /**
   * The repaired geometry and, when a repair was needed, why ({@code reason} is null when the
   * geometry was valid).
   */
  public record Outcome(Geometry geometry, String reason) {
    public boolean repaired() {
      return reason != null;
    }
  }

  public static Outcome repair(Geometry geometry, PrecisionModel precision) {
    Geometry rounded = GeoUtils.round(geometry, precision);
    IsValidOp op = new IsValidOp(rounded);
    TopologyValidationError error = op.getValidationError();
    if (error == null) {
      return new Outcome(rounded, null);
    }
    Geometry fixed = GeometryFixer.fix(geometry);
    Geometry reduced = GeometryPrecisionReducer.reduce(fixed, precision);
    String where =
        error.getCoordinate() == null
            ? ""
            : " near " + fmt(error.getCoordinate().x) + " " + fmt(error.getCoordinate().y);
    return new Outcome(reduced, error.getMessage() + where);
  }

  private static String fmt(double v) {
    return String.format(java.util.Locale.ROOT, "%.6f", v)
        .replaceAll("0+$", "")
        .replaceAll("\\.$", "");
  }
}
