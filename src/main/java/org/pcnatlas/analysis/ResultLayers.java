package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.PracticeCatchment;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;
import org.pcnatlas.overlay.CoverageCheck;

/**
 * The analysis result as feature layers and tables with one vocabulary: the property names are the
 * snake_case column names of the {@code analyse} CSV files, the feature ids are the codes, numbers
 * are rounded once here (areas to the m² or 10⁻⁶ km², shares to 10⁻⁶, population to 0.1 person
 * where area weighting makes it fractional). The exporters and the web service both read these, so
 * a figure is the same in every output.
 */
public final class ResultLayers {
  /** Decimals of shares (0-1). */
  public static final int SHARE_DECIMALS = 6;

  private ResultLayers() {}

  // ---- layers of the inputs ----

  public static FeatureLayer practices(AnalysisResult r) {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("practice_code", AttributeType.STRING);
    schema.put("practice_name", AttributeType.STRING);
    schema.put("pcn_code", AttributeType.STRING);
    schema.put("pcn_name", AttributeType.STRING);
    schema.put("list_size", AttributeType.INTEGER);
    schema.put("inside_study_area", AttributeType.BOOLEAN);
    List<Feature> features = new ArrayList<>();
    List<Practice> sorted = new ArrayList<>(r.inputs().practices());
    sorted.sort(Comparator.comparing(Practice::code));
    for (Practice p : sorted) {
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("practice_code", p.code());
      props.put("practice_name", p.name());
      props.put("pcn_code", p.pcnCode());
      props.put("pcn_name", p.pcnName());
      props.put("list_size", p.listSize());
      props.put("inside_study_area", p.insideStudyArea());
      features.add(new Feature(features.size() + 1, p.code(), p.location(), props));
    }
    return new FeatureLayer("practices", Crs.BNG, schema, features);
  }

  /** The districts, network areas or another area layer by its name. */
  public static FeatureLayer areas(AreaLayer layer) {
    return areas(layer, Map.of());
  }

  /** {@link #areas(AreaLayer)} with each area's profile ({@link AnalysisResult#areaProfiles}). */
  public static FeatureLayer areas(AnalysisResult r, AreaLayer layer) {
    return areas(layer, r.areaProfiles(layer.name()));
  }

  private static FeatureLayer areas(AreaLayer layer, Map<String, Map<String, Double>> profiles) {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    boolean districts = Analysis.DISTRICTS.equals(layer.name());
    boolean networkAreas = Analysis.NETWORK_AREAS.equals(layer.name());
    String code = districts ? "district_code" : networkAreas ? "network_area" : "area_code";
    String name = districts ? "district_name" : "area_name";
    boolean grouped = districts && layer.areas().stream().allMatch(a -> a.group() != null);
    schema.put(code, AttributeType.STRING);
    if (!networkAreas) {
      schema.put(name, AttributeType.STRING);
    }
    if (grouped) {
      schema.put("network_area", AttributeType.STRING);
    }
    schema.put("area_km2", AttributeType.REAL);
    profiles.values().stream()
        .findFirst()
        .ifPresent(f -> addProfile(schema, List.copyOf(f.keySet())));
    List<Feature> features = new ArrayList<>();
    for (Area a : layer.areas()) {
      Map<String, Object> props = new LinkedHashMap<>();
      props.put(code, a.code());
      if (!networkAreas) {
        props.put(name, a.name());
      }
      if (grouped) {
        props.put("network_area", a.group());
      }
      props.put("area_km2", round(a.geometry().getArea() / 1e6, 6));
      if (!profiles.isEmpty()) {
        putProfile(props, profiles.getOrDefault(a.code(), Map.of()));
      }
      features.add(new Feature(features.size() + 1, a.code(), a.geometry(), props));
    }
    return new FeatureLayer(layer.name(), Crs.BNG, schema, features);
  }

