package org.pcnatlas.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.analysis.Figures;
import org.pcnatlas.analysis.PcnFigures;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.CatchmentSet;
import org.pcnatlas.catchment.PracticeCatchment;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.overlay.AlignmentPair;

/**
 * Compares two {@link ScenarioMethodResult}s (an incremental recompute and the full one): the same
 * catchments, layers and pairs (geometries {@code equalsExact} after {@code norm()}), the same
 * figures (numbers to {@link #RELATIVE} relative), the same populations.
 */
public final class ScenarioResults {
  /** Relative tolerance of areas and shares (they are sums in another order when rings rotate). */
  public static final double RELATIVE = 1e-9;

  private ScenarioResults() {}

  /** Every difference found, at most {@code limit}, as sentences; empty when equal. */
  public static List<String> differences(
      ScenarioMethodResult actual, ScenarioMethodResult expected, int limit) {
    List<String> out = new ArrayList<>();
    catchments(actual.catchments(), expected.catchments(), out);
    layers(actual.layers(), expected.layers(), out);
    figures(actual.pcns(), expected.pcns(), out);
    pairs(actual.pairs(), expected.pairs(), out);
    population(actual.population(), expected.population(), out);
    return out.size() > limit ? out.subList(0, limit) : out;
  }

  private static void catchments(CatchmentSet a, CatchmentSet e, List<String> out) {
    check(a.method().equals(e.method()), "method " + a.method() + " vs " + e.method(), out);
    check(a.overlapping() == e.overlapping(), "overlapping differs", out);
    check(a.notes().equals(e.notes()), "notes " + a.notes() + " vs " + e.notes(), out);
    if (a.pcns().size() != e.pcns().size()) {
      out.add("catchments: " + a.pcns().size() + " vs " + e.pcns().size());
      return;
    }
    for (int i = 0; i < e.pcns().size(); i++) {
      Catchment x = a.pcns().get(i);
      Catchment y = e.pcns().get(i);
      String what = "catchment " + y.pcnCode();
      check(x.pcnCode().equals(y.pcnCode()), what + " code " + x.pcnCode(), out);
      check(x.pcnName().equals(y.pcnName()), what + " name " + x.pcnName(), out);
      check(x.practiceCodes().equals(y.practiceCodes()), what + " practices", out);
      geometry(what, x.geometry(), y.geometry(), out);
    }
    if (a.practices().size() != e.practices().size()) {
      out.add("practice catchments: " + a.practices().size() + " vs " + e.practices().size());
      return;
    }
    for (int i = 0; i < e.practices().size(); i++) {
      PracticeCatchment x = a.practices().get(i);
      PracticeCatchment y = e.practices().get(i);
      String what = "practice catchment " + y.practiceCode();
      check(
          x.practiceCode().equals(y.practiceCode()) && x.pcnCode().equals(y.pcnCode()),
          what + " codes",
          out);
      geometry(what, x.geometry(), y.geometry(), out);
    }
  }

  private static void layers(List<AreaLayer> a, List<AreaLayer> e, List<String> out) {
    if (a.size() != e.size()) {
      out.add("layers: " + a.size() + " vs " + e.size());
      return;
    }
    for (int i = 0; i < e.size(); i++) {
      AreaLayer x = a.get(i);
      AreaLayer y = e.get(i);
      if (!x.name().equals(y.name()) || x.areas().size() != y.areas().size()) {
        out.add("layer " + y.name() + " differs");
        continue;
      }
      for (int k = 0; k < y.areas().size(); k++) {
        String what = "layer " + y.name() + " area " + y.areas().get(k).code();
        check(x.areas().get(k).code().equals(y.areas().get(k).code()), what + " code", out);
        check(
            Objects.equals(x.areas().get(k).group(), y.areas().get(k).group()),
            what + " group",
            out);
        geometry(what, x.areas().get(k).geometry(), y.areas().get(k).geometry(), out);
      }
    }
  }

