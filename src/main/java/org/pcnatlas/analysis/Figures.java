package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.SizeBands;
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
  /**
   * A pair with its residents and their profile ({@link Profiles}; empty without unit attributes).
   */
  public record PopulatedPair(AlignmentPair pair, double population, Map<String, Double> profile) {
    public PopulatedPair {
      profile = profile == null ? Map.of() : profile;
    }

    public PopulatedPair(AlignmentPair pair, double population) {
      this(pair, population, Map.of());
    }
  }

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
    Map<String, Pcn> byCode = new HashMap<>();
    pcns.forEach(p -> byCode.put(p.code(), p));
    Map<String, List<PopulatedPair>> districts = byPcn(districtPairs);
    Map<String, List<PopulatedPair>> network =
        networkAreaPairs == null ? null : byPcn(networkAreaPairs);
    List<PcnFigures> out = new ArrayList<>();
    for (Catchment c : catchments) {
      out.add(
          of(
              method,
              byCode.get(c.pcnCode()),
              c,
              population.byPcn().getOrDefault(c.pcnCode(), 0.0),
              population.mode().label(),
              districts.getOrDefault(c.pcnCode(), List.of()),
              network == null ? null : network.getOrDefault(c.pcnCode(), List.of()),
              bands));
    }
    out.sort(Comparator.comparing(PcnFigures::pcnCode));
    return out;
  }

  private static Map<String, List<PopulatedPair>> byPcn(List<PopulatedPair> pairs) {
    Map<String, List<PopulatedPair>> out = new HashMap<>();
    pairs.forEach(p -> out.computeIfAbsent(p.pair().pcnCode(), k -> new ArrayList<>()).add(p));
    return out;
  }

  /**
   * The figures of one PCN.
   *
   * @param pcn the PCN (its registered list), or null when no PCN record has the code
   * @param residents the residents of its catchment
   * @param source how the residents were placed ({@code points}, {@code area-weighted})
   * @param districtPairs its pairs with the districts, with their population
   * @param networkAreaPairs its pairs with the network areas, or null when not grouped
   */
  public static PcnFigures of(
      String method,
      Pcn pcn,
      Catchment c,
      double residents,
      String source,
      List<PopulatedPair> districtPairs,
      List<PopulatedPair> networkAreaPairs,
      SizeBands bands) {
    return of(method, pcn, c, residents, source, districtPairs, networkAreaPairs, bands, Map.of());
  }

  /** {@link #of} with the profile of the PCN's residents ({@link Profiles}). */
  public static PcnFigures of(
      String method,
      Pcn pcn,
      Catchment c,
      double residents,
      String source,
      List<PopulatedPair> districtPairs,
      List<PopulatedPair> networkAreaPairs,
      SizeBands bands,
      Map<String, Double> profile) {
    long registered = pcn == null ? 0 : pcn.registeredList();
    List<Share> districts = shares(districtPairs, residents);
    Share dominant = districts.isEmpty() ? null : districts.get(0);
    int present = (int) districts.stream().filter(s -> s.share() >= PRESENCE_SHARE).count();
    String networkArea = null;
    Boolean withinOne = null;
    if (networkAreaPairs != null) {
      List<Share> areas = shares(networkAreaPairs, residents);
      networkArea = areas.isEmpty() ? null : areas.get(0).code();
      withinOne = areas.stream().filter(s -> s.share() >= PRESENCE_SHARE).count() <= 1;
    }
    return new PcnFigures(
        method,
        c.pcnCode(),
        c.pcnName(),
        c.practiceCodes(),
        registered,
        c.geometry().getArea() / 1e6,
        residents,
        source,
        registered == 0 ? null : residents / registered,
        bands.band(registered),
        dominant == null ? null : dominant.code(),
        dominant == null ? null : dominant.name(),
        dominant == null ? 0 : dominant.share(),
        present,
        present > 1,
        networkArea,
        withinOne,
        profile);
  }

  /** An area's share of one PCN. */
  record Share(String code, String name, double share) {}

  /**
   * A PCN's areas (its pairs) with their share of its residents (of its area when it has none),
   * largest first, ties by code.
   */
  static List<Share> shares(List<PopulatedPair> pairs, double residents) {
    List<Share> out = new ArrayList<>();
    for (PopulatedPair p : pairs) {
      double share = residents > 0 ? p.population() / residents : p.pair().shareOfPcnArea();
      out.add(new Share(p.pair().areaCode(), p.pair().areaName(), share));
    }
    out.sort(Comparator.comparingDouble(Share::share).reversed().thenComparing(Share::code));
    return out;
  }
}
