package org.pcnatlas.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.CatchmentTesting;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.UnitAttributeLoader;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.ProfileSpec;
import org.pcnatlas.model.SizeBands;
import org.pcnatlas.model.UnitAttributes;

/** The profile of who lives in a catchment: by hand, by brute force, and its totals. */
class ProfilesTest {
  static final List<String> AGES =
      List.of("age_0_15", "age_16_24", "age_25_34", "age_35_49", "age_50_64", "age_65_plus");

  static UnitAttributes.Column col(String name, UnitAttributes.Kind kind) {
    return new UnitAttributes.Column(name, kind, "test.csv");
  }

  static List<UnitAttributes.Column> columns() {
    List<UnitAttributes.Column> cs = new ArrayList<>();
    cs.add(col("IMD_decile", UnitAttributes.Kind.DECILE));
    cs.add(col("IMD_score", UnitAttributes.Kind.MEAN));
    cs.add(col("Income_decile", UnitAttributes.Kind.DECILE));
    cs.add(col("Income_score", UnitAttributes.Kind.MEAN));
    for (String a : AGES) {
      cs.add(col(a, UnitAttributes.Kind.COUNT));
    }
    return cs;
  }

  static PopulationUnit unit(String code, long people) {
    return new PopulationUnit(code, code, people, GeoUtils.point(0, 0), null);
  }

  @Test
  void core20_share_mean_score_and_ages_of_a_hand_fixture() {
    // A: 1,000 in decile 1, score 50; B: 3,000 in decile 2, score 30; C: 4,000 in decile 7,
    // score 10; D: 2,000 with no deprivation row. Core20 = (1,000 + 3,000) / 8,000 = 0.5;
    // mean score = (50,000 + 90,000 + 40,000) / 8,000 = 22.5
    Map<String, double[]> rows = new HashMap<>();
    rows.put("A", new double[] {1, 50, 3, 40, 200, 100, 100, 200, 200, 200});
    rows.put("B", new double[] {2, 30, 1, 60, 600, 300, 300, 600, 600, 600});
    rows.put("C", new double[] {7, 10, 9, 5, 800, 400, 400, 800, 800, 800});
    rows.put(
        "D",
        new double[] {
          Double.NaN, Double.NaN, Double.NaN, Double.NaN, 400, 200, 200, 400, 400, 400
        });
    Profiles p =
        Profiles.of(new ProfileSpec(new UnitAttributes(columns(), rows), List.of("Income")));
    double[] sums = new double[p.width()];
    for (String code : List.of("A", "B", "C", "D")) {
      long people =
          code.equals("A") ? 1000 : code.equals("B") ? 3000 : code.equals("C") ? 4000 : 2000;
      Profiles.add(sums, p.vector(unit(code, people)), 1);
    }
    Map<String, Double> f = p.figures(sums);
    assertThat(f.get("core20_share")).isCloseTo(0.5, within(1e-12));
    assertThat(f.get("imd_mean_score")).isCloseTo(22.5, within(1e-12));
    assertThat(f.get("imd_decile_1")).isEqualTo(1000.0);
    assertThat(f.get("imd_decile_2")).isEqualTo(3000.0);
    assertThat(f.get("imd_decile_7")).isEqualTo(4000.0);
    assertThat(f.get("imd_decile_10")).isEqualTo(0.0);
    // Income: B (decile 1) only is in the most deprived 20%: 3,000 / 8,000
    assertThat(f.get("income_core20_share")).isCloseTo(0.375, within(1e-12));
    assertThat(f.get("income_mean_score"))
        .isCloseTo((40.0 * 1000 + 60 * 3000 + 5 * 4000) / 8000, within(1e-12));
    // ages: 10,000 in all bands; under 16: 2,000; 65+: 2,000
    assertThat(f.get("age_0_15")).isEqualTo(2000.0);
    assertThat(f.get("share_under_16")).isCloseTo(0.2, within(1e-12));
    assertThat(f.get("share_65_plus")).isCloseTo(0.2, within(1e-12));
    // nothing to weigh: null, not 0
    Map<String, Double> none = p.empty();
    assertThat(none.get("core20_share")).isNull();
    assertThat(none.get("age_0_15")).isEqualTo(0.0);
  }

