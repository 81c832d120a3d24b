package org.pcnatlas.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;

/**
 * A seeded random workload in EPSG:27700, about 30 km across: an irregular study area with a lake,
 * districts that are an exact coverage of it (the Voronoi catchments of a few seeds), practices in
 * PCNs (every tenth sharing the site of the previous practice, a few outside the study area) and
 * population centroids (a few outside).
 */
public record RandomWorkload(
    Polygon region, AreaLayer districts, List<Practice> practices, List<PopulationUnit> units) {

  public static final double CENTRE_X = 450_000;
  public static final double CENTRE_Y = 200_000;

  public static RandomWorkload generate(
      long seed, int practices, int pcns, int districts, int units) {
    SplittableRandom random = new SplittableRandom(seed);
    Polygon region = region(random);
    return new RandomWorkload(
        region,
        districts(random, region, districts),
        practices(random, region, practices, pcns),
        units(random, region, units));
  }

  private static double mm(double v) {
    return GeoUtils.MILLIMETRE.makePrecise(v);
  }

  private static Polygon region(SplittableRandom random) {
    int n = 120;
    Coordinate[] shell = new Coordinate[n + 1];
    for (int i = 0; i < n; i++) {
      double angle = 2 * Math.PI * i / n;
      double r = 15_000 * (0.6 + 0.5 * random.nextDouble());
      shell[i] =
          new Coordinate(mm(CENTRE_X + r * Math.cos(angle)), mm(CENTRE_Y + r * Math.sin(angle)));
    }
    shell[n] = shell[0];
    LinearRing lake =
        GeoUtils.rectangle(CENTRE_X + 2_000, CENTRE_Y + 500, CENTRE_X + 4_000, CENTRE_Y + 2_200)
            .getExteriorRing();
    return GeoUtils.FACTORY.createPolygon(
        GeoUtils.FACTORY.createLinearRing(shell), new LinearRing[] {lake.reverse()});
  }

  private static AreaLayer districts(SplittableRandom random, Polygon region, int n) {
    List<Practice> seeds = new ArrayList<>();
    Envelope env = region.getEnvelopeInternal();
    for (int i = 0; i < n; i++) {
      String code = String.format("E07%06d", i + 1);
      seeds.add(
          new Practice(
              code,
              code,
              code,
              code,
              null,
              GeoUtils.point(
                  mm(random.nextDouble(env.getMinX(), env.getMaxX())),
                  mm(random.nextDouble(env.getMinY(), env.getMaxY()))),
              true));
    }
    List<Area> areas = new ArrayList<>();
    for (Catchment c : new VoronoiCatchments().compute(seeds, region).pcns()) {
      if (!c.geometry().isEmpty()) {
        areas.add(new Area(c.pcnCode(), "District " + c.pcnCode(), c.geometry(), null));
      }
    }
    return new AreaLayer("districts", areas);
  }

  private static List<Practice> practices(
      SplittableRandom random, Geometry region, int n, int pcns) {
    Envelope env = new Envelope(region.getEnvelopeInternal());
    env.expandBy(500);
    List<Practice> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String code = String.format("P%05d", i);
      if (i % 10 == 9) {
        Practice previous = out.get(i - 1);
        out.add(
            new Practice(
                code,
                "Practice " + code,
                previous.pcnCode(),
                previous.pcnName(),
                1000L,
                previous.location(),
                true));
        continue;
      }
      String pcn = String.format("U%05d", random.nextInt(pcns));
      out.add(
          new Practice(
              code,
              "Practice " + code,
              pcn,
              pcn + " PCN",
              1000L + random.nextInt(9000),
              GeoUtils.point(
                  Math.round(random.nextDouble(env.getMinX(), env.getMaxX())),
                  Math.round(random.nextDouble(env.getMinY(), env.getMaxY()))),
              true));
    }
    return out;
  }

  private static List<PopulationUnit> units(SplittableRandom random, Geometry region, int n) {
    Envelope env = region.getEnvelopeInternal();
    List<PopulationUnit> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String code = String.format("E01%06d", i + 1);
      double x = Math.round(random.nextDouble(env.getMinX(), env.getMaxX()) * 100) / 100.0;
      double y = Math.round(random.nextDouble(env.getMinY(), env.getMaxY()) * 100) / 100.0;
      out.add(
          new PopulationUnit(code, code, 950 + random.nextInt(2250), GeoUtils.point(x, y), null));
    }
    return out;
  }
}
