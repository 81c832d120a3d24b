package org.pcnatlas.api.cql;

/** The type of a property a collection's filters may use (a queryable). */
public enum Queryable {
  STRING("a string"),
  INTEGER("an integer"),
  NUMBER("a number"),
  BOOLEAN("a boolean"),
  GEOMETRY("a geometry");

  private final String noun;

  Queryable(String noun) {
    this.noun = noun;
  }

  /** "a string", "an integer", ...: the type as the messages name it. */
  public String noun() {
    return noun;
  }
}
