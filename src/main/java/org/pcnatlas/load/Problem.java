package org.pcnatlas.load;

import java.util.Objects;

/**
 * One rejected or repaired row or feature: what happened ({@code code}), where ({@code location}:
 * file and row or feature number, e.g. {@code practices.csv:row 12}), and a message for a person.
 */
public record Problem(ProblemCode code, String location, String message) {
  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(message, "message");
  }

  @Override
  public String toString() {
    return location + ": " + code.code() + ": " + message;
  }
}
