package org.pcnatlas.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

class DemoCountyTest {
  private static DemoCounty county;

  @BeforeAll
  static void generate() {
    county = DemoCounty.generate(DemoCounty.DEFAULT_SEED);
  }

  @Test
  void sameSeedWritesIdenticalBytes(@TempDir Path tmp) throws IOException {
    Path a = tmp.resolve("a");
    Path b = tmp.resolve("b");
    List<Path> written = DemoWriter.write(county, a);
    DemoWriter.write(DemoCounty.generate(DemoCounty.DEFAULT_SEED), b);

    assertThat(written).allSatisfy(f -> assertThat(f).isRegularFile());
    assertThat(fileNames(a))
        .contains(
            "README.md",
            "practices.csv",
            "registrations.csv",
            "lsoas.geojson",
            "districts.geojson",
            "study_area.geojson",
            "lsoa_centroids.csv",
            "network_area_lookup.csv",
            "demo.gpkg",
            "districts_shp/districts.shp",
            "districts_shp/districts.shx",
            "districts_shp/districts.dbf",
            "districts_shp/districts.prj",
            "districts_shp/districts.cpg");
    assertThat(fileNames(b)).isEqualTo(fileNames(a));
    for (String name : fileNames(a)) {
      assertThat(Files.readAllBytes(b.resolve(name)))
          .as(name)
          .isEqualTo(Files.readAllBytes(a.resolve(name)));
    }
  }

  @Test
  void differentSeedGivesDifferentCounty() {
    DemoCounty other = DemoCounty.generate(DemoCounty.DEFAULT_SEED + 1);

    assertThat(
            other
                .lsoas()
                .features()
                .get(0)
                .geometry()
                .equalsExact(county.lsoas().features().get(0).geometry()))
        .isFalse();
  }

  @Test
  void studyAreaIsOnePolygonInInlandEngland() {
    Geometry area = studyArea();

    assertThat(area.getGeometryType()).isEqualTo("Polygon");
    assertThat(area.isValid()).isTrue();
    assertThat(area.getEnvelopeInternal().getMinX()).isGreaterThanOrEqualTo(430_000);
    assertThat(area.getEnvelopeInternal().getMaxX()).isLessThanOrEqualTo(480_000);
    assertThat(area.getEnvelopeInternal().getMinY()).isGreaterThanOrEqualTo(190_000);
    assertThat(area.getEnvelopeInternal().getMaxY()).isLessThanOrEqualTo(250_000);
  }

  @Test
  void districtsAreAValidCoverageOfTheStudyArea() {
    assertExactCoverage(county.districts());
    assertThat(county.districts().size()).isEqualTo(5);
  }

  @Test
  void populationUnitsAreAValidCoverageOfTheStudyArea() {
    assertExactCoverage(county.lsoas());
    assertThat(county.lsoas().size()).isBetween(350, 450);
    assertThat(county.lsoas().features())
        .allSatisfy(
            f -> {
              assertThat(f.geometry().getGeometryType()).isEqualTo("Polygon");
              assertThat((Long) f.properties().get("population")).isBetween(1_000L, 3_000L);
            });
  }

  @Test
  void everyPopulationUnitLiesInExactlyOneDistrict() {
    for (Feature unit : county.lsoas().features()) {
      long covering =
          county.districts().features().stream()
              .filter(d -> d.geometry().covers(unit.geometry()))
              .count();
      long overlapping =
          county.districts().features().stream()
              .filter(d -> d.geometry().intersection(unit.geometry()).getArea() > 0)
              .count();
      assertThat(covering).as(unit.id()).isEqualTo(1);
      assertThat(overlapping).as(unit.id()).isEqualTo(1);
    }
  }

  @Test
  void everyCentroidLiesInsideItsUnit() {
    List<Feature> units = county.lsoas().features();
    List<Feature> centroids = county.lsoaCentroids().features();

    assertThat(centroids).hasSameSizeAs(units);
    for (int i = 0; i < units.size(); i++) {
      assertThat(centroids.get(i).id()).isEqualTo(units.get(i).id());
      assertThat(units.get(i).geometry().contains(centroids.get(i).geometry()))
          .as(units.get(i).id())
          .isTrue();
    }
  }

  @Test
  void practicesAreGroupedInAboutTwentyPcnsPlusOneUnallocated() {
    Map<String, List<Feature>> byPcn = practicesByPcn();

    assertThat(county.practices().size()).isBetween(60, 80);
    assertThat(byPcn.get(Practices.UNALLOCATED_CODE))
        .singleElement()
        .satisfies(f -> assertThat(f.text("pcn_name")).isEqualTo("Unallocated"));
    assertThat(byPcn).hasSizeBetween(18 + 1, 22 + 1);
    byPcn.forEach(
        (code, practices) -> {
          if (!code.equals(Practices.UNALLOCATED_CODE)) {
            assertThat(code).hasSize(6);
            assertThat(practices).as(code).hasSizeBetween(2, 5);
          }
        });
    assertThat(county.practices().features()).extracting(Feature::id).doesNotHaveDuplicates();
  }

