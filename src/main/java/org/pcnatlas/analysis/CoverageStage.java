package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.Catchments;
import org.pcnatlas.catchment.Site;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.coverage.CellPlacement;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.overlay.CoverageCheck;
import org.pcnatlas.overlay.Overlay;

/**
 * The coverage stage of one method: the parts of the study area no catchment covers (gaps) and the
 * parts two catchments cover (overlaps), each with its residents.
 *
 * <p>Voronoi cells tile the study area and never overlap, so for {@code voronoi} the check is the
 * cells': a gap would show as cell areas adding up to less than the study area (then, or when a
 * dissolve fell back to the overlay union, the catchments are checked as for any method), and the
 * only overlaps are the cells of sites shared by practices of several PCNs, whose residents are the
 * cells' units. Any other method: {@link CoverageCheck} on the catchments, and the residents of
 * each part by point (or area) in polygon.
 */
final class CoverageStage {
  private CoverageStage() {}

  record Coverage(CoverageCheck.Result check, List<Double> gaps, List<Double> overlaps) {}

  static Coverage check(
      CatchmentStage.Drawn drawn,
      PopulationStage.Residents residents,
      AnalysisInputs in,
      AreaLayers layers,
      StageTimer timer) {
    return timer.time(
        drawn.method().name() + ".coverage",
        () -> {
          if (drawn.voronoi() != null
              && residents.cells() != null
              && !drawn.voronoi().fellBack().containsValue(true)) {
            Coverage c = cells(drawn.voronoi().cells(), residents.cells(), in, layers);
            if (c != null) {
              return c;
            }
          }
          CoverageCheck.Result check =
              CoverageCheck.check(drawn.set().pcns(), in.region(), drawn.exclusive());
          return new Coverage(
              check,
              within(check.gaps().stream().map(CoverageCheck.Gap::geometry).toList(), in),
              within(
                  check.overlaps().stream().map(CoverageCheck.OverlapPart::geometry).toList(), in));
        });
  }

  /** The check from the cells, or null when their areas do not add up to the study area's. */
  private static Coverage cells(
      VoronoiCells cells, CellPlacement placement, AnalysisInputs in, AreaLayers layers) {
    double sum = 0;
    for (int i = 0; i < cells.size(); i++) {
      sum += cells.cell(i).getArea();
    }
    if (Math.abs(in.region().getArea() - sum) >= Overlay.MIN_AREA_M2) {
      return null;
    }
    Map<String, List<Integer>> shared = new TreeMap<>();
    List<Site> sites = cells.sites();
    for (int i = 0; i < sites.size(); i++) {
      List<String> pcns = sites.get(i).pcnCodes();
      for (int a = 0; a < pcns.size(); a++) {
        for (int b = a + 1; b < pcns.size(); b++) {
          shared
              .computeIfAbsent(pcns.get(a) + "\u0000" + pcns.get(b), k -> new ArrayList<>())
              .add(i);
        }
      }
    }
    List<CoverageCheck.OverlapPart> overlaps = new ArrayList<>();
    List<Double> people = new ArrayList<>();
    shared.forEach(
        (key, is) -> {
          String[] ab = key.split("\u0000");
          List<Geometry> parts = is.stream().map(cells::cell).toList();
          Geometry both = Catchments.dissolveCoverage(parts).geometry();
          if (both.getArea() >= Overlay.MIN_AREA_M2) {
            overlaps.add(new CoverageCheck.OverlapPart(ab[0], ab[1], both, both.getArea()));
            long n = 0;
            for (int i : is) {
              for (int u : placement.unitsOf(i)) {
                n += layers.units.people(u);
              }
            }
            people.add((double) n);
          }
        });
    return new Coverage(new CoverageCheck.Result(List.of(), overlaps), List.of(), people);
  }

  private static List<Double> within(List<Geometry> polygons, AnalysisInputs in) {
    double[] p = PopulationAllocation.within(polygons, in.population(), in.populationMode());
    return Arrays.stream(p).boxed().toList();
  }
}
