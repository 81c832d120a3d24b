package org.pcnatlas.analysis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.load.Problem;
import org.pcnatlas.load.ProblemCode;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;

/**
 * The run summary ({@code summary.json}, {@code /analysis/summary}): counts, totals, per-method
 * coverage figures, the whole load report, seconds per stage and the versions that produced it, as
 * a tree of maps and lists ready for Jackson.
 */
public final class Summary {
  private Summary() {}

  /**
   * @param inputs what was read, e.g. option name -> file (written as given)
   * @param loadTimings seconds spent reading each input (from {@link InputLoader})
   */
  public static Map<String, Object> of(
      AnalysisResult r, Map<String, Object> inputs, Map<String, Double> loadTimings) {
    AnalysisInputs in = r.inputs();
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("inputs", inputs);
    s.put("crs", "EPSG:27700");
    s.put("population_source", in.populationMode().label());
    s.put("size_bands", Map.of("lower", in.sizeBands().lower(), "upper", in.sizeBands().upper()));

    Map<String, Object> counts = new LinkedHashMap<>();
    counts.put("practices", in.practices().size());
    counts.put(
        "practices_outside_study_area",
        in.practices().stream().filter(p -> !p.insideStudyArea()).count());
    counts.put(
        "unallocated_practices", in.practices().stream().filter(Practice::unallocated).count());
    counts.put("pcns", in.pcns().size());
    counts.put("population_units", in.population().size());
    Map<String, Object> layers = new LinkedHashMap<>();
    for (AreaLayer l : r.layers()) {
      layers.put(l.name(), l.areas().size());
    }
    counts.put("areas", layers);
    s.put("counts", counts);

    Map<String, Object> totals = new LinkedHashMap<>();
    totals.put("registered_list", in.pcns().stream().mapToLong(Pcn::registeredList).sum());
    totals.put(
        "resident_population",
        in.population().stream().mapToLong(PopulationUnit::population).sum());
    totals.put("study_area_km2", ResultLayers.round(in.region().getArea() / 1e6, 6));
    s.put("totals", totals);
    Profiles profiles = Profiles.of(in.profile());
    if (profiles != null) {
      // who lives in the study area, as each catchment's profile reads (the same figures)
      double[] all = new double[profiles.width()];
      for (double[] v : r.profileVectors(profiles)) {
        Profiles.add(all, v, 1);
      }
      Map<String, Object> profile = new LinkedHashMap<>();
      profile.put(
          "columns",
          in.profile().attributes().columns().stream()
              .map(
                  c ->
                      Map.of(
                          "name",
                          c.name(),
                          "kind",
                          c.kind().name().toLowerCase(),
                          "file",
                          c.file()))
              .toList());
      profile.put("domains", in.profile().domains());
      profile.put("study_area", profiles.figures(all));
      s.put("profile", profile);
    }

    List<Object> methods = new ArrayList<>();
    for (AnalysisResult.MethodResult m : r.methods()) {
      Map<String, Object> mm = new LinkedHashMap<>();
      mm.put("method", m.method());
      mm.put("catchments", m.catchments().pcns().size());
      mm.put(
          "catchments_without_area",
          m.catchments().pcns().stream()
              .filter(c -> c.geometry().isEmpty())
              .map(Catchment::pcnCode)
              .toList());
      mm.put("overlapping_by_design", m.catchments().overlapping());
      mm.put(
          "area_km2",
          ResultLayers.round(
              m.catchments().pcns().stream().mapToDouble(c -> c.geometry().getArea()).sum() / 1e6,
              6));
      mm.put(
          "resident_population_in_catchments", ResultLayers.population(m.population().assigned()));
      mm.put(
          "resident_population_outside_catchments",
          ResultLayers.population(m.population().outsidePopulation()));
      mm.put("units_outside_catchments", m.population().outside());
      mm.put("units_in_several_catchments", m.population().inSeveral().size());
      mm.put(
          "gaps",
          ordered(
              "count", m.coverage().gaps().size(),
              "area_m2", ResultLayers.round(m.coverage().gapAreaM2(), 3),
              "population", ResultLayers.population(sum(m.gapPopulation()))));
      mm.put(
          "overlaps",
          ordered(
              "count", m.coverage().overlaps().size(),
              "area_m2", ResultLayers.round(m.coverage().overlapAreaM2(), 3),
              "population", ResultLayers.population(sum(m.overlapPopulation()))));
      mm.put("straddling_pcns", m.pcns().stream().filter(PcnFigures::straddles).count());
      Map<String, Long> bands = new LinkedHashMap<>();
      m.pcns().forEach(f -> bands.merge(f.sizeBand(), 1L, Long::sum));
      mm.put("size_bands", bands);
      mm.put("notes", m.catchments().notes());
      if (profiles != null) {
        // the PCNs whose residents are most in the most deprived 20% nationally
        List<Map<String, Object>> core20 = new ArrayList<>();
        m.pcns().stream()
            .filter(f -> f.profile().get("core20_share") != null)
            .sorted(
                java.util.Comparator.comparingDouble(
                        (PcnFigures f) -> -f.profile().get("core20_share"))
                    .thenComparing(PcnFigures::pcnCode))
            .limit(10)
            .forEach(
                f ->
                    core20.add(
                        Map.of(
                            "pcn_code",
                            f.pcnCode(),
                            "core20_share",
                            ResultLayers.round(f.profile().get("core20_share"), 6))));
        mm.put("highest_core20_share", core20);
      }
      methods.add(mm);
    }
    s.put("methods", methods);

    Map<String, Object> report = new LinkedHashMap<>();
    Map<String, Object> byCode = new LinkedHashMap<>();
    for (Map.Entry<ProblemCode, Integer> e : r.report().counts().entrySet()) {
      byCode.put(e.getKey().code(), e.getValue());
    }
    report.put("problems", r.report().problems().size());
    report.put("counts", byCode);
    List<Object> items = new ArrayList<>();
    for (Problem p : r.report().problems()) {
      items.add(ordered("code", p.code().code(), "location", p.location(), "message", p.message()));
    }
    report.put("items", items);
    s.put("load_report", report);

    Map<String, Object> timings = new LinkedHashMap<>();
    loadTimings.forEach((k, v) -> timings.put(k, ResultLayers.round(v, 3)));
    r.timings().forEach((k, v) -> timings.put(k, ResultLayers.round(v, 3)));
    s.put("timings_s", timings);
    s.put("versions", versions());
    return s;
  }

  /** A map keeping the order of its keys, from alternating keys and values. */
  private static Map<String, Object> ordered(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  private static double sum(List<Double> xs) {
    return xs.stream().mapToDouble(Double::doubleValue).sum();
  }

  /** pcn-atlas, Java and the geometry libraries, as built. */
  public static Map<String, String> versions() {
    Map<String, String> v = new LinkedHashMap<>();
    Properties p = new Properties();
    try (InputStream in = Summary.class.getResourceAsStream("/org/pcnatlas/versions.properties")) {
      if (in != null) {
        p.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (String k : List.of("pcn-atlas", "jts", "proj4j", "geopackage", "jackson")) {
      v.put(k, p.getProperty(k, "unknown"));
    }
    v.put("java", System.getProperty("java.version"));
    return v;
  }
}
