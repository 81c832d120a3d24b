package org.pcnatlas.crs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.testing.OpenData;

/**
 * EPSG:27700 <-> EPSG:4326 agrees with PROJ's "OSGB36 to WGS 84 (6)" (the fixture recorded by
 * scripts/record-crs-fixture.sh with cct) to within 0.5 m, both ways.
 */
class CrsTransformTest {
  private static final double TOLERANCE_M = 0.5;

  record Probe(double easting, double northing, double lon, double lat) {}

  static List<Probe> fixture() throws IOException {
    try (InputStream in =
        CrsTransformTest.class.getResourceAsStream("/crs/osgb36_wgs84_helmert6.csv")) {
      List<Probe> probes = new ArrayList<>();
      String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
      for (int i = 1; i < lines.length; i++) {
        String[] f = lines[i].split(",");
        probes.add(
            new Probe(
                Double.parseDouble(f[0]),
                Double.parseDouble(f[1]),
                Double.parseDouble(f[2]),
                Double.parseDouble(f[3])));
      }
      return probes;
    }
  }

  /** Ground distance in metres between two nearby lon/lat positions. */
  static double metres(double lon1, double lat1, double lon2, double lat2) {
    double dy = (lat2 - lat1) * 111_320.0;
    double dx = (lon2 - lon1) * 111_320.0 * Math.cos(Math.toRadians((lat1 + lat2) / 2));
    return Math.hypot(dx, dy);
  }

  @Test
  void britishNationalGridToWgs84MatchesProj() throws IOException {
    CrsTransform t = CrsTransform.between(Crs.BNG, Crs.WGS84);
    List<Probe> probes = fixture();
    assertThat(probes).hasSizeGreaterThanOrEqualTo(10);
    for (Probe p : probes) {
      Coordinate c = t.apply(p.easting(), p.northing());
      assertThat(metres(c.x, c.y, p.lon(), p.lat())).as("probe %s", p).isLessThan(TOLERANCE_M);
    }
  }

  @Test
  void wgs84ToBritishNationalGridMatchesProj() throws IOException {
    CrsTransform t = CrsTransform.between(Crs.WGS84, Crs.BNG);
    for (Probe p : fixture()) {
      Coordinate c = t.apply(p.lon(), p.lat());
      assertThat(Math.hypot(c.x - p.easting(), c.y - p.northing()))
          .as("probe %s", p)
          .isLessThan(TOLERANCE_M);
    }
  }

  @Test
  void roundTripIsStableToTheCentimetre() throws IOException {
    CrsTransform there = CrsTransform.between(Crs.BNG, Crs.WGS84);
    CrsTransform back = CrsTransform.between(Crs.WGS84, Crs.BNG);
    for (Probe p : fixture()) {
      Coordinate ll = there.apply(p.easting(), p.northing());
      Coordinate en = back.apply(ll.x, ll.y);
      assertThat(Math.hypot(en.x - p.easting(), en.y - p.northing()))
          .isLessThan(0.01); // proj4j inverts the Helmert to about 1 mm
    }
  }

  @Test
  void transformsWholeGeometriesWithoutChangingTheInput() {
    Geometry square = GeoUtils.rectangle(450_000, 200_000, 451_000, 201_000);
    Geometry ll = CrsTransform.between(Crs.BNG, Crs.WGS84).apply(square);
    assertThat(square.getCoordinate().x).isEqualTo(450_000);
    assertThat(ll.getSRID()).isEqualTo(4326);
    assertThat(ll.getEnvelopeInternal().getMinX()).isBetween(-1.5, -1.0);
    assertThat((Object) CrsTransform.between(Crs.BNG, Crs.BNG).apply(square)).isSameAs(square);
  }

  /**
   * The ONS LSOA population-weighted centroids, in both BNG and (via ogr2ogr's default PROJ
   * pipeline) WGS84.
   */
  @Test
  void agreesWithOgr2ogrOnTheLsoaCentroids() throws IOException {
    Path file = OpenData.require("lsoa/lsoa21_pwc_england_wgs84_derived.csv");
    CrsTransform t = CrsTransform.between(Crs.BNG, Crs.WGS84);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).isEqualTo("LSOA21CD,lon,lat,easting,northing");
    double worst = 0;
    int n = 0;
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",");
      Coordinate c = t.apply(Double.parseDouble(f[3]), Double.parseDouble(f[4]));
      worst = Math.max(worst, metres(c.x, c.y, Double.parseDouble(f[1]), Double.parseDouble(f[2])));
      n++;
    }
    assertThat(n).isEqualTo(33_755);
    // the file's lon/lat have 6 decimals (about 0.1 m)
    assertThat(worst).isLessThan(TOLERANCE_M);
  }
}
