package org.pcnatlas.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;

/**
 * District assignment: the City district is the (wobbly) disc around the City centre; every other
 * unit belongs to the nearest of four seeded district seeds. Districts are dissolved from their
 * units with {@link CoverageUnion}, so they are an exact coverage of the study area.
 */
final class Districts {
  static final double CITY_DISTRICT_RADIUS = 4_800;

  /** Relative amplitude of the third harmonic that makes the City boundary irregular. */
  static final double CITY_WOBBLE = 0.15;

  static final double SEED_BEARING_JITTER_DEGREES = 12;

  /** Seeds sit at this fraction of the county radius in their bearing. */
  static final double SEED_RADIUS = 0.55;

  private final Coordinate cityCentre;
  private final double wobblePhase;
  private final List<Coordinate> seeds = new ArrayList<>();

  Districts(Landscape landscape, SplittableRandom random) {
    this.cityCentre = landscape.city().centre();
    this.wobblePhase = random.nextDouble(2 * Math.PI);
    Coordinate centre = new Coordinate(Landscape.CENTRE_EASTING, Landscape.CENTRE_NORTHING);
    for (DistrictSpec spec : DistrictSpec.ALL) {
      if (spec.isCity()) {
        seeds.add(cityCentre);
      } else {
        double theta =
            Math.toRadians(
                spec.bearingDegrees()
                    + random.nextDouble(-SEED_BEARING_JITTER_DEGREES, SEED_BEARING_JITTER_DEGREES));
        seeds.add(Landscape.polar(centre, theta, Landscape.ellipseRadius(theta) * SEED_RADIUS));
      }
    }
  }

  /** The index in {@link DistrictSpec#ALL} of the district of a unit, from the unit's centroid. */
  int districtOf(Polygon unit) {
    Coordinate c = unit.getCentroid().getCoordinate();
    double theta = StrictMath.atan2(c.y - cityCentre.y, c.x - cityCentre.x);
    double cityRadius =
        CITY_DISTRICT_RADIUS * (1 + CITY_WOBBLE * StrictMath.sin(3 * theta + wobblePhase));
    if (c.distance(cityCentre) < cityRadius) {
      return cityIndex();
    }
    int best = -1;
    for (int d = 0; d < seeds.size(); d++) {
      if (!DistrictSpec.ALL.get(d).isCity()
          && (best < 0 || c.distance(seeds.get(d)) < c.distance(seeds.get(best)))) {
        best = d;
      }
    }
    return best;
  }

  /**
   * The district geometries, in {@link DistrictSpec#ALL} order: the coverage union of each
   * district's units.
   */
  static List<Geometry> dissolve(List<PopulationUnit> units) {
    List<Geometry> districts = new ArrayList<>();
    for (int d = 0; d < DistrictSpec.ALL.size(); d++) {
      List<Geometry> parts = new ArrayList<>();
      for (PopulationUnit u : units) {
        if (u.district() == d) {
          parts.add(u.polygon());
        }
      }
      if (parts.isEmpty()) {
        throw new IllegalStateException(
            "district " + DistrictSpec.ALL.get(d).name() + " has no population units");
      }
      Geometry district = CoverageUnion.union(parts.toArray(new Geometry[0]));
      if (!district.isValid()) {
        throw new IllegalStateException(
            "district " + DistrictSpec.ALL.get(d).name() + " is not valid");
      }
      districts.add(district);
    }
    return districts;
  }

  private static int cityIndex() {
    for (int d = 0; d < DistrictSpec.ALL.size(); d++) {
      if (DistrictSpec.ALL.get(d).isCity()) {
        return d;
      }
    }
    throw new IllegalStateException("no City district");
  }
}
