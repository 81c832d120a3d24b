package org.pcnatlas.load;

import java.nio.file.Path;
import org.pcnatlas.config.ReadOptions;

/** Work in progress. */
public final class CsvPointReader implements FeatureReader {
  @Override
  public LoadedLayer read(Path file, ReadOptions options) {
    throw new LoadException(file, "CsvPointReader not implemented yet");
  }
}
