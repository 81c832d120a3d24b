package org.pcnatlas.catchment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.pcnatlas.catchment.CatchmentTesting.assertCoverage;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.coverage.CoverageValidator;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.load.CsvPointReader;
import org.pcnatlas.load.CsvPreset;
import org.pcnatlas.load.GeoJsonReader;
import org.pcnatlas.load.PracticeLoader;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.Practice;
import org.pcnatlas.testing.OpenData;

/** Voronoi catchments of the real practices in the real districts (../shared/opendata). */
class VoronoiCatchmentsOpenDataTest {
  private static final VoronoiCatchments VORONOI = new VoronoiCatchments();

  private static List<Practice> practices(String file, CsvPreset preset) {
    return PracticeLoader.load(
            new CsvPointReader().read(OpenData.require(file), ReadOptions.defaults()),
            PracticeLoader.Columns.of(preset),
            null,
            null,
            null)
        .practices();
  }

  /** The union of the districts of a boundary file, in EPSG:27700. */
  private static Geometry unionOfDistricts(String file) {
    List<Geometry> districts =
        new GeoJsonReader()
            .read(OpenData.require(file), ReadOptions.defaults()).layer().features().stream()
                .map(Feature::geometry)
                .toList();
    return Catchments.union(districts);
  }

  @Test
  void oxfordshirePracticesCoverTheCounty() {
    List<Practice> practices =
        practices("derived/practices_oxfordshire_joined.csv", CsvPreset.PRACTICES_JOINED);
    Geometry county = unionOfDistricts("boundaries/lad_may2024_buc_oxfordshire.geojson");
    CatchmentSet set = VORONOI.compute(practices, county);

    assertThat(practices).hasSize(64);
    assertThat(set.pcns()).hasSize(22);
    assertThat(set.pcns()).filteredOn(c -> c.pcnCode().equals("U")).hasSize(1);
    assertThat(set.pcns()).allSatisfy(c -> assertThat(c.geometry().isEmpty()).isFalse());
    assertThat(set.overlapping()).isFalse();
    assertCoverage(set.pcns().stream().map(Catchment::geometry).toList(), county, 1e-9);
    VoronoiCatchmentsTest.assertPracticesInTheirCells(set, practices, county);
    VoronoiCatchmentsTest.assertNearestPracticeAgrees(
        set, practices, county, new SplittableRandom(64), 10_000);
  }

  @Test
  @Tag("slow")
  void englandPracticesCoverEngland() {
    List<Practice> practices =
        practices(
            "gp_practices/swahsn_practice_pcn_geocoded_lookup_2024-01.csv",
            CsvPreset.SWAHSN_PRACTICE_LOOKUP);
    Geometry england = unionOfDistricts("boundaries/lad_may2024_buc_england.geojson");
    assertThat(practices).hasSize(6325);

    VORONOI.compute(practices, england); // warm-up, so the second run times the work
    long start = System.nanoTime();
    CatchmentSet set = VORONOI.compute(practices, england);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "voronoi England: %d practices, %d PCNs, region %d vertices: %.3f s (warm)%n",
        practices.size(),
        set.pcns().size(),
        england.getNumPoints(),
        seconds);

    List<Geometry> cells = VoronoiCatchmentsTest.distinctCells(set, practices);
    Geometry[] coverage = cells.stream().filter(g -> !g.isEmpty()).toArray(Geometry[]::new);
    assertThat(Arrays.asList(CoverageValidator.validate(coverage))).containsOnlyNulls();
    double cellArea = cells.stream().mapToDouble(Geometry::getArea).sum();
    assertThat(cellArea).isCloseTo(england.getArea(), within(england.getArea() * 1e-6));
    double sharedExtra =
        set.notes().stream().filter(n -> n.contains("belong to PCNs")).count() > 0
            ? set.pcns().stream().mapToDouble(c -> c.geometry().getArea()).sum() - cellArea
            : 0;
    assertThat(sharedExtra).isGreaterThanOrEqualTo(-england.getArea() * 1e-6);
    assertThat(set.pcns()).allSatisfy(c -> assertThat(c.geometry().isValid()).isTrue());
  }
}
