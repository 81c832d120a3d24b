package org.pcnatlas.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.Figures;
import org.pcnatlas.analysis.PcnFigures;
import org.pcnatlas.analysis.Pipeline;
import org.pcnatlas.catchment.Catchment;

/**
 * The peer benchmark's pipeline: the analysis's own {@link Pipeline} (the one {@code analyse} runs,
 * voronoi method), its stage timers reported as the harness's steps, then the harness's two output
 * files:
 *
 * <ol>
 *   <li>{@code a_voronoi_clip}: stage {@code voronoi.cells};
 *   <li>{@code b_dissolve}: stage {@code voronoi.catchments};
 *   <li>{@code c_overlay}: stages {@code areas} (the districts indexed) and {@code voronoi.pairs};
 *   <li>{@code d_population}: stages {@code units}, {@code units.areas} and {@code
 *       voronoi.population};
 *   <li>{@code e_write}: {@link BenchWriter} ({@code catchments.geojson}, {@code pairs.csv});
 *   <li>{@code f_figures}, {@code g_coverage}: stages {@code voronoi.figures} and {@code
 *       voronoi.coverage}, which {@code analyse} runs and the other peers do not (reported
 *       separately, counted in the total).
 * </ol>
 */
public final class BenchPipeline {
  /** The step names of the benchmark, in order. */
  public static final List<String> STEPS =
      List.of(
          "load",
          "a_voronoi_clip",
          "b_dissolve",
          "c_overlay",
          "d_population",
          "e_write",
          "f_figures",
          "g_coverage");

  /** Which stages of the analysis make up each step. */
  static final Map<String, List<String>> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("a_voronoi_clip", List.of("voronoi.cells"));
    STAGES.put("b_dissolve", List.of("voronoi.catchments"));
    STAGES.put("c_overlay", List.of("areas", "network_areas", "voronoi.pairs"));
    STAGES.put("d_population", List.of("units", "units.areas", "voronoi.population"));
    STAGES.put("f_figures", List.of("voronoi.figures"));
    STAGES.put("g_coverage", List.of("voronoi.coverage"));
  }

  /** One row of {@code pairs.csv}. */
  public record PairRow(
      String pcnCode, String districtCode, double areaM2, double shareOfPcn, long population) {}

  /** One feature of {@code catchments.geojson}: a PCN's catchment, its area and population. */
  public record CatchmentRow(String pcnCode, Geometry geometry, double areaM2, long population) {}

  /** What the pipeline produced. */
  public record Result(
      AnalysisResult analysis, List<CatchmentRow> catchments, List<PairRow> pairs) {
    /** The figures every peer prints, for comparing outputs. */
    public Checksums checksums() {
      return Checksums.of(this);
    }
  }

  private BenchPipeline() {}

  /** Runs the analysis on loaded inputs (voronoi), then writes into {@code out} (which exists). */
  public static Result run(AnalysisInputs in, Path out, StepTimer timer) {
    AnalysisResult r = Pipeline.run(in);
    Map<String, Double> seconds = r.timings();
    STAGES.forEach(
        (step, stages) -> {
          if (!step.equals("f_figures") && !step.equals("g_coverage")) {
            timer.record(step, sum(seconds, stages));
          }
        });
    Result result =
        timer.time(
            "e_write",
            () -> {
              AnalysisResult.MethodResult m = r.methods().get(0);
              Result rows = new Result(r, catchments(m), pairs(m));
              BenchWriter.write(out, rows.catchments(), rows.pairs());
              return rows;
            });
    timer.record("f_figures", sum(seconds, STAGES.get("f_figures")));
    timer.record("g_coverage", sum(seconds, STAGES.get("g_coverage")));
    return result;
  }

  private static double sum(Map<String, Double> seconds, List<String> stages) {
    double s = 0;
    for (String stage : stages) {
      s += seconds.getOrDefault(stage, 0.0);
    }
    return s;
  }

  private static List<CatchmentRow> catchments(AnalysisResult.MethodResult m) {
    Map<String, PcnFigures> figures = new LinkedHashMap<>();
    m.pcns().forEach(f -> figures.put(f.pcnCode(), f));
    List<CatchmentRow> out = new ArrayList<>(m.catchments().pcns().size());
    for (Catchment c : m.catchments().pcns()) {
      long people = Math.round(figures.get(c.pcnCode()).residentPopulation());
      out.add(new CatchmentRow(c.pcnCode(), c.geometry(), c.geometry().getArea(), people));
    }
    return out;
  }

  /** The district pairs: those of at least 1 m², and those with residents (area 0 if less). */
  private static List<PairRow> pairs(AnalysisResult.MethodResult m) {
    List<PairRow> out = new ArrayList<>();
    for (Figures.PopulatedPair p : m.pairs().get(Analysis.DISTRICTS)) {
      out.add(
          new PairRow(
              p.pair().pcnCode(),
              p.pair().areaCode(),
              p.pair().areaM2(),
              p.pair().shareOfPcnArea(),
              Math.round(p.population())));
    }
    return out;
  }
}
