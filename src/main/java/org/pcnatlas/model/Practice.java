package org.pcnatlas.model;

import java.util.Objects;
import org.locationtech.jts.geom.Point;

/**
 * A GP practice: its ODS code, name, the PCN it belongs to, its registered list size (null when
 * unknown), and its site in the analysis CRS.
 *
 * @param insideStudyArea false for a practice whose site lies outside the study area (reported,
 *     kept)
 */
public record Practice(
    String code,
    String name,
    String pcnCode,
    String pcnName,
    Long listSize,
    Point location,
    boolean insideStudyArea) {

  /** The PCN code of practices that belong to no PCN (NHS "Unallocated"). */
  public static final String UNALLOCATED = "U";

  public Practice {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(pcnCode, "pcnCode");
    Objects.requireNonNull(location, "location");
  }

  public boolean unallocated() {
    return UNALLOCATED.equals(pcnCode);
  }
}
