package org.pcnatlas.scenario;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.Figures;
import org.pcnatlas.analysis.PcnFigures;
import org.pcnatlas.analysis.ResultLayers;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;

/**
 * Before and after, for one method: per PCN its resident population, registered list, size band,
 * dominant district and share, straddles (and area, practices), with the differences; per district
 * the PCNs present before and after (those with at least {@link Figures#PRESENCE_SHARE} of their
 * residents there, of their area when they have none), gained and lost. Figures are rounded as in
 * every other output ({@link ResultLayers}).
 */
public final class Comparison {
  /** The columns of the per-PCN table, in order (the CSV header). */
  public static final List<String> PCN_COLUMNS =
      List.of(
          "method",
          "pcn_code",
          "status",
          "pcn_name_before",
          "pcn_name_after",
          "practices_before",
          "practices_after",
          "registered_list_before",
          "registered_list_after",
          "registered_list_change",
          "resident_population_before",
          "resident_population_after",
          "resident_population_change",
          "size_band_before",
          "size_band_after",
          "dominant_district_before",
          "dominant_district_after",
          "dominant_district_share_before",
          "dominant_district_share_after",
          "straddles_before",
          "straddles_after",
          "area_km2_before",
          "area_km2_after",
          "core20_share_before",
          "core20_share_after",
          "share_65_plus_before",
          "share_65_plus_after",
          "imd_mean_score_before",
          "imd_mean_score_after",
          "changed");

  /**
   * The profile figures the comparison shows before and after (null without unit attributes):
   * Core20 share, 65+ share, mean IMD score.
   */
  static final List<String> PROFILE_FIGURES =
      List.of("core20_share", "share_65_plus", "imd_mean_score");

  /** The columns of the per-district table, in order. */
  public static final List<String> DISTRICT_COLUMNS =
      List.of(
          "method",
          "district_code",
          "district_name",
          "pcns_before",
          "pcns_after",
          "gained",
          "lost");

  /** A PCN in both, with a figure that differs. */
  public static final String CHANGED = "changed";

  /** A PCN in both with the same figures. */
  public static final String UNCHANGED = "unchanged";

  /** A PCN only after (e.g. a merge into a new code). */
  public static final String NEW = "new";

  /** A PCN only before (merged away or emptied). */
  public static final String REMOVED = "removed";

  private final String method;
  private final List<Map<String, Object>> pcns;
  private final List<Map<String, Object>> districts;

  private Comparison(
      String method, List<Map<String, Object>> pcns, List<Map<String, Object>> districts) {
    this.method = method;
    this.pcns = List.copyOf(pcns);
    this.districts = List.copyOf(districts);
  }

