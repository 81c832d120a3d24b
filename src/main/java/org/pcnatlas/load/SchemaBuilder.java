package org.pcnatlas.load;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.pcnatlas.model.AttributeType;

/** Gathers the attribute schema of a layer whose types are implied by the values (GeoJSON, CSV). */
final class SchemaBuilder {
  private final Map<String, AttributeType> types = new LinkedHashMap<>();

  /** Declares a column (keeps header order even when every value is null). */
  void declare(String name) {
    types.putIfAbsent(name, null);
  }

  void observe(String name, Object value) {
    AttributeType t = typeOf(value);
    AttributeType seen = types.get(name);
    types.put(name, seen == null ? t : seen.widen(t));
  }

  void observeAll(Map<String, Object> properties) {
    properties.forEach(this::observe);
  }

  /** The schema; a column with only null values is a string column. */
  Map<String, AttributeType> build() {
    Map<String, AttributeType> out = new LinkedHashMap<>();
    types.forEach((k, v) -> out.put(k, v == null ? AttributeType.STRING : v));
    return out;
  }

  static AttributeType typeOf(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Long || value instanceof Integer) {
      return AttributeType.INTEGER;
    }
    if (value instanceof Double || value instanceof Float) {
      return AttributeType.REAL;
    }
    if (value instanceof Boolean) {
      return AttributeType.BOOLEAN;
    }
    if (value instanceof LocalDate) {
      return AttributeType.DATE;
    }
    return AttributeType.STRING;
  }
}