  private static void figures(List<PcnFigures> a, List<PcnFigures> e, List<String> out) {
    if (a.size() != e.size()) {
      out.add("figures: " + a.size() + " vs " + e.size());
      return;
    }
    for (int i = 0; i < e.size(); i++) {
      PcnFigures x = a.get(i);
      PcnFigures y = e.get(i);
      String what = "figures of " + y.pcnCode();
      check(
          x.method().equals(y.method())
              && x.pcnCode().equals(y.pcnCode())
              && x.pcnName().equals(y.pcnName())
              && x.practiceCodes().equals(y.practiceCodes())
              && x.registeredList() == y.registeredList()
              && x.populationSource().equals(y.populationSource())
              && Objects.equals(x.sizeBand(), y.sizeBand())
              && Objects.equals(x.dominantDistrictCode(), y.dominantDistrictCode())
              && Objects.equals(x.dominantDistrictName(), y.dominantDistrictName())
              && x.districtsOver5Percent() == y.districtsOver5Percent()
              && x.straddles() == y.straddles()
              && Objects.equals(x.networkArea(), y.networkArea())
              && Objects.equals(x.withinOneNetworkArea(), y.withinOneNetworkArea()),
          what + ": " + x + " vs " + y,
          out);
      check(close(x.areaKm2(), y.areaKm2()), what + " area", out);
      check(close(x.residentPopulation(), y.residentPopulation()), what + " residents", out);
      check(
          (x.residentPerRegistered() == null) == (y.residentPerRegistered() == null)
              && (x.residentPerRegistered() == null
                  || close(x.residentPerRegistered(), y.residentPerRegistered())),
          what + " resident per registered",
          out);
      check(close(x.dominantDistrictShare(), y.dominantDistrictShare()), what + " share", out);
    }
  }

  private static void pairs(
      Map<String, List<Figures.PopulatedPair>> a,
      Map<String, List<Figures.PopulatedPair>> e,
      List<String> out) {
    if (!a.keySet().equals(e.keySet())) {
      out.add("pair layers " + a.keySet() + " vs " + e.keySet());
      return;
    }
    for (String layer : e.keySet()) {
      List<Figures.PopulatedPair> xs = a.get(layer);
      List<Figures.PopulatedPair> ys = e.get(layer);
      if (xs.size() != ys.size()) {
        out.add("pairs of " + layer + ": " + xs.size() + " vs " + ys.size());
        continue;
      }
      for (int i = 0; i < ys.size(); i++) {
        AlignmentPair x = xs.get(i).pair();
        AlignmentPair y = ys.get(i).pair();
        String what = "pair " + layer + " " + y.pcnCode() + "/" + y.areaCode();
        check(
            x.pcnCode().equals(y.pcnCode())
                && x.areaLayer().equals(y.areaLayer())
                && x.areaCode().equals(y.areaCode())
                && Objects.equals(x.areaName(), y.areaName()),
            what + " is " + x.pcnCode() + "/" + x.areaCode(),
            out);
        check(close(x.areaM2(), y.areaM2()), what + " area", out);
        check(close(x.shareOfPcnArea(), y.shareOfPcnArea()), what + " share", out);
        check(
            xs.get(i).population() == ys.get(i).population(),
            what + " population " + xs.get(i).population() + " vs " + ys.get(i).population(),
            out);
        geometry(what, x.geometry(), y.geometry(), out);
      }
    }
  }

  private static void population(
      PopulationAllocation.Result a, PopulationAllocation.Result e, List<String> out) {
    check(a.mode() == e.mode(), "population mode", out);
    check(a.byPcn().equals(e.byPcn()), "population by PCN " + diff(a.byPcn(), e.byPcn()), out);
    check(a.byPair().equals(e.byPair()), "population by pair", out);
    check(a.outside().equals(e.outside()), "units outside", out);
    check(a.inSeveral().equals(e.inSeveral()), "units in several", out);
    check(a.input() == e.input(), "input population", out);
    check(a.assigned() == e.assigned(), "assigned " + a.assigned() + " vs " + e.assigned(), out);
  }

  private static String diff(Map<String, Double> a, Map<String, Double> e) {
    List<String> d = new ArrayList<>();
    e.forEach(
        (k, v) -> {
          if (!v.equals(a.get(k))) {
            d.add(k + ": " + a.get(k) + " vs " + v);
          }
        });
    a.keySet().stream().filter(k -> !e.containsKey(k)).forEach(k -> d.add(k + " extra"));
    return d.toString();
  }

  private static void geometry(String what, Geometry a, Geometry e, List<String> out) {
    if (a == e) {
      return;
    }
    if (!a.norm().equalsExact(e.norm())) {
      out.add(what + ": geometry differs: " + a + " vs " + e);
    }
  }

  private static boolean close(double a, double e) {
    return a == e || Math.abs(a - e) <= RELATIVE * Math.max(Math.abs(a), Math.abs(e));
  }

  private static void check(boolean ok, String what, List<String> out) {
    if (!ok) {
      out.add(what);
    }
  }
}
