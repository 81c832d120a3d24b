package org.pcnatlas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.pcnatlas.cli.AnalyseCommandTest.csv;
import static org.pcnatlas.cli.CliRun.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.testing.OpenData;

/**
 * The Oxfordshire run of docs/oxfordshire.md on the real open data: 64 practices in 21 PCNs and the
 * unallocated practice, the five districts in three network areas, Census 2021 residents at the ONS
 * population-weighted LSOA centroids. Expected figures are derived here from the source files (the
 * ONS LSOA -> district lookup, the practices' own district column), not from the program.
 */
class OxfordshireAnalyseTest {
  static final Set<String> OXFORDSHIRE =
      Set.of("E07000177", "E07000178", "E07000179", "E07000180", "E07000181");

  @TempDir static Path out;
  static Path practices;
  static JsonNode summary;
  static List<Map<String, String>> pcns;

  @BeforeAll
  static void analyseOxfordshire() throws IOException {
    practices = OpenData.require("derived/practices_oxfordshire_joined.csv");
    CliRun r =
        run(
            "analyse",
            "--out",
            out.toString(),
            "--practices",
            practices.toString(),
            "--districts",
            OpenData.require("boundaries/lad_may2024_buc_oxfordshire.geojson").toString(),
            "--network-areas",
            "docs/oxfordshire/network_areas.csv",
            "--population",
            OpenData.require("lsoa/lsoa21_pwc_ew_bng.csv").toString(),
            "--population-counts",
            OpenData.require("population/census2021_usual_residents_by_lsoa21_age6_england.csv")
                .toString(),
            "--unit-attributes",
            OpenData.require("deprivation/imd2025_england_lsoa21.csv").toString(),
            "--unit-attributes",
            OpenData.require("population/census2021_usual_residents_by_lsoa21_age6_england.csv")
                .toString(),
            "--profile-domains",
            "Income,Health");
    assertThat(r.exit()).as(r.err()).isZero();
    summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
    pcns = csv(out.resolve("pcns.csv"));
  }

  @Test
  void twentyOnePcnsAndTheUnallocatedPracticeEachHaveACatchment() {
    assertThat(summary.get("counts").get("practices").asInt()).isEqualTo(64);
    assertThat(pcns).hasSize(22);
    assertThat(pcns)
        .extracting(r -> r.get("pcn_code"))
        .contains("U", "U83604")
        .doesNotHaveDuplicates();
    assertThat(pcns).allMatch(r -> Double.parseDouble(r.get("area_km2")) > 0);
    assertThat(summary.get("totals").get("registered_list").asLong()).isEqualTo(825_993);
  }

  @Test
  void everyCensusResidentOfTheStudyAreaIsInExactlyOneCatchment() {
    Map<String, Long> census = new HashMap<>();
    for (Map<String, String> row :
        csv(OpenData.require("population/census2021_usual_residents_by_lsoa21_age6_england.csv"))) {
      census.put(row.get("lsoa21_code"), Long.parseLong(row.get("total_usual_residents")));
    }
    Set<String> oxfordshire = new HashSet<>();
    for (Map<String, String> row :
        csv(OpenData.require("lookups/lookup_lsoa21_ward24_ltla24_ew.csv"))) {
      if (OXFORDSHIRE.contains(row.get("ltla24_code"))) {
        oxfordshire.add(row.get("lsoa21_code"));
      }
    }
    long oxfordshireResidents = oxfordshire.stream().mapToLong(census::get).sum();
    assertThat(oxfordshire).hasSize(429);
    assertThat(oxfordshireResidents).isEqualTo(727_187);
    // The generalised (BUC) district outlines also take in the centroid of one Reading LSOA,
    // E01016363 (Caversham, 1,947 residents); docs/oxfordshire.md says so.
    long expected = oxfordshireResidents + census.get("E01016363");
    assertThat(summary.get("totals").get("resident_population").asLong()).isEqualTo(expected);
    assertThat(summary.get("counts").get("population_units").asInt()).isEqualTo(430);
    JsonNode voronoi = summary.get("methods").get(0);
    assertThat(voronoi.get("resident_population_in_catchments").asLong()).isEqualTo(expected);
    assertThat(voronoi.get("resident_population_outside_catchments").asLong()).isZero();
    assertThat(voronoi.get("units_in_several_catchments").asInt()).isZero();
    long perPcn = pcns.stream().mapToLong(r -> Long.parseLong(r.get("resident_population"))).sum();
    assertThat(perPcn).isEqualTo(expected);
  }

