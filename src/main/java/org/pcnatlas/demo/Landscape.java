package org.pcnatlas.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.pcnatlas.geo.GeoUtils;

/**
 * The shape of the demo county: an irregular study-area polygon (a perturbed ellipse in British
 * National Grid) and its towns (one City near the middle, five market towns around it).
 */
final class Landscape {
  static final double CENTRE_EASTING = 455_000;
  static final double CENTRE_NORTHING = 220_000;

  /**
   * Semi-axes of the unperturbed ellipse; with {@link #MAX_PERTURBATION} the county stays in
   * 430-480 km E, 190-250 km N.
   */
  static final double SEMI_AXIS_EASTING = 23_000;

  static final double SEMI_AXIS_NORTHING = 27_000;
  static final int BOUNDARY_VERTICES = 84;

  /** Harmonics 2..6 of the radius, each with an amplitude in [MIN, MAX) and a random phase. */
  static final int FIRST_HARMONIC = 2;

  static final int LAST_HARMONIC = 6;
  static final double MIN_HARMONIC_AMPLITUDE = 0.005;
  static final double MAX_HARMONIC_AMPLITUDE = 0.02;

  /** Relative jitter of each boundary vertex's radius. */
  static final double VERTEX_JITTER = 0.012;

  static final double MAX_PERTURBATION = 0.08;

  static final double CITY_MAX_OFFSET = 2_500;
  static final double CITY_SPREAD = 2_200;
  static final int CITY_UNITS = 110;
  static final double TOWN_SPREAD = 900;
  static final int MIN_TOWN_UNITS = 34;
  static final int MAX_TOWN_UNITS = 46;

  /**
   * Market towns sit at 55-70 % of the radius, 72 degrees apart (plus jitter) starting from the
   * north.
   */
  static final double MIN_TOWN_RADIUS = 0.55;

  static final double MAX_TOWN_RADIUS = 0.70;
  static final double TOWN_BEARING_JITTER_DEGREES = 12;

  private final Polygon boundary;
  private final PreparedGeometry prepared;
  private final List<Town> towns;

  private Landscape(Polygon boundary, List<Town> towns) {
    this.boundary = boundary;
    this.prepared = PreparedGeometryFactory.prepare(boundary);
    this.towns = List.copyOf(towns);
  }

  /** Draws the study area, then the towns. */
  static Landscape generate(SplittableRandom random) {
    Polygon boundary = boundary(random);
    return new Landscape(boundary, towns(random));
  }

  /**
   * The drawn study-area polygon (before it is re-derived as the union of the population units).
   */
  Polygon boundary() {
    return boundary;
  }

  List<Town> towns() {
    return towns;
  }

  Town city() {
    return towns.get(0);
  }

  boolean contains(Coordinate c) {
    return prepared.contains(GeoUtils.point(c.x, c.y));
  }

  /** The town whose centre is nearest (ties to the first). */
  Town nearestTown(Coordinate c) {
    Town best = towns.get(0);
    for (Town t : towns) {
      if (t.centre().distance(c) < best.centre().distance(c)) {
        best = t;
      }
    }
    return best;
  }

  /**
   * The radius of the unperturbed ellipse in the direction {@code theta} (radians, anticlockwise
   * from east).
   */
  static double ellipseRadius(double theta) {
    double a = SEMI_AXIS_EASTING * StrictMath.sin(theta);
    double b = SEMI_AXIS_NORTHING * StrictMath.cos(theta);
    return SEMI_AXIS_EASTING * SEMI_AXIS_NORTHING / StrictMath.sqrt(a * a + b * b);
  }

  static Coordinate polar(Coordinate origin, double theta, double radius) {
    return new Coordinate(
        origin.x + radius * StrictMath.cos(theta), origin.y + radius * StrictMath.sin(theta));
  }

  private static Polygon boundary(SplittableRandom random) {
    int harmonics = LAST_HARMONIC - FIRST_HARMONIC + 1;
    double[] amplitude = new double[harmonics];
    double[] phase = new double[harmonics];
    for (int k = 0; k < harmonics; k++) {
      amplitude[k] = random.nextDouble(MIN_HARMONIC_AMPLITUDE, MAX_HARMONIC_AMPLITUDE);
      phase[k] = random.nextDouble(2 * Math.PI);
    }
    Coordinate centre = new Coordinate(CENTRE_EASTING, CENTRE_NORTHING);
    Coordinate[] ring = new Coordinate[BOUNDARY_VERTICES + 1];
    for (int i = 0; i < BOUNDARY_VERTICES; i++) {
      double theta = 2 * Math.PI * i / BOUNDARY_VERTICES;
      double perturbation = random.nextDouble(-VERTEX_JITTER, VERTEX_JITTER);
      for (int k = 0; k < harmonics; k++) {
        perturbation += amplitude[k] * StrictMath.sin((FIRST_HARMONIC + k) * theta + phase[k]);
      }
      perturbation = Math.max(-MAX_PERTURBATION, Math.min(MAX_PERTURBATION, perturbation));
      ring[i] = millimetre(polar(centre, theta, ellipseRadius(theta) * (1 + perturbation)));
    }
    ring[BOUNDARY_VERTICES] = ring[0].copy();
    return GeoUtils.FACTORY.createPolygon(ring);
  }

  private static List<Town> towns(SplittableRandom random) {
    List<Town> towns = new ArrayList<>();
    Coordinate cityCentre =
        new Coordinate(
            CENTRE_EASTING + random.nextDouble(-CITY_MAX_OFFSET, CITY_MAX_OFFSET),
            CENTRE_NORTHING + random.nextDouble(-CITY_MAX_OFFSET, CITY_MAX_OFFSET));
    towns.add(new Town(Names.TOWNS.get(0), millimetre(cityCentre), CITY_SPREAD, CITY_UNITS, true));
    int marketTowns = Names.TOWNS.size() - 1;
    for (int i = 0; i < marketTowns; i++) {
      double theta =
          Math.toRadians(
              90
                  + 360.0 * i / marketTowns
                  + random.nextDouble(-TOWN_BEARING_JITTER_DEGREES, TOWN_BEARING_JITTER_DEGREES));
      double radius = ellipseRadius(theta) * random.nextDouble(MIN_TOWN_RADIUS, MAX_TOWN_RADIUS);
      Coordinate centre = polar(new Coordinate(CENTRE_EASTING, CENTRE_NORTHING), theta, radius);
      int units = random.nextInt(MIN_TOWN_UNITS, MAX_TOWN_UNITS + 1);
      towns.add(new Town(Names.TOWNS.get(i + 1), millimetre(centre), TOWN_SPREAD, units, false));
    }
    return towns;
  }

  static Coordinate millimetre(Coordinate c) {
    return new Coordinate(
        GeoUtils.MILLIMETRE.makePrecise(c.x), GeoUtils.MILLIMETRE.makePrecise(c.y));
  }
}
