package org.pcnatlas.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.render.MapRenderer.Decorations;
import org.pcnatlas.render.MapRenderer.Shape;

/**
 * Golden images of {@link MapRenderer}: three fixed views of a small synthetic fixture built here
 * (six square catchments, one of them the unallocated practices and one without residents, two
 * districts, practices, a coverage gap and overlap; no real data), drawn in the styles of {@code
 * styles.json} and compared with the PNGs under {@code
 * src/test/resources/org/pcnatlas/render/golden/}.
 *
 * <p>A picture matches its golden when it has the same size and at most {@value #MAX_DIFFERENT} of
 * its pixels differ by more than {@value #CHANNEL_TOLERANCE} in any channel (alpha included): text
 * antialiasing differs a little between machines and JDKs, a changed layer, layout or decoration
 * does not (a small shift of a fill's colour can pass: MapsApiTest checks the fills' exact
 * colours). The text is drawn in DejaVu Sans ({@link MapRenderer#FONT_FAMILY}); on a machine
 * without it (Debian: {@code apt-get install fonts-dejavu-core}) the tests are skipped.
 *
 * <p>On a mismatch the picture drawn is written to {@code target/golden-actual/NAME.png} beside the
 * golden for comparison. After a deliberate change to the renderer or the styles, rewrite the
 * goldens with
 *
 * <pre>mvn -B -o test -Dtest=MapRendererGoldenTest -Dgolden.update=true</pre>
 *
 * <p>and look at each one before committing it.
 */
class MapRendererGoldenTest {
  static final Path GOLDEN = Path.of("src/test/resources/org/pcnatlas/render/golden");
  static final Path ACTUAL = Path.of("target/golden-actual");
  static final double MAX_DIFFERENT = 0.005;
  static final int CHANNEL_TOLERANCE = 16;

  static final MapStyles STYLES = MapStyles.standard();

  /** The fixture's origin, in EPSG:27700 metres (somewhere in southern England). */
  static final double X0 = 440_000;

  static final double Y0 = 200_000;
  static final double CELL = 4_000;

  // ---- the fixture ----

  static Polygon square(double x, double y, double size) {
    return GeoUtils.FACTORY.createPolygon(
        new Coordinate[] {
          new Coordinate(x, y),
          new Coordinate(x + size, y),
          new Coordinate(x + size, y + size),
          new Coordinate(x, y + size),
          new Coordinate(x, y)
        });
  }

  /** A catchment's properties. */
  record Catchment(Geometry geometry, Map<String, Object> properties) {}

