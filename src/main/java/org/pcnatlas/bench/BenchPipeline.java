package org.pcnatlas.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.coverage.CellPopulation;
import org.pcnatlas.overlay.CellOverlay;
import org.pcnatlas.overlay.PairArea;

/**
 * The peer benchmark's pipeline, on the engine's classes, one timed step each:
 *
 * <ol>
 *   <li>{@code a_voronoi_clip}: {@link VoronoiCatchments#cells} (one cell per distinct practice
 *       site; only the cells crossing the study area boundary are intersected with it);
 *   <li>{@code b_dissolve}: {@link VoronoiCatchments#dissolve} ({@code CoverageUnion} per PCN) and
 *       the catchment areas;
 *   <li>{@code c_overlay}: {@link CellOverlay} (cells x districts; a cell inside one district
 *       counts whole) summed per (PCN, district);
 *   <li>{@code d_population}: {@link CellPopulation} (nearest practice site, study area test only
 *       in cells on its edge), then the full outer join of area pairs and population pairs;
 *   <li>{@code e_write}: {@link BenchWriter} ({@code catchments.geojson}, {@code pairs.csv}).
 * </ol>
 */
public final class BenchPipeline {
  /** The step names of the benchmark, in order. */
  public static final List<String> STEPS =
      List.of("load", "a_voronoi_clip", "b_dissolve", "c_overlay", "d_population", "e_write");

  private static final VoronoiCatchments VORONOI = new VoronoiCatchments();

  /** One row of {@code pairs.csv}. */
  public record PairRow(
      String pcnCode, String districtCode, double areaM2, double shareOfPcn, long population) {}

  /** One feature of {@code catchments.geojson}: a PCN's catchment, its area and population. */
  public record CatchmentRow(String pcnCode, Geometry geometry, double areaM2, long population) {}

  /** What the pipeline produced. */
  public record Result(
      VoronoiCells cells,
      List<CatchmentRow> catchments,
      List<PairRow> pairs,
      CellPopulation.Result population) {
    /** The figures every peer prints, for comparing outputs. */
    public Checksums checksums() {
      return Checksums.of(this);
    }
  }

  private BenchPipeline() {}

  /**
   * Runs steps a to e on the inputs {@link BenchCommand#workload} loads, writing into {@code out}
   * (which must exist).
   */
  public static Result run(AnalysisInputs in, Path out, StepTimer timer) {
    VoronoiCells cells =
        timer.time("a_voronoi_clip", () -> VORONOI.cells(in.practices(), in.region()));
    Dissolved dissolved =
        timer.time(
            "b_dissolve",
            () -> {
              List<Catchment> pcns = VORONOI.dissolve(cells).pcns();
              return new Dissolved(pcns, areas(pcns));
            });
    Overlaid overlaid =
        timer.time(
            "c_overlay",
            () -> {
              CellOverlay overlay = CellOverlay.of(cells, in.districts());
              return new Overlaid(overlay, overlay.pairs(dissolved.pcns(), cells.cellsByPcn()));
            });
    Populated populated =
        timer.time(
            "d_population",
            () -> {
              CellPopulation.Result population =
                  CellPopulation.allocate(cells, overlaid.overlay(), in.region(), in.population());
              return new Populated(population, join(overlaid.pairs(), population));
            });
    List<CatchmentRow> catchments =
        timer.time(
            "e_write",
            () -> {
              List<CatchmentRow> rows =
                  rows(dissolved.pcns(), dissolved.areas(), populated.population().byPcn());
              BenchWriter.write(out, rows, populated.pairs());
              return rows;
            });
    return new Result(cells, catchments, populated.pairs(), populated.population());
  }

  private record Dissolved(List<Catchment> pcns, double[] areas) {}

  private record Overlaid(CellOverlay overlay, List<PairArea> pairs) {}

  private record Populated(CellPopulation.Result population, List<PairRow> pairs) {}

  private static double[] areas(List<Catchment> pcns) {
    return pcns.parallelStream().mapToDouble(c -> c.geometry().getArea()).toArray();
  }

  private static List<CatchmentRow> rows(
      List<Catchment> pcns, double[] areas, Map<String, Long> population) {
    List<CatchmentRow> out = new ArrayList<>(pcns.size());
    for (int i = 0; i < pcns.size(); i++) {
      Catchment c = pcns.get(i);
      out.add(
          new CatchmentRow(
              c.pcnCode(), c.geometry(), areas[i], population.getOrDefault(c.pcnCode(), 0L)));
    }
    return out;
  }

  /**
   * The full outer join of the area pairs (at least 1 m²) and the population pairs, on (PCN,
   * district): a pair with area but no residents has population 0, a pair with residents but less
   * than 1 m² has area and share 0. Both inputs and the result are sorted by PCN, then district.
   */
  static List<PairRow> join(List<PairArea> areas, CellPopulation.Result population) {
    List<CellPopulation.PairPopulation> people = population.byPair();
    List<PairRow> out = new ArrayList<>(areas.size() + 16);
    int i = 0;
    int j = 0;
    while (i < areas.size() || j < people.size()) {
      int cmp;
      if (i == areas.size()) {
        cmp = 1;
      } else if (j == people.size()) {
        cmp = -1;
      } else {
        PairArea a = areas.get(i);
        CellPopulation.PairPopulation p = people.get(j);
        cmp = a.pcnCode().compareTo(p.pcnCode());
        if (cmp == 0) {
          cmp = a.areaCode().compareTo(p.areaCode());
        }
      }
      if (cmp < 0) {
        PairArea a = areas.get(i++);
        out.add(new PairRow(a.pcnCode(), a.areaCode(), a.areaM2(), a.shareOfPcnArea(), 0));
      } else if (cmp > 0) {
        CellPopulation.PairPopulation p = people.get(j++);
        out.add(new PairRow(p.pcnCode(), p.areaCode(), 0, 0, p.population()));
      } else {
        PairArea a = areas.get(i++);
        CellPopulation.PairPopulation p = people.get(j++);
        out.add(
            new PairRow(a.pcnCode(), a.areaCode(), a.areaM2(), a.shareOfPcnArea(), p.population()));
      }
    }
    return out;
  }
}