  @Test
  void a_domain_without_columns_is_an_error_naming_the_domains_there() {
    UnitAttributes a = new UnitAttributes(columns(), Map.of());
    assertThatThrownBy(() -> Profiles.of(new ProfileSpec(a, List.of("Crime"))))
        .hasMessageContaining("--profile-domains")
        .hasMessageContaining("Crime_decile")
        .hasMessageContaining("IMD, Income");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void catchment_profiles_agree_with_brute_force_and_every_band_is_conserved(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Geometry region = CatchmentTesting.irregularRegion(random);
    List<Practice> practices = CatchmentTesting.randomPractices(random, 40, 8, region);
    AreaLayer districts = RandomAnalysisTest.districts(region);
    List<PopulationUnit> units = RandomAnalysisTest.units(random, region, 1_500);
    Map<String, double[]> rows = new HashMap<>();
    for (PopulationUnit u : units) {
      if (random.nextInt(20) == 0) {
        continue; // some units without a row
      }
      double[] v = new double[columns().size()];
      v[0] = random.nextInt(1, 11);
      v[1] = random.nextDouble(0, 90);
      v[2] = random.nextInt(1, 11);
      v[3] = random.nextDouble(0, 1);
      // the bands split the unit's residents
      long left = u.population();
      for (int b = 0; b < AGES.size(); b++) {
        long n = b == AGES.size() - 1 ? left : random.nextLong(0, left + 1);
        v[4 + b] = n;
        left -= n;
      }
      rows.put(u.code(), v);
    }
    List<Pcn> pcns = org.pcnatlas.load.PracticeLoader.pcns(practices);
    ProfileSpec spec = new ProfileSpec(new UnitAttributes(columns(), rows), List.of("Income"));
    AnalysisInputs in =
        new AnalysisInputs(
            practices,
            pcns,
            region,
            districts,
            List.of(),
            units,
            PopulationAllocation.Mode.POINTS,
            List.of(new VoronoiCatchments()),
            SizeBands.NHS,
            new LoadReport(),
            spec);
    AnalysisResult.MethodResult m = Analysis.run(in).methods().get(0);

    // brute force: each unit to the PCN of its nearest practice, summed by hand
    Map<String, double[]> hand = new TreeMap<>(); // residents, dec1+2, known, score*r, 65+, bands
    for (PopulationUnit u : units) {
      Practice nearest = null;
      double best = Double.POSITIVE_INFINITY;
      for (Practice p : practices) {
        double d = p.location().distance(u.centroid());
        if (d < best) {
          best = d;
          nearest = p;
        }
      }
      double[] h = hand.computeIfAbsent(nearest.pcnCode(), k -> new double[6]);
      double[] v = rows.get(u.code());
      h[0] += u.population();
      if (v != null) {
        h[1] += v[0] <= 2 ? u.population() : 0;
        h[2] += u.population();
        h[3] += v[1] * u.population();
        h[4] += v[9];
        for (int b = 0; b < AGES.size(); b++) {
          h[5] += v[4 + b];
        }
      }
    }
    double[] bandTotals = new double[AGES.size()];
    for (PcnFigures f : m.pcns()) {
      double[] h = hand.get(f.pcnCode());
      if (h == null || h[2] == 0) {
        continue;
      }
      assertThat(f.profile().get("core20_share"))
          .as(f.pcnCode())
          .isCloseTo(h[1] / h[2], within(1e-9));
      assertThat(f.profile().get("imd_mean_score"))
          .as(f.pcnCode())
          .isCloseTo(h[3] / h[2], within(1e-9));
      assertThat(f.profile().get("age_65_plus")).isCloseTo(h[4], within(1e-6));
      assertThat(f.profile().get("share_65_plus")).isCloseTo(h[4] / h[5], within(1e-9));
      for (int b = 0; b < AGES.size(); b++) {
        bandTotals[b] += f.profile().get(AGES.get(b));
      }
      // the deciles add up to the residents with a decile
      double deciles = 0;
      for (int d = 1; d <= 10; d++) {
        deciles += f.profile().get("imd_decile_" + d);
      }
      assertThat(deciles).isCloseTo(h[2], within(1e-6));
      // the pairs of a PCN add up to it, band by band
      double pairs65 =
          m.pairs().get(Analysis.DISTRICTS).stream()
              .filter(p -> p.pair().pcnCode().equals(f.pcnCode()))
              .mapToDouble(p -> p.profile().get("age_65_plus"))
              .sum();
      assertThat(pairs65).isCloseTo(f.profile().get("age_65_plus"), within(1e-6));
    }
    // totals conserved: every band's residents over the catchments are the units' own
    for (int b = 0; b < AGES.size(); b++) {
      double units65 = 0;
      for (double[] v : rows.values()) {
        units65 += v[4 + b];
      }
      assertThat(bandTotals[b]).as(AGES.get(b)).isCloseTo(units65, within(1e-6));
    }
  }

  @Test
  void the_loader_reads_the_presets_and_reports_what_it_leaves_out(@TempDir Path dir)
      throws Exception {
    Path imd = dir.resolve("imd.csv");
    Files.writeString(
        imd,
        "\"lsoa21_code\",\"IMD_decile\",\"IMD_rank\",\"IMD_score\"\n"
            + "\"E1\",1,10,55.5\n\"E2\",11,20,NA\n\"E2\",3,30,3\n\"\",2,2,2\n");
    LoadReport report = new LoadReport();
    UnitAttributes a = UnitAttributeLoader.read(imd, null, report);
    assertThat(a.columns())
        .extracting(UnitAttributes.Column::name)
        .containsExactly("IMD_decile", "IMD_score");
    assertThat(a.columns().get(0).kind()).isEqualTo(UnitAttributes.Kind.DECILE);
    assertThat(a.of("E1")).containsExactly(1, 55.5);
    // decile 11 is no decile: missing, and reported; the repeated E2 keeps the first row
    assertThat(Double.isNaN(a.of("E2")[0])).isTrue();
    String text = report.problems().toString();
    assertThat(text)
        .contains(
            "IMD_rank left out",
            "not a decile 1-10",
            "E2 appears again",
            "no value in lsoa21_code");

    Path ages = dir.resolve("ages.csv");
    Files.writeString(
        ages,
        "lsoa21_code,lsoa21_name,total_usual_residents,age_0_15,age_65_plus,note\n"
            + "E1,One,100,20,30,x\n");
    LoadReport r2 = new LoadReport();
    UnitAttributes b = UnitAttributeLoader.read(ages, null, r2);
    assertThat(b.columns())
        .extracting(UnitAttributes.Column::name)
        .containsExactly("age_0_15", "age_65_plus");
    assertThat(r2.problems().toString())
        .contains("total_usual_residents left out", "note left out");
    UnitAttributes both = a.and(b);
    assertThat(both.of("E1")).containsExactly(1, 55.5, 20, 30);
    assertThat(Double.isNaN(both.of("E2")[2])).isTrue();
    assertThatThrownBy(() -> a.and(a)).hasMessageContaining("IMD_decile is in both");
  }
}
