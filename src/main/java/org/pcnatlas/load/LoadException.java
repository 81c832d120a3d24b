package org.pcnatlas.load;

import java.nio.file.Path;

/** A file that cannot be read at all; the message names the file and what is wrong with it. */
public class LoadException extends RuntimeException {
  public LoadException(Path file, String problem) {
    super(file + ": " + problem);
  }

  public LoadException(Path file, String problem, Throwable cause) {
    super(file + ": " + problem, cause);
  }
}
