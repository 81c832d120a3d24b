package org.pcnatlas.analysis;

import java.util.List;
import java.util.Objects;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.coverage.PopulationAllocation;
import org.pcnatlas.coverage.SizeBands;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;

/**
 * Everything one analysis run needs, loaded and in EPSG:27700.
 *
 * @param region the study area
 * @param districts the district layer (its areas' groups, when set, are their network areas)
 * @param otherLayers localities, wards and any other area layers, compared like districts
 * @param population where people live
 * @param methods the catchment methods to run, in order
 * @param report what loading rejected or repaired
 */
public record AnalysisInputs(
    List<Practice> practices,
    List<Pcn> pcns,
    Geometry region,
    AreaLayer districts,
    List<AreaLayer> otherLayers,
    List<PopulationUnit> population,
    PopulationAllocation.Mode populationMode,
    List<CatchmentMethod> methods,
    SizeBands sizeBands,
    LoadReport report) {
  public AnalysisInputs {
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(districts, "districts");
    if (!Analysis.DISTRICTS.equals(districts.name())) {
      throw new IllegalArgumentException(
          "the district layer must be named '"
              + Analysis.DISTRICTS
              + "', not '"
              + districts.name()
              + "'");
    }
    practices = List.copyOf(practices);
    pcns = List.copyOf(pcns);
    otherLayers = List.copyOf(otherLayers);
    population = List.copyOf(population);
    methods = List.copyOf(methods);
    if (methods.isEmpty()) {
      throw new IllegalArgumentException("at least one catchment method is needed");
    }
  }

  /**
   * The same study area, population and layers under another configuration of practices, PCNs,
   * district groups and methods: a what-if scenario's inputs.
   */
  public AnalysisInputs withConfiguration(
      List<Practice> practices,
      List<Pcn> pcns,
      AreaLayer districts,
      List<CatchmentMethod> methods) {
    return new AnalysisInputs(
        practices,
        pcns,
        region,
        districts,
        otherLayers,
        population,
        populationMode,
        methods,
        sizeBands,
        report);
  }

  /** The same inputs run by other methods. */
  public AnalysisInputs withMethods(List<CatchmentMethod> methods) {
    return withConfiguration(practices, pcns, districts, methods);
  }

  /** True when every district has a network area, so network areas can be dissolved. */
  public boolean grouped() {
    return !districts.areas().isEmpty()
        && districts.areas().stream().allMatch(a -> a.group() != null && !a.group().isBlank());
  }
}
