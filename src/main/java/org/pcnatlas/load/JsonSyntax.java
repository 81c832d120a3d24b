package org.pcnatlas.load;

import com.fasterxml.jackson.core.JsonProcessingException;

/** The one wording of a JSON syntax error: what is wrong and where, for any JSON the user gives. */
public final class JsonSyntax {
  private JsonSyntax() {}

  /** {@code not valid JSON at line 3, column 7: <what the parser found>}. */
  public static String describe(JsonProcessingException e) {
    var loc = e.getLocation();
    return "not valid JSON"
        + (loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr())
        + ": "
        + e.getOriginalMessage();
  }
}