  /** LSOA polygons with their residents (null where no population unit has the code). */
  public static FeatureLayer lsoas(AreaLayer layer, List<PopulationUnit> population) {
    Map<String, Long> residents = new java.util.HashMap<>();
    population.forEach(u -> residents.put(u.code(), u.population()));
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("lsoa_code", AttributeType.STRING);
    schema.put("lsoa_name", AttributeType.STRING);
    schema.put("population", AttributeType.INTEGER);
    schema.put("area_km2", AttributeType.REAL);
    List<Feature> features = new ArrayList<>();
    for (Area a : layer.areas()) {
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("lsoa_code", a.code());
      props.put("lsoa_name", a.name());
      props.put("population", residents.get(a.code()));
      props.put("area_km2", round(a.geometry().getArea() / 1e6, 6));
      features.add(new Feature(features.size() + 1, a.code(), a.geometry(), props));
    }
    return new FeatureLayer("lsoas", Crs.BNG, schema, features);
  }

  // ---- catchments and PCN figures ----

  /** The schema of a catchment feature and of a {@code pcns.csv} row. */
  public static Map<String, AttributeType> pcnSchema() {
    Map<String, AttributeType> s = new LinkedHashMap<>();
    s.put("method", AttributeType.STRING);
    s.put("pcn_code", AttributeType.STRING);
    s.put("pcn_name", AttributeType.STRING);
    s.put("practices", AttributeType.INTEGER);
    s.put("practice_codes", AttributeType.STRING);
    s.put("registered_list", AttributeType.INTEGER);
    s.put("area_km2", AttributeType.REAL);
    s.put("resident_population", AttributeType.REAL);
    s.put("population_source", AttributeType.STRING);
    s.put("resident_per_registered", AttributeType.REAL);
    s.put("size_band", AttributeType.STRING);
    s.put("dominant_district_code", AttributeType.STRING);
    s.put("dominant_district_name", AttributeType.STRING);
    s.put("dominant_district_share", AttributeType.REAL);
    s.put("districts_over_5pct", AttributeType.INTEGER);
    s.put("straddles", AttributeType.BOOLEAN);
    s.put("network_area", AttributeType.STRING);
    s.put("within_one_network_area", AttributeType.BOOLEAN);
    return s;
  }

  /** The columns of the PCN figures with these profile figures after them. */
  public static Map<String, AttributeType> pcnSchema(List<String> profile) {
    Map<String, AttributeType> s = pcnSchema();
    addProfile(s, profile);
    return s;
  }

  /** The names of the profile figures of these PCNs (none without unit attributes). */
  public static List<String> profileNames(List<PcnFigures> figures) {
    for (PcnFigures f : figures) {
      if (!f.profile().isEmpty()) {
        return List.copyOf(f.profile().keySet());
      }
    }
    return List.of();
  }

  private static void addProfile(Map<String, AttributeType> schema, List<String> names) {
    for (String n : names) {
      schema.put(n, AttributeType.REAL);
    }
  }

  /** Profile figures rounded: residents to 0.1, shares and means to 6 decimals; null stays null. */
  private static void putProfile(Map<String, Object> p, Map<String, Double> profile) {
    profile.forEach(
        (k, v) ->
            p.put(
                k,
                v == null || !Double.isFinite(v)
                    ? null
                    : k.contains("share") || k.contains("mean") ? round(v, 6) : round(v, 1)));
  }

