package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.coverage.SizeBands;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.overlay.AlignmentPair;

/** Computes {@link PcnFigures} from the catchments, their overlay pairs and their population. */
public final class Figures {
  /** An area holding at least this share of a PCN's residents counts as one the PCN is in. */
  public static final double PRESENCE_SHARE = 0.05;

  private Figures() {}

  /**
   * A pair with its population, as the overlay and the population allocation produced them.
   *
   * @param population resident population in the pair
   */
  public record PopulatedPair(AlignmentPair pair, double population) {}

  /**
   * The figures of every PCN that has a catchment, in PCN code order.
   *
   * @param districtPairs the catchments x districts pairs with their population
   * @param networkAreaPairs the catchments x network areas pairs, or null when not grouped
   */
  public static List<PcnFigures> compute(
      String method,
      List<Pcn> pcns,
      List<Catchment> catchments,
      PopulationAllocation.Result population,
      List<PopulatedPair> districtPairs,
      List<PopulatedPair> networkAreaPairs,
      SizeBands bands) {
    Map<String, Pcn> byCode = new java.util.HashMap<>();
    pcns.forEach(p -> byCode.put(p.code(), p));
    List<PcnFigures> out = new ArrayList<>();
    for (Catchment c : catchments) {
      Pcn pcn = byCode.get(c.pcnCode());
      long registered = pcn == null ? 0 : pcn.registeredList();
      double residents = population.byPcn().getOrDefault(c.pcnCode(), 0.0);
      List<Share> districts = shares(c.pcnCode(), districtPairs, residents);
      Share dominant = districts.isEmpty() ? null : districts.get(0);
      int present = (int) districts.stream().filter(s -> s.share() >= PRESENCE_SHARE).count();
      String networkArea = null;
      Boolean withinOne = null;
      if (networkAreaPairs != null) {
        List<Share> areas = shares(c.pcnCode(), networkAreaPairs, residents);
        networkArea = areas.isEmpty() ? null : areas.get(0).code();
        withinOne = areas.stream().filter(s -> s.share() >= PRESENCE_SHARE).count() <= 1;
      }
      out.add(
          new PcnFigures(
              method,
              c.pcnCode(),
              c.pcnName(),
              c.practiceCodes(),
              registered,
              c.geometry().getArea() / 1e6,
              residents,
              population.mode().label(),
              registered == 0 ? null : residents / registered,
              bands.band(registered),
              dominant == null ? null : dominant.code(),
              dominant == null ? null : dominant.name(),
              dominant == null ? 0 : dominant.share(),
              present,
              present > 1,
              networkArea,
              withinOne));
    }
    out.sort(Comparator.comparing(PcnFigures::pcnCode));
    return out;
  }

  /** An area's share of one PCN. */
  record Share(String code, String name, double share) {}

  /**
   * The PCN's areas with their share of its residents (of its area when it has none), largest
   * first, ties by code.
   */
  static List<Share> shares(String pcnCode, List<PopulatedPair> pairs, double residents) {
    List<Share> out = new ArrayList<>();
    for (PopulatedPair p : pairs) {
      if (p.pair().pcnCode().equals(pcnCode)) {
        double share = residents > 0 ? p.population() / residents : p.pair().shareOfPcnArea();
        out.add(new Share(p.pair().areaCode(), p.pair().areaName(), share));
      }
    }
    out.sort(Comparator.comparingDouble(Share::share).reversed().thenComparing(Share::code));
    return out;
  }
}
