package org.pcnatlas.analysis;

import java.util.List;
import java.util.Map;

/**
 * The figures of one PCN's catchment by one method: the row of {@code pcns.csv} and the properties
 * of its catchment feature.
 *
 * @param residentPopulation people living in the catchment
 * @param populationSource {@code points} (population-weighted centroids) or {@code area-weighted}
 *     (unit polygons)
 * @param residentPerRegistered resident ÷ registered, null when the registered list is 0
 * @param dominantDistrictShare the dominant district's share of the PCN's resident population (of
 *     its area when the catchment has no residents)
 * @param districtsOver5Percent districts holding at least 5% of the PCN's residents
 * @param straddles more than one district holds at least 5%
 * @param networkArea the network area holding most of its residents (null when districts are not
 *     grouped)
 * @param withinOneNetworkArea only one network area holds at least 5% (null when not grouped)
 */
public record PcnFigures(
    String method,
    String pcnCode,
    String pcnName,
    List<String> practiceCodes,
    long registeredList,
    double areaKm2,
    double residentPopulation,
    String populationSource,
    Double residentPerRegistered,
    String sizeBand,
    String dominantDistrictCode,
    String dominantDistrictName,
    double dominantDistrictShare,
    int districtsOver5Percent,
    boolean straddles,
    String networkArea,
    Boolean withinOneNetworkArea,
    Map<String, Double> profile) {
  public PcnFigures {
    practiceCodes = List.copyOf(practiceCodes);
    // the figures of who lives in the catchment (Profiles), in order; empty without unit attributes
    profile =
        profile == null
            ? Map.of()
            : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(profile));
  }
}