  /** A PCN's figures as properties, in {@link #pcnSchema()} order, then its profile. */
  public static Map<String, Object> pcnProperties(PcnFigures f) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("method", f.method());
    p.put("pcn_code", f.pcnCode());
    p.put("pcn_name", f.pcnName());
    p.put("practices", (long) f.practiceCodes().size());
    p.put("practice_codes", String.join(";", f.practiceCodes()));
    p.put("registered_list", f.registeredList());
    p.put("area_km2", round(f.areaKm2(), 6));
    p.put("resident_population", population(f.residentPopulation()));
    p.put("population_source", f.populationSource());
    p.put(
        "resident_per_registered",
        f.residentPerRegistered() == null ? null : round(f.residentPerRegistered(), 4));
    p.put("size_band", f.sizeBand());
    p.put("dominant_district_code", f.dominantDistrictCode());
    p.put("dominant_district_name", f.dominantDistrictName());
    p.put(
        "dominant_district_share",
        f.dominantDistrictCode() == null ? null : round(f.dominantDistrictShare(), SHARE_DECIMALS));
    p.put("districts_over_5pct", (long) f.districtsOver5Percent());
    p.put("straddles", f.straddles());
    p.put("network_area", f.networkArea());
    p.put("within_one_network_area", f.withinOneNetworkArea());
    putProfile(p, f.profile());
    return p;
  }

  /** One method's catchments with their figures; the feature id is the PCN code. */
  public static FeatureLayer catchments(AnalysisResult.MethodResult m) {
    return catchments(m.catchments(), m.pcns(), "catchments-" + m.method());
  }

  /**
   * Catchments with their figures as a layer of this name; the feature id is the PCN code. A PCN
   * without a catchment (no geometry, or an empty one) has no place on a map layer and is left out
   * here: the tables ({@link #pcnTable}) list it with the reason.
   */
  public static FeatureLayer catchments(
      org.pcnatlas.catchment.CatchmentSet catchments, List<PcnFigures> figures, String name) {
    Map<String, Geometry> geometry = geometries(catchments);
    List<Feature> features = new ArrayList<>();
    for (PcnFigures f : figures) {
      Geometry g = geometry.get(f.pcnCode());
      if (g != null) {
        features.add(new Feature(features.size() + 1, f.pcnCode(), g, pcnProperties(f)));
      }
    }
    return new FeatureLayer(name, Crs.BNG, pcnSchema(profileNames(figures)), features);
  }

  /** The non-empty catchment of each PCN that has one. */
  private static Map<String, Geometry> geometries(org.pcnatlas.catchment.CatchmentSet catchments) {
    Map<String, Geometry> geometry = new TreeMap<>();
    for (Catchment c : catchments.pcns()) {
      if (c.geometry() != null && !c.geometry().isEmpty()) {
        geometry.put(c.pcnCode(), c.geometry());
      }
    }
    return geometry;
  }

  /** The columns of the PCN tables: the figures, then why a PCN has no catchment (or null). */
  public static Map<String, AttributeType> pcnTableSchema() {
    return pcnTableSchema(List.of());
  }

  /** {@link #pcnTableSchema()} with the profile columns of these methods. */
  public static Map<String, AttributeType> pcnTableSchema(
      List<AnalysisResult.MethodResult> methods) {
    List<String> profile = List.of();
    for (AnalysisResult.MethodResult m : methods) {
      profile = profile.isEmpty() ? profileNames(m.pcns()) : profile;
    }
    Map<String, AttributeType> s = pcnSchema(profile);
    s.put(CATCHMENT_NOTE, AttributeType.STRING);
    return s;
  }

  /** The column of the PCN tables that says why a PCN has no catchment. */
  public static final String CATCHMENT_NOTE = "catchment_note";

  /**
   * The rows of the PCN tables ({@code pcns.csv}, {@code /analysis/pcns}) of these methods: every
   * PCN, those without a catchment included, with {@link #CATCHMENT_NOTE} saying why they have
   * none.
   */
  public static List<Map<String, Object>> pcnTable(List<AnalysisResult.MethodResult> methods) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (AnalysisResult.MethodResult m : methods) {
      Map<String, Geometry> geometry = geometries(m.catchments());
      String note = org.pcnatlas.config.MethodKind.of(m.method()).noCatchment();
      for (PcnFigures f : m.pcns()) {
        Map<String, Object> row = pcnProperties(f);
        row.put(CATCHMENT_NOTE, geometry.containsKey(f.pcnCode()) ? null : "no catchment: " + note);
        rows.add(row);
      }
    }
    return rows;
  }

  /**
   * Every method's catchments in one layer (ids {@code method:pcn_code}), as catchments.geojson.
   */
  public static FeatureLayer allCatchments(AnalysisResult r) {
    List<Feature> features = new ArrayList<>();
    for (AnalysisResult.MethodResult m : r.methods()) {
      for (Feature f : catchments(m).features()) {
        features.add(
            new Feature(
                features.size() + 1, m.method() + ":" + f.id(), f.geometry(), f.properties()));
      }
    }
    List<String> profile = List.of();
    for (AnalysisResult.MethodResult m : r.methods()) {
      profile = profile.isEmpty() ? profileNames(m.pcns()) : profile;
    }
    return new FeatureLayer("catchments", Crs.BNG, pcnSchema(profile), features);
  }

  /** One method's catchments per practice, where the method draws them (else empty). */
  public static FeatureLayer practiceCatchments(AnalysisResult.MethodResult m) {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("method", AttributeType.STRING);
    schema.put("practice_code", AttributeType.STRING);
    schema.put("pcn_code", AttributeType.STRING);
    schema.put("area_km2", AttributeType.REAL);
    List<Feature> features = new ArrayList<>();
    for (PracticeCatchment c : m.catchments().practices()) {
      Map<String, Object> p = new LinkedHashMap<>();
      p.put("method", m.method());
      p.put("practice_code", c.practiceCode());
      p.put("pcn_code", c.pcnCode());
      p.put("area_km2", round(c.geometry().getArea() / 1e6, 6));
      features.add(new Feature(features.size() + 1, c.practiceCode(), c.geometry(), p));
    }
    return new FeatureLayer("practice-catchments-" + m.method(), Crs.BNG, schema, features);
  }

  // ---- alignment ----

  /** The columns of {@code alignment.csv} and the properties of an alignment feature. */
  public static Map<String, AttributeType> alignmentSchema() {
    Map<String, AttributeType> s = new LinkedHashMap<>();
    s.put("method", AttributeType.STRING);
    s.put("pcn_code", AttributeType.STRING);
    s.put("area_layer", AttributeType.STRING);
    s.put("area_code", AttributeType.STRING);
    s.put("area_name", AttributeType.STRING);
    s.put("area_m2", AttributeType.REAL);
    s.put("share_of_pcn_area", AttributeType.REAL);
    s.put("population", AttributeType.REAL);
    s.put("share_of_pcn_population", AttributeType.REAL);
    return s;
  }

  /**
   * One method's (PCN, area) pairs for every area layer, sorted by PCN, layer (in analysis order)
   * and area code; the feature id is {@code pcn_code:area_layer:area_code}. Each feature's geometry
   * is the pair's polygon (those not drawn yet are drawn here, on every core).
   */
  public static FeatureLayer alignment(AnalysisResult r, AnalysisResult.MethodResult m) {
    return alignment(r, m, true);
  }

  /** {@link #alignment} without the polygons (for tables: nothing is drawn). */
  public static FeatureLayer alignmentTable(AnalysisResult r, AnalysisResult.MethodResult m) {
    return alignment(r, m, false);
  }

  private static FeatureLayer alignment(
      AnalysisResult r, AnalysisResult.MethodResult m, boolean polygons) {
    Map<String, Double> residents = new TreeMap<>();
    m.pcns().forEach(f -> residents.put(f.pcnCode(), f.residentPopulation()));
    List<String> layerOrder = r.layers().stream().map(AreaLayer::name).toList();
    List<Figures.PopulatedPair> pairs = new ArrayList<>();
    m.pairs().values().forEach(pairs::addAll);
    pairs.sort(
        Comparator.comparing((Figures.PopulatedPair p) -> p.pair().pcnCode())
            .thenComparingInt(p -> layerOrder.indexOf(p.pair().areaLayer()))
            .thenComparing(p -> p.pair().areaCode()));
    if (polygons) {
      pairs.parallelStream().forEach(p -> p.pair().geometry());
    }
    List<Feature> features = new ArrayList<>();
    for (Figures.PopulatedPair p : pairs) {
      double pcnResidents = residents.getOrDefault(p.pair().pcnCode(), 0.0);
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("method", m.method());
      props.put("pcn_code", p.pair().pcnCode());
      props.put("area_layer", p.pair().areaLayer());
      props.put("area_code", p.pair().areaCode());
      props.put("area_name", p.pair().areaName());
      props.put("area_m2", round(p.pair().areaM2(), 3));
      props.put("share_of_pcn_area", round(p.pair().shareOfPcnArea(), SHARE_DECIMALS));
      props.put("population", population(p.population()));
      props.put(
          "share_of_pcn_population",
          pcnResidents > 0 ? round(p.population() / pcnResidents, SHARE_DECIMALS) : null);
      putProfile(props, p.profile());
      String id = p.pair().pcnCode() + ":" + p.pair().areaLayer() + ":" + p.pair().areaCode();
      features.add(
          new Feature(features.size() + 1, id, polygons ? p.pair().geometry() : null, props));
    }
    Map<String, AttributeType> schema = alignmentSchema();
    addProfile(schema, profileNames(m.pcns()));
    return new FeatureLayer("alignment-" + m.method(), polygons ? Crs.BNG : 0, schema, features);
  }

  /**
   * Per area of every layer: its residents inside catchments and the PCNs present with their share
   * of those residents (largest first), for one method.
   */
  public static FeatureLayer areaShares(AnalysisResult r, AnalysisResult.MethodResult m) {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("method", AttributeType.STRING);
    schema.put("area_layer", AttributeType.STRING);
    schema.put("area_code", AttributeType.STRING);
    schema.put("area_name", AttributeType.STRING);
    schema.put("population", AttributeType.REAL);
    schema.put("pcn_count", AttributeType.INTEGER);
    schema.put("pcns_over_5pct", AttributeType.INTEGER);
    schema.put("pcn_shares", AttributeType.STRING);
    List<Feature> features = new ArrayList<>();
    for (AreaLayer layer : r.layers()) {
      Map<String, Map<String, Double>> profiles = r.areaProfiles(layer.name());
      profiles.values().stream()
          .findFirst()
          .ifPresent(f -> addProfile(schema, List.copyOf(f.keySet())));
      Map<String, List<Figures.PopulatedPair>> byArea =
          m.pairs().getOrDefault(layer.name(), List.of()).stream()
              .collect(
                  Collectors.groupingBy(
                      p -> p.pair().areaCode(), LinkedHashMap::new, Collectors.toList()));
      for (Area a : layer.areas()) {
        List<Figures.PopulatedPair> present = byArea.getOrDefault(a.code(), List.of());
        double total = present.stream().mapToDouble(Figures.PopulatedPair::population).sum();
        List<Figures.PopulatedPair> sorted = new ArrayList<>(present);
        sorted.sort(
            Comparator.comparingDouble(Figures.PopulatedPair::population)
                .reversed()
                .thenComparing(p -> p.pair().pcnCode()));
        long over5 =
            sorted.stream()
                .filter(p -> total > 0 && p.population() / total >= Figures.PRESENCE_SHARE)
                .count();
        String shares =
            sorted.stream()
                .map(
                    p ->
                        p.pair().pcnCode()
                            + " "
                            + (total > 0 ? round(p.population() / total, 4).toString() : "0"))
                .collect(Collectors.joining(";"));
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("method", m.method());
        props.put("area_layer", layer.name());
        props.put("area_code", a.code());
        props.put("area_name", a.name());
        props.put("population", population(total));
        props.put("pcn_count", (long) present.size());
        props.put("pcns_over_5pct", over5);
        props.put("pcn_shares", shares);
        putProfile(props, profiles.getOrDefault(a.code(), Map.of()));
        features.add(new Feature(features.size() + 1, layer.name() + ":" + a.code(), null, props));
      }
    }
    return new FeatureLayer("areas-" + m.method(), 0, schema, features);
  }

  // ---- coverage ----

  /** Every method's gaps: parts of the study area no catchment covers. */
  public static FeatureLayer gaps(AnalysisResult r) {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("method", AttributeType.STRING);
    schema.put("gap", AttributeType.INTEGER);
    schema.put("area_m2", AttributeType.REAL);
    schema.put("population", AttributeType.REAL);
    List<Feature> features = new ArrayList<>();
    for (AnalysisResult.MethodResult m : r.methods()) {
      List<CoverageCheck.Gap> gaps = m.coverage().gaps();
      for (int i = 0; i < gaps.size(); i++) {
        CoverageCheck.Gap g = gaps.get(i);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", m.method());
        p.put("gap", (long) g.number());
        p.put("area_m2", round(g.areaM2(), 3));
        p.put("population", population(m.gapPopulation().get(i)));
        features.add(
            new Feature(features.size() + 1, m.method() + ":" + g.number(), g.geometry(), p));
      }
    }
    return new FeatureLayer("coverage-gaps", Crs.BNG, schema, features);
  }

  /** Every method's overlaps: parts of the study area in two PCNs' catchments. */
  public static FeatureLayer overlaps(AnalysisResult r) {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    schema.put("method", AttributeType.STRING);
    schema.put("pcn_code_a", AttributeType.STRING);
    schema.put("pcn_code_b", AttributeType.STRING);
    schema.put("area_m2", AttributeType.REAL);
    schema.put("population", AttributeType.REAL);
    List<Feature> features = new ArrayList<>();
    for (AnalysisResult.MethodResult m : r.methods()) {
      List<CoverageCheck.OverlapPart> overlaps = m.coverage().overlaps();
      for (int i = 0; i < overlaps.size(); i++) {
        CoverageCheck.OverlapPart o = overlaps.get(i);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("method", m.method());
        p.put("pcn_code_a", o.pcnA());
        p.put("pcn_code_b", o.pcnB());
        p.put("area_m2", round(o.areaM2(), 3));
        p.put("population", population(m.overlapPopulation().get(i)));
        String id = m.method() + ":" + o.pcnA() + "+" + o.pcnB();
        features.add(new Feature(features.size() + 1, id, o.geometry(), p));
      }
    }
    return new FeatureLayer("coverage-overlaps", Crs.BNG, schema, features);
  }

  // ---- rounding ----

  /** Population to 0.1 person, as a whole number when it is one. */
  public static Number population(double v) {
    Double r = round(v, 1);
    return r != null && r == Math.rint(r) && Math.abs(r) < 1e15 ? (Number) r.longValue() : r;
  }

  /**
   * {@code v} rounded half-even to {@code decimals} places from its shortest decimal form, as
   * {@code new BigDecimal(Double.toString(v)).setScale(decimals, HALF_EVEN).doubleValue()} gives
   * it; null when not finite.
   *
   * <p>Scaled and rounded in binary floating point, then divided by the power of ten: the division
   * of two exactly represented numbers is correctly rounded, as is BigDecimal's (for an unscaled
   * value below 2^52 it is the same division). Only when the scaled value is within a few units in
   * the last place of a tie (…5), or too large for this, is BigDecimal asked, so the result is
   * always BigDecimal's; every figure of the outputs passes through here.
   */
  public static Double round(double v, int decimals) {
    if (!Double.isFinite(v)) {
      return null;
    }
    if (decimals >= 0 && decimals < POW10.length) {
      double pow = POW10[decimals];
      double scaled = v * pow;
      double magnitude = Math.abs(scaled);
      if (magnitude < FAST_LIMIT) {
        double rounded = Math.rint(scaled);
        if (0.5 - Math.abs(scaled - rounded) > magnitude * TIE_MARGIN) {
          return (double) (long) rounded / pow;
        }
      }
    }
    return new java.math.BigDecimal(Double.toString(v))
        .setScale(decimals, java.math.RoundingMode.HALF_EVEN)
        .doubleValue();
  }

  /** Powers of ten exact in a double, for the binary rounding in {@link #round}. */
  private static final double[] POW10 = {
    1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12
  };

  /** Scaled magnitudes from here on go to BigDecimal (whole numbers exact well below 2^52). */
  private static final double FAST_LIMIT = 1e15;

  /**
   * Twice the largest relative error of the binary scaling (one rounding of the product, and the
   * distance between a double and its shortest decimal), with room to spare.
   */
  private static final double TIE_MARGIN = 1e-15;
}