  @Test
  void everyPracticeLiesInsideTheStudyArea() {
    Geometry area = studyArea();

    assertThat(county.practices().features())
        .allSatisfy(f -> assertThat(area.contains(f.geometry())).isTrue());
  }

  @Test
  void pcnListSizesSpanTheBandsWithMostBetween30kAnd50k() {
    Map<String, Long> sizes = new TreeMap<>(DemoWriter.pcnListSizes(county.practices()));
    sizes.remove(Practices.UNALLOCATED_CODE);
    Map<String, Long> bands =
        sizes.values().stream()
            .collect(Collectors.groupingBy(DemoReadme::band, TreeMap::new, Collectors.counting()));

    assertThat(bands).containsKeys("under 30k", "30k-50k", "over 50k");
    assertThat(bands.get("30k-50k")).isGreaterThan(sizes.size() / 2);
  }

  @Test
  void registrationsSumToEachPracticeListSize() {
    Map<String, Long> registered =
        county.registrations().features().stream()
            .collect(
                Collectors.groupingBy(
                    f -> f.text("PRACTICE_CODE"),
                    TreeMap::new,
                    Collectors.summingLong(f -> (Long) f.properties().get("NUMBER_OF_PATIENTS"))));

    assertThat(county.registrations().attributes().keySet())
        .containsExactly(
            "PUBLICATION",
            "EXTRACT_DATE",
            "PRACTICE_CODE",
            "PRACTICE_NAME",
            "LSOA_CODE",
            "SEX",
            "NUMBER_OF_PATIENTS");
    assertThat(county.registrations().features())
        .allSatisfy(
            f -> {
              assertThat((Long) f.properties().get("NUMBER_OF_PATIENTS")).isPositive();
              assertThat(f.text("SEX")).isEqualTo("ALL");
            });
    for (Feature p : county.practices().features()) {
      assertThat(registered.get(p.id())).as(p.id()).isEqualTo(p.properties().get("list_size"));
    }
  }

  @Test
  void registeredPatientsAreAboutFivePercentAboveTheResidents() {
    long population = sum(county.lsoas(), "population");
    long registered = sum(county.registrations(), "NUMBER_OF_PATIENTS");

    assertThat((double) registered / population)
        .isCloseTo(GravityModel.REGISTRATION_RATIO, within(0.001));
  }

  @Test
  void networkAreasGroupTheFiveDistrictsIntoThree() {
    Map<String, Long> areas =
        county.districts().features().stream()
            .collect(
                Collectors.groupingBy(
                    f -> f.text("network_area"), TreeMap::new, Collectors.counting()));

    assertThat(areas)
        .containsExactlyEntriesOf(new TreeMap<>(Map.of("City", 1L, "North", 2L, "South", 2L)));
    assertThat(county.networkAreaLookup().features())
        .extracting(f -> f.text("district_code"))
        .containsExactlyElementsOf(
            county.districts().features().stream().map(Feature::id).toList());
  }

  @Test
  void shapefileLayerUsesShortFieldNames() {
    FeatureLayer shp = county.districtsForShapefile();

    assertThat(shp.attributes().keySet()).containsExactly("dist_code", "dist_name", "net_area");
    assertThat(shp.features().get(0).text("dist_code")).isEqualTo("E07999001");
  }

  @Test
  void coordinatesAreRoundedToTheMillimetre() {
    for (FeatureLayer layer : county.geoPackageLayers()) {
      for (Feature f : layer.features()) {
        for (var c : f.geometry().getCoordinates()) {
          assertThat(c.x * 1000).as(layer.name()).isEqualTo(Math.rint(c.x * 1000));
          assertThat(c.y * 1000).as(layer.name()).isEqualTo(Math.rint(c.y * 1000));
        }
      }
    }
    assertThat(county.lsoaCentroids().features())
        .allSatisfy(f -> assertThat(f.geometry() instanceof Point).isTrue());
  }

  private static void assertExactCoverage(FeatureLayer layer) {
    Geometry[] polygons = layer.features().stream().map(Feature::geometry).toArray(Geometry[]::new);
    assertThat(CoverageValidator.isValid(polygons)).as(layer.name()).isTrue();
    assertThat(CoverageValidator.validate(polygons)).as(layer.name()).containsOnlyNulls();
    double sum = Stream.of(polygons).mapToDouble(Geometry::getArea).sum();
    double area = studyArea().getArea();
    assertThat(Math.abs(sum - area) / area).as(layer.name()).isLessThan(1e-9);
    assertThat(Stream.of(polygons)).allSatisfy(g -> assertThat(g.isValid()).isTrue());
    assertThat(studyArea().covers(polygons[0])).isTrue();
  }

  private static Geometry studyArea() {
    return county.studyArea().features().get(0).geometry();
  }

  private static Map<String, List<Feature>> practicesByPcn() {
    return county.practices().features().stream()
        .collect(Collectors.groupingBy(f -> f.text("pcn_code"), TreeMap::new, Collectors.toList()));
  }

  private static long sum(FeatureLayer layer, String property) {
    return layer.features().stream().mapToLong(f -> (Long) f.properties().get(property)).sum();
  }

  private static List<String> fileNames(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> dir.relativize(p).toString())
          .sorted()
          .toList();
    }
  }
}
