package org.pcnatlas.bench;

import java.util.Map;
import java.util.TreeMap;
import org.pcnatlas.export.Decimals;

/**
 * The output figures every peer of the benchmark prints ({@code CHECKSUM {json}}), so that runs and
 * peers can be compared without reading the files.
 *
 * @param catchmentAreaKm2 the sum of the catchment areas, km² to 6 decimals
 * @param pairAreaKm2 the sum of the pair areas, km² to 6 decimals
 * @param pointsAssignedTwice population points counted in more than one PCN
 */
public record Checksums(
    int cells,
    int catchments,
    String catchmentAreaKm2,
    long populationInCatchments,
    int pointsUnassignedPcn,
    int pointsUnassignedDistrict,
    int pointsAssignedTwice,
    int pairs,
    String pairAreaKm2,
    long pairPopulation) {

  static Checksums of(BenchPipeline.Result r) {
    double catchmentArea = 0;
    long population = 0;
    for (BenchPipeline.CatchmentRow c : r.catchments()) {
      catchmentArea += c.areaM2();
      population += c.population();
    }
    double pairArea = 0;
    long pairPopulation = 0;
    for (BenchPipeline.PairRow p : r.pairs()) {
      pairArea += p.areaM2();
      pairPopulation += p.population();
    }
    var m = r.analysis().methods().get(0);
    return new Checksums(
        m.stages().cells(),
        r.catchments().size(),
        Decimals.fixed(catchmentArea / 1e6, 6),
        population,
        m.population().outside().size(),
        r.analysis().unitsOutside(org.pcnatlas.analysis.Analysis.DISTRICTS).size(),
        m.population().inSeveral().size(),
        r.pairs().size(),
        Decimals.fixed(pairArea / 1e6, 6),
        pairPopulation);
  }

  /** The JSON object the harness reads, keys sorted. */
  public String toJson() {
    Map<String, String> m = new TreeMap<>();
    m.put("cells", Integer.toString(cells));
    m.put("catchments", Integer.toString(catchments));
    m.put("catchment_area_km2", catchmentAreaKm2);
    m.put("population_in_catchments", Long.toString(populationInCatchments));
    m.put("points_unassigned_pcn", Integer.toString(pointsUnassignedPcn));
    m.put("points_unassigned_district", Integer.toString(pointsUnassignedDistrict));
    m.put("points_assigned_twice", Integer.toString(pointsAssignedTwice));
    m.put("pairs", Integer.toString(pairs));
    m.put("pair_area_km2", pairAreaKm2);
    m.put("pair_population", Long.toString(pairPopulation));
    StringBuilder sb = new StringBuilder("{");
    m.forEach(
        (k, v) -> {
          if (sb.length() > 1) {
            sb.append(", ");
          }
          sb.append('"').append(k).append("\": ").append(v);
        });
    return sb.append('}').toString();
  }
}