  /**
   * Compares one method's baseline figures with the scenario's.
   *
   * @param beforePairs the baseline's pairs per layer name (with population)
   */
  public static Comparison of(
      String method,
      List<PcnFigures> before,
      Map<String, List<Figures.PopulatedPair>> beforePairs,
      ScenarioMethodResult after,
      AreaLayer districts) {
    Map<String, PcnFigures> b = new TreeMap<>();
    before.forEach(f -> b.put(f.pcnCode(), f));
    Map<String, PcnFigures> a = new TreeMap<>();
    after.pcns().forEach(f -> a.put(f.pcnCode(), f));
    TreeSet<String> codes = new TreeSet<>(b.keySet());
    codes.addAll(a.keySet());
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String code : codes) {
      rows.add(pcnRow(method, code, b.get(code), a.get(code)));
    }
    Map<String, TreeSet<String>> presentBefore =
        present(before, beforePairs.getOrDefault(Analysis.DISTRICTS, List.of()));
    Map<String, TreeSet<String>> presentAfter =
        present(after.pcns(), after.pairs().getOrDefault(Analysis.DISTRICTS, List.of()));
    List<Map<String, Object>> drows = new ArrayList<>();
    for (Area d :
        districts.areas().stream().sorted((x, y) -> x.code().compareTo(y.code())).toList()) {
      TreeSet<String> pb = presentBefore.getOrDefault(d.code(), new TreeSet<>());
      TreeSet<String> pa = presentAfter.getOrDefault(d.code(), new TreeSet<>());
      TreeSet<String> gained = new TreeSet<>(pa);
      gained.removeAll(pb);
      TreeSet<String> lost = new TreeSet<>(pb);
      lost.removeAll(pa);
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("method", method);
      r.put("district_code", d.code());
      r.put("district_name", d.name());
      r.put("pcns_before", List.copyOf(pb));
      r.put("pcns_after", List.copyOf(pa));
      r.put("gained", List.copyOf(gained));
      r.put("lost", List.copyOf(lost));
      drows.add(r);
    }
    return new Comparison(method, rows, drows);
  }

  public String method() {
    return method;
  }

  /** One row per PCN before or after, by code, with the {@link #PCN_COLUMNS}. */
  public List<Map<String, Object>> pcns() {
    return pcns;
  }

  /** One row per district, by code, with the {@link #DISTRICT_COLUMNS}. */
  public List<Map<String, Object>> districts() {
    return districts;
  }

  /** The PCN rows whose status is not unchanged. */
  public List<Map<String, Object>> changedPcns() {
    return pcns.stream().filter(r -> !UNCHANGED.equals(r.get("status"))).toList();
  }

  private static Map<String, Object> pcnRow(
      String method, String code, PcnFigures before, PcnFigures after) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("method", method);
    r.put("pcn_code", code);
    Map<String, Object> pb = before == null ? null : ResultLayers.pcnProperties(before);
    Map<String, Object> pa = after == null ? null : ResultLayers.pcnProperties(after);
    r.put("status", "");
    r.put("pcn_name_before", get(pb, "pcn_name"));
    r.put("pcn_name_after", get(pa, "pcn_name"));
    r.put("practices_before", get(pb, "practices"));
    r.put("practices_after", get(pa, "practices"));
    r.put("registered_list_before", get(pb, "registered_list"));
    r.put("registered_list_after", get(pa, "registered_list"));
    r.put(
        "registered_list_change",
        (after == null ? 0 : after.registeredList())
            - (before == null ? 0 : before.registeredList()));
    r.put("resident_population_before", get(pb, "resident_population"));
    r.put("resident_population_after", get(pa, "resident_population"));
    r.put(
        "resident_population_change",
        ResultLayers.population(
            (after == null ? 0 : after.residentPopulation())
                - (before == null ? 0 : before.residentPopulation())));
    r.put("size_band_before", get(pb, "size_band"));
    r.put("size_band_after", get(pa, "size_band"));
    r.put("dominant_district_before", get(pb, "dominant_district_code"));
    r.put("dominant_district_after", get(pa, "dominant_district_code"));
    r.put("dominant_district_share_before", get(pb, "dominant_district_share"));
    r.put("dominant_district_share_after", get(pa, "dominant_district_share"));
    r.put("straddles_before", get(pb, "straddles"));
    r.put("straddles_after", get(pa, "straddles"));
    r.put("area_km2_before", get(pb, "area_km2"));
    r.put("area_km2_after", get(pa, "area_km2"));
    for (String f : PROFILE_FIGURES) {
      r.put(f + "_before", get(pb, f));
      r.put(f + "_after", get(pa, f));
    }
    List<String> changed = new ArrayList<>();
    for (String c : PCN_COLUMNS) {
      if (c.endsWith("_before")) {
        String stem = c.substring(0, c.length() - "_before".length());
        if (!Objects.equals(r.get(c), r.get(stem + "_after"))) {
          changed.add(stem);
        }
      }
    }
    String status =
        before == null ? NEW : after == null ? REMOVED : changed.isEmpty() ? UNCHANGED : CHANGED;
    r.put("status", status);
    r.put("changed", String.join(";", changed));
    return r;
  }

  private static Object get(Map<String, Object> props, String key) {
    return props == null ? null : props.get(key);
  }

  /** District code -> PCNs with at least the presence share of their residents (or area) there. */
  private static Map<String, TreeSet<String>> present(
      List<PcnFigures> figures, List<Figures.PopulatedPair> pairs) {
    Map<String, Double> residents = new TreeMap<>();
    figures.forEach(f -> residents.put(f.pcnCode(), f.residentPopulation()));
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (Figures.PopulatedPair p : pairs) {
      double r = residents.getOrDefault(p.pair().pcnCode(), 0.0);
      double share = r > 0 ? p.population() / r : p.pair().shareOfPcnArea();
      if (share >= Figures.PRESENCE_SHARE) {
        out.computeIfAbsent(p.pair().areaCode(), k -> new TreeSet<>()).add(p.pair().pcnCode());
      }
    }
    return out;
  }
}
