package org.pcnatlas.api.cql;

/**
 * The three truth values of CQL2 (as in SQL): a comparison with a missing (null) value is {@link
 * #UNKNOWN}, and the logical operators follow Kleene's logic: {@code FALSE AND UNKNOWN} is false,
 * {@code TRUE OR UNKNOWN} is true, {@code NOT UNKNOWN} is unknown. A feature passes a filter only
 * when the filter is {@link #TRUE}.
 */
public enum Truth {
  TRUE,
  FALSE,
  UNKNOWN;

  public static Truth of(boolean b) {
    return b ? TRUE : FALSE;
  }

  public Truth and(Truth other) {
    if (this == FALSE || other == FALSE) {
      return FALSE;
    }
    return this == TRUE && other == TRUE ? TRUE : UNKNOWN;
  }

  public Truth or(Truth other) {
    if (this == TRUE || other == TRUE) {
      return TRUE;
    }
    return this == FALSE && other == FALSE ? FALSE : UNKNOWN;
  }

  public Truth not() {
    return switch (this) {
      case TRUE -> FALSE;
      case FALSE -> TRUE;
      case UNKNOWN -> UNKNOWN;
    };
  }
}
