package org.pcnatlas.api.cql;

import java.util.Objects;

/** A scalar operand of a predicate: a property or a literal. */
public sealed interface Operand permits Operand.Property, Operand.Literal {
  /** The 1-based character position of the operand in the filter text. */
  int position();

  /** The operand's value for a feature: String, Long, Double, Boolean, or null (none). */
  Object valueFor(Row row);

  /** A property of the feature, by name (checked against the queryables by {@link Cql2#check}). */
  record Property(String name, int position) implements Operand {
    public Property {
      Objects.requireNonNull(name, "name");
      if (name.isEmpty()) {
        throw new IllegalArgumentException("a property name is not empty");
      }
    }

    @Override
    public Object valueFor(Row row) {
      return Values.normalise(row.value(name), name);
    }
  }

  /**
   * A literal value: a String, a Long (an Integer is kept as a Long), a Double or a Boolean; never
   * null (CQL2 has no null literal, only {@code IS NULL}).
   */
  record Literal(Object value, int position) implements Operand {
    public Literal {
      Objects.requireNonNull(value, "value");
      value = Values.normalise(value, "a literal");
    }

    @Override
    public Object valueFor(Row row) {
      return value;
    }

    /**
     * The literal as cql2-text writes it: {@code 'it''s'}, {@code 12}, {@code 2.5}, {@code TRUE}.
     */
    public String text() {
      return Values.text(value);
    }
  }
}
