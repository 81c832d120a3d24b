package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKTReader;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.testing.RandomWorkload;

/** The grid answer of "does the study area cover this point" against JTS's prepared polygon. */
class AreaCoverTest {
  private static Geometry wkt(String text) {
    try {
      return new WKTReader(GeoUtils.FACTORY).read(text);
    } catch (ParseException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** Random points over the envelope, plus every vertex, every segment midpoint and the corners. */
  private static List<Point> probes(Geometry area, SplittableRandom random, int n) {
    List<Point> out = new ArrayList<>();
    var env = area.getEnvelopeInternal();
    for (int i = 0; i < n; i++) {
      double x = random.nextDouble(env.getMinX() - 100, env.getMaxX() + 100);
      double y = random.nextDouble(env.getMinY() - 100, env.getMaxY() + 100);
      out.add(
          GeoUtils.point(GeoUtils.MILLIMETRE.makePrecise(x), GeoUtils.MILLIMETRE.makePrecise(y)));
    }
    Coordinate[] cs = area.getCoordinates();
    for (int i = 0; i < cs.length; i++) {
      out.add(GeoUtils.point(cs[i].x, cs[i].y));
      if (i + 1 < cs.length) {
        out.add(GeoUtils.point((cs[i].x + cs[i + 1].x) / 2, (cs[i].y + cs[i + 1].y) / 2));
        out.add(GeoUtils.point(cs[i].x, cs[i + 1].y));
      }
    }
    out.add(GeoUtils.point(env.getMinX(), env.getMinY()));
    out.add(GeoUtils.point(env.getMaxX(), env.getMaxY()));
    out.add(GeoUtils.point(env.getMaxX(), env.getMinY()));
    out.add(GeoUtils.FACTORY.createPoint());
    return out;
  }

  private static void agree(Geometry area, SplittableRandom random, int n) {
    PreparedGeometry prepared = PreparedGeometryFactory.prepare(area);
    AreaCover cover = AreaCover.of(area);
    int covered = 0;
    for (Point p : probes(area, random, n)) {
      boolean expected = prepared.covers(p);
      assertThat(cover.covers(p)).as("%s in %s", p, area.getGeometryType()).isEqualTo(expected);
      covered += expected ? 1 : 0;
    }
    assertThat(covered).isPositive();
  }

  @Test
  void seededRandomStudyAreas() {
    for (int seed = 1; seed <= 4; seed++) {
      RandomWorkload w = RandomWorkload.generate(seed, 50, 10, 5, 10);
      agree(w.region(), new SplittableRandom(seed), 100_000);
    }
  }

  @Test
  void rectanglesHolesMultipolygonsAndOddShapes() {
    SplittableRandom random = new SplittableRandom(5);
    for (String text :
        new String[] {
          "POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0))",
          "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (20 20, 20 80, 80 80, 80 20, 20 20))",
          "MULTIPOLYGON (((0 0, 10 0, 10 10, 0 10, 0 0)), ((20 0, 30 0, 30 10, 20 10, 20 0)))",
          "POLYGON ((0 0, 1000 1, 0 2, 0 0))",
          "POLYGON ((0 0, 1000 0, 1000 0.5, 0 0))",
          "POLYGON ((0 0, 10 0, 10 10, 5 3, 0 10, 0 0))",
          "POLYGON ((-1 -1, 1 -1, 1 1, -1 1, -1 -1))",
        }) {
      agree(wkt(text), random, 20_000);
    }
    assertThat(AreaCover.of(wkt("POLYGON EMPTY")).covers(GeoUtils.point(0, 0))).isFalse();
  }

  @Test
  void aStudyAreaWithAFractalEdge() {
    SplittableRandom random = new SplittableRandom(9);
    int n = 20_000;
    Coordinate[] ring = new Coordinate[n + 1];
    double r = 10_000;
    for (int k = 0; k < n; k++) {
      r = Math.max(4_000, Math.min(16_000, r + random.nextDouble(-150, 150)));
      double a = 2 * Math.PI * k / n;
      ring[k] =
          new Coordinate(
              GeoUtils.MILLIMETRE.makePrecise(450_000 + r * Math.cos(a)),
              GeoUtils.MILLIMETRE.makePrecise(200_000 + r * Math.sin(a)));
    }
    ring[n] = ring[0];
    Geometry star = GeoUtils.FACTORY.createPolygon(ring);
    assertThat(star.isValid()).isTrue();
    agree(star, random, 300_000);
  }
}
