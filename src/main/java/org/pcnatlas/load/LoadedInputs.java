package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.Registration;

/**
 * Everything {@link InputLoader} read for one analysis, in EPSG:27700: the data, not yet the
 * catchment methods drawn from it (the analysis makes those, from the registry).
 *
 * @param districts the district layer, its areas' groups their network areas when given
 * @param otherLayers localities, wards and any other area layers, in the order given
 * @param populationFile the file the population units came from (named by a later error)
 * @param lsoas the LSOA polygons when {@code --lsoa} was given, else null
 * @param registrations practice x LSOA registrations when a method needs them, else null
 * @param radii per practice, its radius from the radius column, when the distance method runs with
 *     one, else null (empty: no column)
 * @param catchments per practice, its given catchment polygon, when the given method runs, else
 *     null
 * @param report everything rejected or repaired on the way in
 * @param timings seconds per input ({@code load.practices}, {@code load.districts}, ...)
 */
public record LoadedInputs(
    List<Practice> practices,
    List<Pcn> pcns,
    Geometry region,
    AreaLayer districts,
    List<AreaLayer> otherLayers,
    List<PopulationUnit> population,
    Path populationFile,
    AreaLayer lsoas,
    List<Registration> registrations,
    Map<String, Double> radii,
    Map<String, Geometry> catchments,
    LoadReport report,
    Map<String, Double> timings) {}
