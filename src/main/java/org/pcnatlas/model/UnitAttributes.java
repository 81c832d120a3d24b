package org.pcnatlas.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Numeric attributes of the population units, joined by unit code (deprivation deciles and scores,
 * residents by age band, any other figure per LSOA): what a catchment's profile is made of.
 *
 * @param columns the attributes, in order
 * @param byCode per unit code, one value per column (NaN where the file has none)
 */
public record UnitAttributes(List<Column> columns, Map<String, double[]> byCode) {
  /** How an attribute adds up over the units of a catchment. */
  public enum Kind {
    /** People counted in the unit (residents by age band): summed, shared as the residents are. */
    COUNT,
    /**
     * A national decile of the unit, 1 (most deprived) to 10: residents are counted per decile, and
     * the share in deciles 1 and 2 is the Core20 share.
     */
    DECILE,
    /** A figure of the unit (a score, a rate): its mean weighted by the unit's residents. */
    MEAN
  }

  /**
   * One attribute.
   *
   * @param name the column's name in its file
   * @param kind how it adds up
   * @param file the file it came from (for the load report)
   */
  public record Column(String name, Kind kind, String file) {}

  /** No attributes. */
  public static final UnitAttributes NONE = new UnitAttributes(List.of(), Map.of());

  public UnitAttributes {
    columns = List.copyOf(columns);
    byCode = Collections.unmodifiableMap(new HashMap<>(byCode));
    for (double[] v : byCode.values()) {
      if (v.length != columns.size()) {
        throw new IllegalArgumentException(
            "every unit needs one value per column (" + columns.size() + "), got " + v.length);
      }
    }
  }

  public boolean isEmpty() {
    return columns.isEmpty();
  }

  /** The index of a column, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The values of a unit, or null when no file has a row for it. */
  public double[] of(String code) {
    return byCode.get(code);
  }

  /**
   * These attributes and another file's side by side (a unit either lacks gets NaN there).
   *
   * @throws IllegalArgumentException when both have a column of the same name
   */
  public UnitAttributes and(UnitAttributes other) {
    if (isEmpty()) {
      return other;
    }
    if (other.isEmpty()) {
      return this;
    }
    Set<String> names = new LinkedHashSet<>();
    for (Column c : columns) {
      names.add(c.name());
    }
    for (Column c : other.columns) {
      if (!names.add(c.name())) {
        throw new IllegalArgumentException(
            "the column "
                + c.name()
                + " is in both "
                + columns.get(indexOf(c.name())).file()
                + " and "
                + c.file()
                + "; give only one of them");
      }
    }
    List<Column> all = new ArrayList<>(columns);
    all.addAll(other.columns);
    Map<String, double[]> merged = new HashMap<>();
    Set<String> codes = new LinkedHashSet<>(byCode.keySet());
    codes.addAll(other.byCode.keySet());
    for (String code : codes) {
      double[] a = byCode.get(code);
      double[] b = other.byCode.get(code);
      double[] v = new double[all.size()];
      for (int i = 0; i < columns.size(); i++) {
        v[i] = a == null ? Double.NaN : a[i];
      }
      for (int i = 0; i < other.columns.size(); i++) {
        v[columns.size() + i] = b == null ? Double.NaN : b[i];
      }
      merged.put(code, v);
    }
    return new UnitAttributes(all, merged);
  }
}
