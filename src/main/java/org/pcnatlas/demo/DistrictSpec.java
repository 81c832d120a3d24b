package org.pcnatlas.demo;

import java.util.List;

/**
 * A fictional district of the demo county: synthetic code, name, the stem of its LSOA names, its
 * network area and the bearing (degrees anticlockwise from east) of its seed from the county centre
 * (NaN for the City, which is the area around the City centre instead).
 */
record DistrictSpec(
    String code, String name, String lsoaStem, String networkArea, double bearingDegrees) {
  static final String NORTH = "North";
  static final String CITY = "City";
  static final String SOUTH = "South";

  /**
   * The five districts, in code order; the first is the City. Like Oxfordshire: North 2, City 1,
   * South 2.
   */
  static final List<DistrictSpec> ALL =
      List.of(
          new DistrictSpec("E07999001", "Kingsford City", "Kingsford", CITY, Double.NaN),
          new DistrictSpec("E07999002", "Northvale", "Northvale", NORTH, 60),
          new DistrictSpec("E07999003", "Southdown", "Southdown", SOUTH, 320),
          new DistrictSpec("E07999004", "Vale of Ashbury", "Vale of Ashbury", SOUTH, 245),
          new DistrictSpec("E07999005", "Westmarsh", "Westmarsh", NORTH, 165));

  boolean isCity() {
    return Double.isNaN(bearingDegrees);
  }
}
