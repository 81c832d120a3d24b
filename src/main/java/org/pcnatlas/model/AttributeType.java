package org.pcnatlas.model;

/**
 * The type of one attribute (column) of a feature layer, as the source file declares or implies it.
 */
public enum AttributeType {
  STRING("string"),
  INTEGER("integer"),
  REAL("real"),
  BOOLEAN("boolean"),
  DATE("date");

  private final String label;

  AttributeType(String label) {
    this.label = label;
  }

  /** The lower-case name used in reports and JSON output. */
  public String label() {
    return label;
  }

  /**
   * The narrowest type that holds values of both types (integer + real = real; anything else mixed
   * = string).
   */
  public AttributeType widen(AttributeType other) {
    if (other == null || other == this) {
      return this;
    }
    if ((this == INTEGER && other == REAL) || (this == REAL && other == INTEGER)) {
      return REAL;
    }
    return STRING;
  }
}
