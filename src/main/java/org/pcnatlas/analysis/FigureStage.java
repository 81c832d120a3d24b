package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.overlay.AlignmentPair;
import org.pcnatlas.overlay.AreaIndex;
import org.pcnatlas.overlay.Overlay;

/**
 * The figures stage of one method: each (PCN, area) pair with its residents, and each PCN's {@link
 * PcnFigures} (registered and resident population, size band, dominant district, straddling,
 * network area).
 *
 * <p>A pair is listed when the PCN shares at least {@link Overlay#MIN_AREA_M2} with the area or has
 * residents in it (the full outer join of the two, so that the residents of a PCN's pairs add up to
 * its residents; a pair with residents but less than 1 m² has area and share 0). After a redraw,
 * only the PCNs whose pairs, residents, members or registered list changed are done again.
 */
final class FigureStage {
  private FigureStage() {}

  /**
   * @param joined per layer, per PCN, its pairs with their residents, by area code
   * @param figures per PCN code
   * @param pcns the PCN records the figures were made from, by code
   * @param redone PCNs whose figures were computed in this run
   */
  record Figured(
      Map<String, Map<String, List<Figures.PopulatedPair>>> joined,
      Map<String, PcnFigures> figures,
      Map<String, Pcn> pcns,
      Set<String> redone) {}

  static Figured figures(
      CatchmentStage.Drawn drawn,
      AreaLayers layers,
      Map<String, PairStage.LayerPairs> pairs,
      PopulationStage.Residents residents,
      CatchmentStage.Drawn drawnBefore,
      Figured previous,
      Set<String> regrouped,
      AnalysisInputs in,
      StageTimer timer) {
    return timer.time(
        drawn.method().name() + ".figures",
        () -> {
          Set<String> rejoin = new TreeSet<>();
          if (previous == null) {
            rejoin.addAll(drawn.byCode().keySet());
          } else {
            rejoin.addAll(drawn.changed());
            rejoin.addAll(residents.dirty());
            rejoin.addAll(regrouped);
            rejoin.retainAll(drawn.byCode().keySet());
          }
          Map<String, Map<String, List<Figures.PopulatedPair>>> joined = new HashMap<>();
          for (AreaLayer layer : layers.layers) {
            Map<String, List<Figures.PopulatedPair>> byPcn = new HashMap<>();
            Map<String, List<Figures.PopulatedPair>> old =
                previous == null ? null : previous.joined().get(layer.name());
            for (String code : drawn.byCode().keySet()) {
              if (rejoin.contains(code) || old == null || !old.containsKey(code)) {
                byPcn.put(
                    code,
                    join(
                        drawn.byCode().get(code),
                        layers.index(layer.name()),
                        pairs.get(layer.name()).pairs().get(code),
                        residents.byArea().get(layer.name()).get(code),
                        residents.profiles() == null
                            ? null
                            : residents.profiles().byArea().get(layer.name()).get(code),
                        residents.profiles() == null ? null : residents.profiles().profiles()));
              } else {
                byPcn.put(code, old.get(code));
              }
            }
            joined.put(layer.name(), byPcn);
          }
          Map<String, Pcn> pcns = new HashMap<>();
          in.pcns().forEach(p -> pcns.put(p.code(), p));
          Set<String> redo = new TreeSet<>(rejoin);
          if (previous != null) {
            for (Catchment c : drawn.set().pcns()) {
              String code = c.pcnCode();
              Catchment before = drawnBefore.byCode().get(code);
              if (before == null
                  || !previous.figures().containsKey(code)
                  || !before.pcnName().equals(c.pcnName())
                  || !before.practiceCodes().equals(c.practiceCodes())
                  || !Objects.equals(previous.pcns().get(code), pcns.get(code))) {
                redo.add(code);
              }
            }
          }
          Map<String, List<Figures.PopulatedPair>> districts = joined.get(Analysis.DISTRICTS);
          Map<String, List<Figures.PopulatedPair>> network =
              layers.networkAreas == null ? null : joined.get(layers.networkAreas.name());
          String source = residents.mode().label();
          Map<String, PcnFigures> figures = new TreeMap<>();
          for (Catchment c : drawn.set().pcns()) {
            String code = c.pcnCode();
            if (previous != null && !redo.contains(code)) {
              figures.put(code, previous.figures().get(code));
              continue;
            }
            figures.put(
                code,
                Figures.of(
                    drawn.method().name(),
                    pcns.get(code),
                    c,
                    residents.byPcn().getOrDefault(code, 0.0),
                    source,
                    districts.get(code),
                    network == null ? null : network.get(code),
                    in.sizeBands(),
                    residents.profiles() == null ? Map.of() : residents.profiles().ofPcn(code)));
          }
          return new Figured(joined, figures, pcns, redo);
        });
  }

  /** One PCN's pairs in one layer with their residents: the full outer join, by area code. */
  private static List<Figures.PopulatedPair> join(
      Catchment c,
      AreaIndex index,
      List<AlignmentPair> pairs,
      Map<Integer, Double> residents,
      Map<Integer, double[]> profileSums,
      Profiles profiles) {
    Map<String, Figures.PopulatedPair> out = new TreeMap<>();
    Map<String, Double> byCode = new HashMap<>();
    Map<String, Map<String, Double>> profileOf = new HashMap<>();
    if (residents != null) {
      residents.forEach((a, v) -> byCode.put(index.area(a).code(), v));
    }
    if (profileSums != null) {
      profileSums.forEach((a, v) -> profileOf.put(index.area(a).code(), profiles.figures(v)));
    }
    java.util.function.Function<String, Map<String, Double>> profile =
        code -> profiles == null ? Map.of() : profileOf.getOrDefault(code, profiles.empty());
    if (pairs != null) {
      for (AlignmentPair p : pairs) {
        out.put(
            p.areaCode(),
            new Figures.PopulatedPair(
                p, byCode.getOrDefault(p.areaCode(), 0.0), profile.apply(p.areaCode())));
      }
    }
    if (residents != null) {
      residents.forEach(
          (a, v) -> {
            Area area = index.area(a);
            if (!out.containsKey(area.code()) && v > 0) {
              AlignmentPair sliver =
                  AlignmentPair.lazy(
                      c.pcnCode(),
                      index.layer().name(),
                      area.code(),
                      area.name(),
                      () -> Overlay.intersection(c.geometry(), area.geometry()),
                      0,
                      0);
              out.put(
                  area.code(), new Figures.PopulatedPair(sliver, v, profile.apply(area.code())));
            }
          });
    }
    return List.copyOf(new ArrayList<>(out.values()));
  }
}
