package org.pcnatlas.analysis;

import java.util.List;
import org.pcnatlas.catchment.Site;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.catchment.VoronoiCells;
import org.pcnatlas.coverage.CellPlacement;
import org.pcnatlas.coverage.UnitPoints;
import org.pcnatlas.model.AreaLayer;

/**
 * The residents of every nearest-practice cell of a run, per area of one layer, with the cells'
 * Delaunay neighbours: what a proposal ({@code org.pcnatlas.propose}) searches over. Read from the
 * run's own stages (the cells drawn and the units placed in them), so a network's residents are the
 * sums of its cells' rows, as the analysis counts them.
 *
 * @param sites the distinct practice sites (cell i is site i), sorted by x then y
 * @param areas the codes of the layer's areas
 * @param residents per site, the residents of its cell in each area ({@code residents[i][k]})
 * @param neighbours per site, the sorted indexes of the sites whose cells touch its cell
 * @param total per site, all the residents of its cell (those in no area of the layer too)
 * @param areaNames the names of the layer's areas
 */
public record SiteTable(
    List<Site> sites,
    List<String> areas,
    double[][] residents,
    int[][] neighbours,
    double[] total,
    List<String> areaNames) {

  /**
   * The table of the run's {@code voronoi} method for the layer.
   *
   * @throws IllegalArgumentException when the run has no such method or layer, kept no stages, or
   *     counted the population by area weights (the cells' residents are then not sums of points)
   */
  public static SiteTable of(AnalysisResult result, String layer) {
    AnalysisResult.MethodResult m =
        result.methods().stream()
            .filter(r -> r.method().equals(VoronoiCatchments.NAME))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "proposals need the voronoi method in the run; it ran "
                            + result.methods().stream()
                                .map(AnalysisResult.MethodResult::method)
                                .toList()));
    if (m.stages() == null || result.stages() == null || m.stages().drawn.voronoi() == null) {
      throw new IllegalArgumentException("the run kept no stages to propose from");
    }
    CellPlacement placed = m.stages().residents.cells();
    if (placed == null) {
      throw new IllegalArgumentException(
          "proposals need the population counted as points (the population mode is area-weighted)");
    }
    AreaLayers layers = result.stages().layers;
    AreaLayer areaLayer =
        layers.layers.stream()
            .filter(l -> l.name().equals(layer))
            .findFirst()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "there is no area layer "
                            + layer
                            + "; the run has "
                            + layers.layers.stream().map(AreaLayer::name).toList()));
    int[] areaOf = layers.areaOf.get(layer);
    UnitPoints units = layers.units;
    VoronoiCells cells = m.stages().drawn.voronoi().cells();
    int n = cells.size();
    int k = areaLayer.areas().size();
    double[][] residents = new double[n][k];
    int[][] neighbours = new int[n][];
    double[] total = new double[n];
    for (int c = 0; c < n; c++) {
      for (int u : placed.unitsOf(c)) {
        total[c] += units.people(u);
        if (areaOf[u] >= 0) {
          residents[c][areaOf[u]] += units.people(u);
        }
      }
      neighbours[c] = java.util.Arrays.stream(cells.neighbours(c)).distinct().sorted().toArray();
    }
    return new SiteTable(
        cells.sites(),
        areaLayer.areas().stream().map(a -> a.code()).toList(),
        residents,
        neighbours,
        total,
        areaLayer.areas().stream().map(a -> a.name() == null ? a.code() : a.name()).toList());
  }
}
