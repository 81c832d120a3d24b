package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.List;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.model.FeatureLayer;

/**
 * What a reader returns: the features in the analysis CRS, with what the source file declared
 * (format, CRS, extent in source coordinates, geometry types) and the report of every rejected or
 * repaired row.
 *
 * @param sourceEpsg the file's CRS, or null for a table without coordinates
 * @param sourceBbox extent of the accepted geometries in source coordinates (null envelope when
 *     none)
 * @param geometryTypes the geometry types found in the file, sorted
 * @param rowsRead number of rows or features in the file, accepted or not
 */
public record LoadedLayer(
    Path file,
    SourceFormat format,
    Integer sourceEpsg,
    Envelope sourceBbox,
    List<String> geometryTypes,
    long rowsRead,
    FeatureLayer layer,
    LoadReport report) {

  public LoadedLayer {
    geometryTypes = List.copyOf(geometryTypes);
  }
}
