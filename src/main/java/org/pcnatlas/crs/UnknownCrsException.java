package org.pcnatlas.crs;

/** A coordinate reference system that pcn-atlas cannot identify or cannot transform. */
public class UnknownCrsException extends RuntimeException {
  public UnknownCrsException(String message) {
    super(message);
  }
}
