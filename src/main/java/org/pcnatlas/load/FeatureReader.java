package org.pcnatlas.load;

import java.nio.file.Path;
import org.pcnatlas.config.ReadOptions;

/**
 * The one reader contract: read a file of one format, transform its geometries into the analysis
 * CRS ({@link ReadOptions#targetEpsg()}), and report every rejected or repaired row.
 *
 * <p>A file that cannot be parsed at all, or whose CRS is unknown or missing, fails with a {@link
 * LoadException} naming the file; a bad row or feature is recorded in the {@link LoadReport} and
 * the rest are read.
 */
public interface FeatureReader {
  LoadedLayer read(Path file, ReadOptions options);
}