  static Map<String, Object> props(
      String code, String band, int residents, boolean straddles, double share) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("pcn_code", code);
    p.put("size_band", band);
    p.put("resident_population", residents);
    p.put("straddles", straddles);
    p.put("dominant_district_share", residents > 0 ? share : null);
    return p;
  }

  /** Six square catchments, three across and two down. */
  static List<Catchment> catchments() {
    List<Map<String, Object>> p =
        List.of(
            props("P1", "under-30k", 21_000, false, 1.0),
            props("P2", "30k-50k", 38_000, true, 0.62),
            props("P3", "over-50k", 64_000, true, 0.81),
            props("P4", "30k-50k", 45_000, false, 0.995),
            props("P5", "under-30k", 0, false, 0),
            props("U", "under-30k", 9_000, true, 0.7));
    List<Catchment> out = new ArrayList<>();
    for (int i = 0; i < p.size(); i++) {
      double x = X0 + (i % 3) * CELL;
      double y = Y0 + (1 - i / 3) * CELL;
      out.add(new Catchment(square(x, y, CELL), p.get(i)));
    }
    return out;
  }

  static Scale scale(String mode, List<Catchment> catchments) {
    return STYLES.scale(mode, catchments.stream().map(Catchment::properties).toList());
  }

  static List<Shape> catchmentShapes(List<Catchment> catchments, Scale scale, CrsTransform t) {
    List<Shape> out = new ArrayList<>();
    for (Catchment c : catchments) {
      out.add(
          new Shape(
              t.apply(c.geometry()),
              scale.colour(c.properties()),
              STYLES.catchmentFillOpacity(false),
              STYLES.catchmentStroke(),
              0));
    }
    return out;
  }

  /** Two districts, west and east, split across the middle column, labelled. */
  static List<Shape> districts(CrsTransform t) {
    List<Shape> out = new ArrayList<>();
    double[][] boxes = {{X0, X0 + 1.5 * CELL}, {X0 + 1.5 * CELL, X0 + 3 * CELL}};
    String[] names = {"Westshire", "Eastvale"};
    for (int i = 0; i < 2; i++) {
      Geometry g =
          GeoUtils.FACTORY.toGeometry(new Envelope(boxes[i][0], boxes[i][1], Y0, Y0 + 2 * CELL));
      Coordinate at = g.getCentroid().getCoordinate();
      Coordinate shown = t.isIdentity() ? at : t.apply(at.x, at.y);
      out.add(new Shape(t.apply(g), null, 0, STYLES.outline("districts"), 0, names[i], shown));
    }
    return out;
  }

  /** A practice near the middle of each catchment. */
  static List<Shape> practices(List<Catchment> catchments, CrsTransform t) {
    MapStyles.Area a = STYLES.practice();
    List<Shape> out = new ArrayList<>();
    for (Catchment c : catchments) {
      Coordinate m = c.geometry().getCentroid().getCoordinate();
      Geometry p = GeoUtils.point(m.x + 600, m.y - 900);
      out.add(
          new Shape(t.apply(p), a.fill(), a.fillOpacity(), a.stroke(), STYLES.practiceRadius()));
    }
    return out;
  }

  static final CrsTransform BNG = CrsTransform.between(Crs.BNG, Crs.BNG);

  static Envelope fixtureBox() {
    Envelope e = new Envelope(X0, X0 + 3 * CELL, Y0, Y0 + 2 * CELL);
    e.expandBy(CELL * 0.25);
    return e;
  }

  // ---- the views ----

  /** Size bands in EPSG:27700 with every decoration: the report picture of /map.png. */
  @Test
  void sizeBandsWithEveryDecoration() throws IOException {
    List<Catchment> c = catchments();
    Scale scale = scale("size-band", c);
    MapView view = MapView.fit(fixtureBox(), Crs.BNG, 480, 360);
    BufferedImage img =
        MapRenderer.render(
            view,
            List.of(catchmentShapes(c, scale, BNG), districts(BNG), practices(c, BNG)),
            new Decorations(
                "Synthetic fixture: size bands",
                scale,
                true,
                true,
                "pcn-atlas · synthetic fixture · analysed 2026-01-01"),
            Color.WHITE);
    assertMatchesGolden("size-bands-bng", img);
  }

  /**
   * Resident population in Web Mercator over a transparent background, with its legend's no-data
   * (no residents) and unallocated items and a scale bar in ground metres.
   */
  @Test
  void populationInWebMercatorOnATransparentBackground() throws IOException {
    List<Catchment> c = catchments();
    Scale scale = scale("population", c);
    CrsTransform toMercator = CrsTransform.between(Crs.BNG, Crs.WEB_MERCATOR);
    Envelope box = new Envelope();
    Envelope bng = fixtureBox();
    box.expandToInclude(toMercator.apply(bng.getMinX(), bng.getMinY()));
    box.expandToInclude(toMercator.apply(bng.getMaxX(), bng.getMaxY()));
    MapView view = MapView.fit(box, Crs.WEB_MERCATOR, 520, 360);
    BufferedImage img =
        MapRenderer.render(
            view,
            List.of(catchmentShapes(c, scale, toMercator), districts(toMercator)),
            new Decorations(null, scale, true, false, null),
            null);
    assertThat(scale.items())
        .extracting(Scale.Item::label)
        .contains("no residents", "unallocated practices (no PCN)");
    assertMatchesGolden("population-mercator-transparent", img);
  }

  /**
   * A scenario over its baseline (dotted baseline outlines, the changed PCN dashed) and the
   * coverage's gap and overlap, on a grey background, without decorations.
   */
  @Test
  void scenarioOverItsBaselineWithCoverageGapsAndOverlaps() throws IOException {
    List<Catchment> c = catchments();
    Scale scale = scale("alignment", c);
    List<Shape> baseline = new ArrayList<>();
    for (Catchment k : c) {
      baseline.add(new Shape(k.geometry(), null, 0, STYLES.baselineUnderScenario(), 0));
    }
    // the scenario moves P2's eastern half into P3
    List<Shape> scenario = new ArrayList<>();
    Set<String> changed = Set.of("P2", "P3");
    for (Catchment k : c) {
      Geometry g = k.geometry();
      String code = k.properties().get("pcn_code").toString();
      if (code.equals("P2")) {
        g =
            GeoUtils.FACTORY.toGeometry(
                new Envelope(X0 + CELL, X0 + 1.5 * CELL, Y0 + CELL, Y0 + 2 * CELL));
      } else if (code.equals("P3")) {
        g =
            GeoUtils.FACTORY.toGeometry(
                new Envelope(X0 + 1.5 * CELL, X0 + 3 * CELL, Y0 + CELL, Y0 + 2 * CELL));
      }
      MapStyles.Stroke stroke =
          changed.contains(code) ? STYLES.changedOutline() : STYLES.catchmentStroke();
      scenario.add(
          new Shape(
              g, scale.colour(k.properties()), STYLES.catchmentFillOpacity(false), stroke, 0));
    }
    MapStyles.Area gap = STYLES.coverage("gaps");
    MapStyles.Area overlap = STYLES.coverage("overlaps");
    List<Shape> coverage =
        List.of(
            new Shape(
                square(X0 + 0.3 * CELL, Y0 + 0.3 * CELL, 0.8 * CELL),
                gap.fill(),
                gap.fillOpacity(),
                gap.stroke(),
                0),
            new Shape(
                square(X0 + 1.8 * CELL, Y0 + 0.6 * CELL, 0.8 * CELL),
                overlap.fill(),
                overlap.fillOpacity(),
                overlap.stroke(),
                0));
    MapView view = MapView.fit(fixtureBox(), Crs.BNG, 320, 240);
    BufferedImage img =
        MapRenderer.render(
            view, List.of(scenario, baseline, coverage), Decorations.none(), new Color(0xeeeeee));
    assertMatchesGolden("scenario-coverage-bng", img);
  }

  // ---- comparing ----

  static void assertMatchesGolden(String name, BufferedImage actual) throws IOException {
    if ("true".equals(System.getenv("CI"))) {
      assertThat(MapRenderer.FONT_FAMILY)
          .as("under CI the goldens are compared: .ci/run must install fonts-dejavu-core")
          .isEqualTo("DejaVu Sans");
    }
    Assumptions.assumeTrue(
        MapRenderer.FONT_FAMILY.equals("DejaVu Sans"),
        "the goldens' text is DejaVu Sans; install fonts-dejavu-core to compare them");
    Path golden = GOLDEN.resolve(name + ".png");
    if (Boolean.getBoolean("golden.update")) {
      Files.createDirectories(GOLDEN);
      ImageIO.write(actual, "png", golden.toFile());
      return;
    }
    if (!Files.exists(golden)) {
      Path saved = save(name, actual);
      fail(
          "no golden image %s (the picture drawn is at %s); create it with"
              + " mvn -B -o test -Dtest=MapRendererGoldenTest -Dgolden.update=true",
          golden, saved);
    }
    BufferedImage expected = ImageIO.read(golden.toFile());
    if (expected.getWidth() != actual.getWidth() || expected.getHeight() != actual.getHeight()) {
      Path saved = save(name, actual);
      fail(
          "%s: the picture is %dx%d, the golden %dx%d (drawn: %s)",
          name,
          actual.getWidth(),
          actual.getHeight(),
          expected.getWidth(),
          expected.getHeight(),
          saved);
    }
    long different = 0;
    int worst = 0;
    for (int y = 0; y < actual.getHeight(); y++) {
      for (int x = 0; x < actual.getWidth(); x++) {
        int d = channelDifference(expected.getRGB(x, y), actual.getRGB(x, y));
        worst = Math.max(worst, d);
        if (d > CHANNEL_TOLERANCE) {
          different++;
        }
      }
    }
    long pixels = (long) actual.getWidth() * actual.getHeight();
    if (different > MAX_DIFFERENT * pixels) {
      Path saved = save(name, actual);
      fail(
          "%s: %d of %d pixels (%.2f%%, at most %.2f%% allowed) differ from %s by more than %d in"
              + " a channel (the most: %d); the picture drawn is at %s. If the change is meant,"
              + " rewrite the goldens with -Dgolden.update=true",
          name,
          different,
          pixels,
          100.0 * different / pixels,
          100 * MAX_DIFFERENT,
          golden,
          CHANNEL_TOLERANCE,
          worst,
          saved);
    }
  }

  /** The largest difference of one channel (alpha, red, green, blue) of two ARGB pixels. */
  static int channelDifference(int a, int b) {
    int max = 0;
    for (int shift = 0; shift <= 24; shift += 8) {
      max = Math.max(max, Math.abs(((a >>> shift) & 0xff) - ((b >>> shift) & 0xff)));
    }
    return max;
  }

  static Path save(String name, BufferedImage img) throws IOException {
    Files.createDirectories(ACTUAL);
    Path p = ACTUAL.resolve(name + ".png");
    ImageIO.write(img, "png", p.toFile());
    return p.toAbsolutePath();
  }

  @Test
  void channelDifferenceIsTheLargestOfTheFourChannels() {
    assertThat(channelDifference(0xff102030, 0xff102030)).isZero();
    assertThat(channelDifference(0xff102030, 0xfe152010)).isEqualTo(0x20);
    assertThat(channelDifference(0x00000000, 0xff000000)).isEqualTo(255);
  }
}
