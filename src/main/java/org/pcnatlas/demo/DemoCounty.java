package org.pcnatlas.demo;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * A SYNTHETIC demo county, generated deterministically from a seed: the same seed gives the same
 * layers (and {@link DemoWriter} the same bytes). Every name and code is fictional. Geometries are
 * in EPSG:27700 with coordinates to the millimetre.
 *
 * <p>The study area is the exact union of the population units; districts are dissolved from the
 * units, so units, districts and study area are one exact coverage. Practice list sizes are the
 * sums of the registration counts.
 *
 * @param seed the seed it was generated from
 * @param studyArea one polygon ({@code name})
 * @param districts five districts ({@code district_code}, {@code district_name}, {@code
 *     network_area})
 * @param lsoas LSOA-like population units ({@code lsoa_code}, {@code lsoa_name}, {@code
 *     population})
 * @param lsoaCentroids population-weighted centroids of the units, points with the same properties
 * @param practices practice points ({@code practice_code}, {@code practice_name}, {@code pcn_code},
 *     {@code pcn_name}, {@code list_size})
 * @param registrations table (EPSG 0) of patients per practice and unit, in the NHS column layout
 * @param networkAreaLookup table (EPSG 0) of {@code district_code}, {@code network_area}
 */
public record DemoCounty(
    long seed,
    FeatureLayer studyArea,
    FeatureLayer districts,
    FeatureLayer lsoas,
    FeatureLayer lsoaCentroids,
    FeatureLayer practices,
    FeatureLayer registrations,
    FeatureLayer networkAreaLookup) {
  /** The seed of the committed demo data. */
  public static final long DEFAULT_SEED = 20261123L;

  public static final int EPSG = 27700;
  public static final String COUNTY_NAME = "Kingsfordshire";

  /**
   * LSOAs are numbered in groups of this many (like MSOAs), north to south within each district.
   */
  static final int UNITS_PER_MSOA = 5;

  static final String FIRST_LSOA_CODE = "E01990001";
  static final String PUBLICATION = "GP_PRAC_PAT_LIST";
  static final String EXTRACT_DATE = "01Nov2026";
  static final String SEX_ALL = "ALL";

  /** Generates the county from the seed. */
  public static DemoCounty generate(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    Landscape landscape = Landscape.generate(random);
    List<PopulationUnit> units = populationUnits(landscape, random);
    long[] registered =
        units.stream().mapToLong(u -> GravityModel.registered(u.population())).toArray();
    List<PracticePlan> plans = Practices.plan(landscape, sum(registered), random);
    long[][] counts =
        GravityModel.counts(
            units.stream().map(u -> u.centroid().getCoordinate()).toList(),
            registered,
            plans.stream().map(PracticePlan::location).toList(),
            plans.stream().mapToDouble(PracticePlan::target).toArray());
    List<Geometry> districts = Districts.dissolve(units);
    return new DemoCounty(
        seed,
        studyAreaLayer(units),
        districtLayer(districts),
        lsoaLayer(units, false),
        lsoaLayer(units, true),
        practiceLayer(plans, counts),
        registrationLayer(plans, units, counts),
        networkAreaLayer());
  }

  /** The layers of the GeoPackage: study area, districts, LSOAs, LSOA centroids, practices. */
  public List<FeatureLayer> geoPackageLayers() {
    return List.of(studyArea, districts, lsoas, lsoaCentroids, practices);
  }

  /**
   * The districts with Shapefile field names (10 characters at most): dist_code, dist_name,
   * net_area.
   */
  public FeatureLayer districtsForShapefile() {
    Map<String, String> rename = new LinkedHashMap<>();
    rename.put("district_code", "dist_code");
    rename.put("district_name", "dist_name");
    rename.put("network_area", "net_area");
    Map<String, AttributeType> attributes = new LinkedHashMap<>();
    districts.attributes().forEach((k, v) -> attributes.put(rename.get(k), v));
    List<Feature> features = new ArrayList<>();
    for (Feature f : districts.features()) {
      Map<String, Object> props = new LinkedHashMap<>();
      f.properties().forEach((k, v) -> props.put(rename.get(k), v));
      features.add(new Feature(f.index(), f.id(), f.geometry(), props));
    }
    return new FeatureLayer(districts.name(), districts.epsg(), attributes, features);
  }

  private static List<PopulationUnit> populationUnits(
      Landscape landscape, SplittableRandom random) {
    List<Polygon> cells =
        PopulationUnits.cells(landscape, PopulationUnits.sites(landscape, random));
    Districts districts = new Districts(landscape, random);
    List<PopulationUnit> draft = new ArrayList<>();
    for (Polygon cell : cells) {
      draft.add(
          new PopulationUnit(
              null,
              null,
              cell,
              PopulationUnits.population(random),
              PopulationUnits.populationCentroid(cell, landscape),
              districts.districtOf(cell)));
    }
    draft.sort(
        Comparator.comparingInt(PopulationUnit::district)
            .thenComparing(u -> -u.centroid().getY())
            .thenComparingDouble(u -> u.centroid().getX()));
    return named(draft);
  }

  /** Codes in order; names "{district stem} {MSOA number}{letter}", like ONS LSOA names. */
  private static List<PopulationUnit> named(List<PopulationUnit> sorted) {
    List<PopulationUnit> units = new ArrayList<>();
    long code = Long.parseLong(FIRST_LSOA_CODE.substring(1));
    int inDistrict = 0;
    for (int i = 0; i < sorted.size(); i++) {
      PopulationUnit u = sorted.get(i);
      inDistrict = i > 0 && sorted.get(i - 1).district() == u.district() ? inDistrict + 1 : 0;
      String name =
          String.format(
              Locale.ROOT,
              "%s %03d%c",
              DistrictSpec.ALL.get(u.district()).lsoaStem(),
              inDistrict / UNITS_PER_MSOA + 1,
              (char) ('A' + inDistrict % UNITS_PER_MSOA));
      String lsoaCode =
          FIRST_LSOA_CODE.charAt(0)
              + String.format(Locale.ROOT, "%0" + (FIRST_LSOA_CODE.length() - 1) + "d", code + i);
      units.add(
          new PopulationUnit(
              lsoaCode, name, u.polygon(), u.population(), u.centroid(), u.district()));
    }
    return units;
  }

  private static FeatureLayer studyAreaLayer(List<PopulationUnit> units) {
    Geometry union =
        CoverageUnion.union(units.stream().map(PopulationUnit::polygon).toArray(Geometry[]::new));
    if (!(union instanceof Polygon) || !union.isValid()) {
      throw new IllegalStateException("the population units do not dissolve to one valid polygon");
    }
    Map<String, Object> props = Map.of("name", COUNTY_NAME + " (synthetic demo county)");
    return new FeatureLayer(
        "study_area",
        EPSG,
        Map.of("name", AttributeType.STRING),
        List.of(new Feature(1, COUNTY_NAME, union, props)));
  }

  private static FeatureLayer districtLayer(List<Geometry> geometries) {
    List<Feature> features = new ArrayList<>();
    for (int d = 0; d < geometries.size(); d++) {
      DistrictSpec spec = DistrictSpec.ALL.get(d);
      features.add(
          new Feature(
              d + 1,
              spec.code(),
              geometries.get(d),
              properties(
                  "district_code",
                  spec.code(),
                  "district_name",
                  spec.name(),
                  "network_area",
                  spec.networkArea())));
    }
    return new FeatureLayer(
        "districts",
        EPSG,
        schema(
            "district_code",
            AttributeType.STRING,
            "district_name",
            AttributeType.STRING,
            "network_area",
            AttributeType.STRING),
        features);
  }

  private static FeatureLayer lsoaLayer(List<PopulationUnit> units, boolean centroids) {
    List<Feature> features = new ArrayList<>();
    for (int i = 0; i < units.size(); i++) {
      PopulationUnit u = units.get(i);
      features.add(
          new Feature(
              i + 1,
              u.code(),
              centroids ? u.centroid() : u.polygon(),
              properties(
                  "lsoa_code", u.code(), "lsoa_name", u.name(), "population", u.population())));
    }
    return new FeatureLayer(
        centroids ? "lsoa_centroids" : "lsoas",
        EPSG,
        schema(
            "lsoa_code",
            AttributeType.STRING,
            "lsoa_name",
            AttributeType.STRING,
            "population",
            AttributeType.INTEGER),
        features);
  }

  private static FeatureLayer practiceLayer(List<PracticePlan> plans, long[][] counts) {
    List<Feature> features = new ArrayList<>();
    for (int p = 0; p < plans.size(); p++) {
      PracticePlan plan = plans.get(p);
      long listSize = 0;
      for (long[] row : counts) {
        listSize += row[p];
      }
      features.add(
          new Feature(
              p + 1,
              plan.code(),
              GeoUtils.point(plan.location().x, plan.location().y),
              properties(
                  "practice_code",
                  plan.code(),
                  "practice_name",
                  plan.name(),
                  "pcn_code",
                  plan.pcnCode(),
                  "pcn_name",
                  plan.pcnName(),
                  "list_size",
                  listSize)));
    }
    return new FeatureLayer(
        "practices",
        EPSG,
        schema(
            "practice_code",
            AttributeType.STRING,
            "practice_name",
            AttributeType.STRING,
            "pcn_code",
            AttributeType.STRING,
            "pcn_name",
            AttributeType.STRING,
            "list_size",
            AttributeType.INTEGER),
        features);
  }

  /** One row per practice and unit with patients, ordered by practice code then LSOA code. */
  private static FeatureLayer registrationLayer(
      List<PracticePlan> plans, List<PopulationUnit> units, long[][] counts) {
    List<Feature> features = new ArrayList<>();
    for (int p = 0; p < plans.size(); p++) {
      for (int u = 0; u < units.size(); u++) {
        if (counts[u][p] > 0) {
          features.add(
              new Feature(
                  features.size() + 1,
                  null,
                  null,
                  properties(
                      "PUBLICATION",
                      PUBLICATION,
                      "EXTRACT_DATE",
                      EXTRACT_DATE,
                      "PRACTICE_CODE",
                      plans.get(p).code(),
                      "PRACTICE_NAME",
                      plans.get(p).name(),
                      "LSOA_CODE",
                      units.get(u).code(),
                      "SEX",
                      SEX_ALL,
                      "NUMBER_OF_PATIENTS",
                      counts[u][p])));
        }
      }
    }
    return new FeatureLayer(
        "registrations",
        0,
        schema(
            "PUBLICATION",
            AttributeType.STRING,
            "EXTRACT_DATE",
            AttributeType.STRING,
            "PRACTICE_CODE",
            AttributeType.STRING,
            "PRACTICE_NAME",
            AttributeType.STRING,
            "LSOA_CODE",
            AttributeType.STRING,
            "SEX",
            AttributeType.STRING,
            "NUMBER_OF_PATIENTS",
            AttributeType.INTEGER),
        features);
  }

  private static FeatureLayer networkAreaLayer() {
    List<Feature> features = new ArrayList<>();
    for (DistrictSpec spec : DistrictSpec.ALL) {
      features.add(
          new Feature(
              features.size() + 1,
              spec.code(),
              null,
              properties("district_code", spec.code(), "network_area", spec.networkArea())));
    }
    return new FeatureLayer(
        "network_area_lookup",
        0,
        schema("district_code", AttributeType.STRING, "network_area", AttributeType.STRING),
        features);
  }

  /** An ordered property map from alternating names and values. */
  private static Map<String, Object> properties(Object... namesAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      map.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return map;
  }

  /** An ordered schema from alternating names and types. */
  private static Map<String, AttributeType> schema(Object... namesAndTypes) {
    Map<String, AttributeType> map = new LinkedHashMap<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      map.put((String) namesAndTypes[i], (AttributeType) namesAndTypes[i + 1]);
    }
    return map;
  }

  private static long sum(long[] values) {
    long total = 0;
    for (long v : values) {
      total += v;
    }
    return total;
  }
}