  @Test
  void aPcnWhosePracticesAllLieInOneDistrictHasThatDistrictAsDominant() {
    Map<String, Set<String>> districtsOfPcn = new TreeMap<>();
    for (Map<String, String> row : csv(practices)) {
      districtsOfPcn
          .computeIfAbsent(row.get("PCN_CODE"), k -> new HashSet<>())
          .add(row.get("LAD24_CODE"));
    }
    Map<String, String> dominant =
        pcns.stream()
            .collect(
                Collectors.toMap(r -> r.get("pcn_code"), r -> r.get("dominant_district_code")));
    int checked = 0;
    for (Map.Entry<String, Set<String>> e : districtsOfPcn.entrySet()) {
      if (e.getValue().size() == 1 && dominant.containsKey(e.getKey())) {
        assertThat(dominant.get(e.getKey()))
            .as(e.getKey())
            .isEqualTo(e.getValue().iterator().next());
        checked++;
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(15);
    assertThat(dominant.get("U83604")).as("Bicester PCN").isEqualTo("E07000177");
  }

  @Test
  void theTwoDecileOneLsoasLandInTheCatchmentThatHoldsTheirCentroids() throws Exception {
    // from the source files: the two Oxford LSOAs of IMD 2025 decile 1, their residents and their
    // population-weighted centroids
    Map<String, Long> residents = new HashMap<>();
    for (Map<String, String> r :
        csv(OpenData.require("population/census2021_usual_residents_by_lsoa21_age6_england.csv"))) {
      residents.put(r.get("lsoa21_code"), Long.parseLong(r.get("total_usual_residents")));
    }
    Set<String> oxfordshire = new HashSet<>();
    for (Map<String, String> row :
        csv(OpenData.require("lookups/lookup_lsoa21_ward24_ltla24_ew.csv"))) {
      if (OXFORDSHIRE.contains(row.get("ltla24_code"))) {
        oxfordshire.add(row.get("lsoa21_code"));
      }
    }
    Set<String> decileOne = new HashSet<>();
    for (Map<String, String> r : csv(OpenData.require("deprivation/imd2025_england_lsoa21.csv"))) {
      if (r.get("IMD_decile").equals("1") && oxfordshire.contains(r.get("lsoa21_code"))) {
        decileOne.add(r.get("lsoa21_code"));
      }
    }
    Map<String, org.locationtech.jts.geom.Point> centroid = new HashMap<>();
    for (Map<String, String> r : csv(OpenData.require("lsoa/lsoa21_pwc_ew_bng.csv"))) {
      String code = r.get(r.containsKey("LSOA21CD") ? "LSOA21CD" : r.keySet().iterator().next());
      if (decileOne.contains(code)) {
        centroid.put(
            code,
            org.pcnatlas.geo.GeoUtils.point(
                Double.parseDouble(r.get("x")), Double.parseDouble(r.get("y"))));
      }
    }
    assertThat(centroid.keySet()).containsExactlyInAnyOrder("E01028568", "E01028569");
    // the catchment holding both centroids
    JsonNode fc = new ObjectMapper().readTree(out.resolve("catchments.geojson").toFile());
    org.pcnatlas.crs.CrsTransform toWgs =
        org.pcnatlas.crs.CrsTransform.between(org.pcnatlas.crs.Crs.BNG, org.pcnatlas.crs.Crs.WGS84);
    String holder = null;
    for (JsonNode f : fc.get("features")) {
      org.locationtech.jts.geom.Geometry g =
          new org.locationtech.jts.io.geojson.GeoJsonReader().read(f.get("geometry").toString());
      if (centroid.values().stream().allMatch(c -> g.contains(toWgs.apply(c)))) {
        holder = f.get("properties").get("pcn_code").asText();
      }
    }
    assertThat(holder).isNotNull();
    long expected = residents.get("E01028568") + residents.get("E01028569");
    for (Map<String, String> r : pcns) {
      double d1 = Double.parseDouble(r.get("imd_decile_1"));
      if (r.get("pcn_code").equals(holder)) {
        assertThat(d1).isEqualTo((double) expected);
        assertThat(Double.parseDouble(r.get("core20_share"))).isGreaterThan(0);
      } else {
        assertThat(d1).as(r.get("pcn_code")).isZero();
      }
      // every PCN's age bands add up to its residents (the Census total is the sum of its bands)
      double bands = 0;
      for (String b :
          List.of("age_0_15", "age_16_24", "age_25_34", "age_35_49", "age_50_64", "age_65_plus")) {
        bands += Double.parseDouble(r.get(b));
      }
      assertThat(bands)
          .as(r.get("pcn_code"))
          .isEqualTo(Double.parseDouble(r.get("resident_population")));
      assertThat(r.get("income_core20_share")).isNotEmpty();
    }
  }

  @Test
  void networkAreasFollowTheDistricts() {
    Map<String, String> byPcn =
        pcns.stream().collect(Collectors.toMap(r -> r.get("pcn_code"), r -> r.get("network_area")));
    assertThat(byPcn.get("U83604")).isEqualTo("North");
    assertThat(summary.get("counts").get("areas").get("network-areas").asInt()).isEqualTo(3);
  }
}
