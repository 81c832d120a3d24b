package org.pcnatlas.catchment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.demo.DemoCounty;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.Practice;

/** Fixture builders and coverage assertions for the catchment tests. */
public final class CatchmentTesting {
  private CatchmentTesting() {}

  static final double CENTRE_X = 450_000;
  static final double CENTRE_Y = 200_000;

  static Practice practice(String code, String pcn, double x, double y) {
    return new Practice(code, "Practice " + code, pcn, pcn + " PCN", 1000L, point(x, y), true);
  }

  static Point point(double x, double y) {
    return GeoUtils.point(x, y);
  }

  static Polygon rectangle(double minX, double minY, double maxX, double maxY) {
    return GeoUtils.rectangle(minX, minY, maxX, maxY);
  }

  static Geometry wkt(String text) {
    try {
      return new WKTReader(GeoUtils.FACTORY).read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  static double mm(double v) {
    return GeoUtils.MILLIMETRE.makePrecise(v);
  }

  /**
   * An irregular star-shaped study area about 20 km across, with millimetre vertices and a lake (a
   * hole) east of the centre.
   */
  public static Polygon irregularRegion(SplittableRandom random) {
    int n = 60;
    Coordinate[] shell = new Coordinate[n + 1];
    for (int i = 0; i < n; i++) {
      double angle = 2 * Math.PI * i / n;
      double r = 10_000 * (0.6 + 0.6 * random.nextDouble());
      shell[i] =
          new Coordinate(mm(CENTRE_X + r * Math.cos(angle)), mm(CENTRE_Y + r * Math.sin(angle)));
    }
    shell[n] = shell[0];
    LinearRing lake =
        rectangle(CENTRE_X + 2_000, CENTRE_Y + 500, CENTRE_X + 3_500, CENTRE_Y + 1_700)
            .getExteriorRing();
    return GeoUtils.FACTORY.createPolygon(
        GeoUtils.FACTORY.createLinearRing(shell), new LinearRing[] {lake.reverse()});
  }

  /**
   * Random practices with millimetre coordinates over the region's envelope grown by 1 km (so a few
   * lie outside the region), in {@code pcnCount} PCNs (the last is the unallocated {@code U});
   * every tenth practice shares the site of the previous one, in the same PCN.
   */
  public static List<Practice> randomPractices(
      SplittableRandom random, int n, int pcnCount, Geometry region) {
    Envelope env = new Envelope(region.getEnvelopeInternal());
    env.expandBy(1_000);
    List<Practice> practices = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String code = String.format("P%05d", i);
      if (i % 10 == 9) {
        Practice previous = practices.get(i - 1);
        practices.add(
            practice(
                code, previous.pcnCode(), previous.location().getX(), previous.location().getY()));
        continue;
      }
      int pcn = random.nextInt(pcnCount);
      String pcnCode = pcn == pcnCount - 1 ? Practice.UNALLOCATED : String.format("U%05d", pcn);
      practices.add(
          practice(
              code,
              pcnCode,
              mm(random.nextDouble(env.getMinX(), env.getMaxX())),
              mm(random.nextDouble(env.getMinY(), env.getMaxY()))));
    }
    return practices;
  }

  /** The demo county's practices. */
  static List<Practice> demoPractices(DemoCounty county) {
    List<Practice> practices = new ArrayList<>();
    for (Feature f : county.practices().features()) {
      practices.add(
          new Practice(
              f.text("practice_code"),
              f.text("practice_name"),
              f.text("pcn_code"),
              f.text("pcn_name"),
              ((Number) f.properties().get("list_size")).longValue(),
              (Point) f.geometry(),
              true));
    }
    return practices;
  }

  static Geometry demoStudyArea(DemoCounty county) {
    return county.studyArea().features().get(0).geometry();
  }

  /**
   * The parts are a valid coverage of the region: CoverageValidator finds nothing, each part is
   * valid, their areas sum to the region's, their union is the region and no two overlap.
   */
  static void assertCoverage(List<Geometry> parts, Geometry region, double relativeTolerance) {
    Geometry[] coverage = parts.stream().filter(g -> !g.isEmpty()).toArray(Geometry[]::new);
    assertThat(coverage).allSatisfy(g -> assertThat(g.isValid()).isTrue());
    assertThat(Arrays.asList(CoverageValidator.validate(coverage))).containsOnlyNulls();
    double sum = Arrays.stream(coverage).mapToDouble(Geometry::getArea).sum();
    assertThat(sum).isCloseTo(region.getArea(), within(region.getArea() * relativeTolerance));
    Geometry union = CoverageUnion.union(coverage);
    assertThat(OverlayNGRobust.overlay(union, region, OverlayNG.SYMDIFFERENCE).getArea())
        .isLessThan(region.getArea() * relativeTolerance);
    assertNoOverlaps(coverage);
  }

  static void assertNoOverlaps(Geometry[] coverage) {
    for (int i = 0; i < coverage.length; i++) {
      for (int j = i + 1; j < coverage.length; j++) {
        if (coverage[i].getEnvelopeInternal().intersects(coverage[j].getEnvelopeInternal())) {
          double overlap =
              OverlayNGRobust.overlay(coverage[i], coverage[j], OverlayNG.INTERSECTION).getArea();
          assertThat(overlap).as("overlap of parts %d and %d", i, j).isLessThan(1e-6);
        }
      }
    }
  }
}
