package org.pcnatlas.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a feature's properties choose its colour, with every class limit resolved: what the page's
 * map.js ({@code ruleColour}) and the server's renderer both evaluate, so that they colour a
 * feature alike. Its JSON form ({@link #toJson}) is what {@code GET /map/scales.json} serves.
 */
public sealed interface Rule {

  /** The colour for these properties, or null for no data. */
  String colour(Map<String, Object> properties);

  /**
   * The class these properties fall in, counting the classes of the rule in order (a split's true
   * side first), or -1 for no data.
   */
  int classOf(Map<String, Object> properties);

  /** The rule as the page reads it. */
  Map<String, Object> toJson();

  /** One colour per value of a text property. */
  record Categories(String property, List<String> values, List<String> colours) implements Rule {
    public Categories {
      values = List.copyOf(values);
      colours = List.copyOf(colours);
      if (values.size() != colours.size()) {
        throw new IllegalArgumentException("one colour per value");
      }
    }

    @Override
    public int classOf(Map<String, Object> p) {
      Object v = p.get(property);
      return v == null ? -1 : values.indexOf(v.toString());
    }

    @Override
    public String colour(Map<String, Object> p) {
      int i = classOf(p);
      return i < 0 ? null : colours.get(i);
    }

    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "categories");
      m.put("property", property);
      m.put("values", values);
      m.put("colours", colours);
      return m;
    }
  }

  /**
   * Classes of a number: class i holds the values with i limits at or below them; a missing value
   * (or, when {@code positive}, one not above 0) has no data.
   */
  record Steps(Value value, List<Double> limits, List<String> colours, boolean positive)
      implements Rule {
    public Steps {
      limits = List.copyOf(limits);
      colours = List.copyOf(colours);
      if (colours.size() != limits.size() + 1) {
        throw new IllegalArgumentException("one colour more than limits");
      }
    }

    @Override
    public int classOf(Map<String, Object> p) {
      Double v = value.of(p);
      if (v == null || v.isNaN() || (positive && !(v > 0))) {
        return -1;
      }
      int i = 0;
      for (double l : limits) {
        if (v >= l) {
          i++;
        }
      }
      return i;
    }

    @Override
    public String colour(Map<String, Object> p) {
      int i = classOf(p);
      return i < 0 ? null : colours.get(i);
    }

    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "steps");
      value.into(m);
      m.put("limits", limits);
      m.put("colours", colours);
      m.put("positive", positive);
      return m;
    }
  }

  /** Steps chosen by a true/false property (e.g. whether the PCN straddles districts). */
  record Split(String flag, Steps whenTrue, Steps whenFalse) implements Rule {
    @Override
    public int classOf(Map<String, Object> p) {
      if (!(p.get(flag) instanceof Boolean b)) {
        return -1;
      }
      int i = (b ? whenTrue : whenFalse).classOf(p);
      return i < 0 ? -1 : b ? i : whenTrue.colours().size() + i;
    }

    @Override
    public String colour(Map<String, Object> p) {
      Object f = p.get(flag);
      if (!(f instanceof Boolean b)) {
        return null;
      }
      return (b ? whenTrue : whenFalse).colour(p);
    }

    @Override
    public Map<String, Object> toJson() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("type", "split");
      m.put("flag", flag);
      m.put("whenTrue", whenTrue.toJson());
      m.put("whenFalse", whenFalse.toJson());
      return m;
    }
  }

  /**
   * The number a {@link Steps} rule classes: a property, or the mean of counts per class ({@code
   * prefix + k} holds how many have class k, from {@code from} to {@code to}).
   */
  record Value(String property, String prefix, int from, int to) {
    public static Value property(String name) {
      return new Value(name, null, 0, 0);
    }

    public static Value meanOfCounts(String prefix, int from, int to) {
      return new Value(null, prefix, from, to);
    }

    public Double of(Map<String, Object> p) {
      if (property != null) {
        return p.get(property) instanceof Number n ? n.doubleValue() : null;
      }
      double n = 0;
      double sum = 0;
      for (int k = from; k <= to; k++) {
        double c = p.get(prefix + k) instanceof Number x ? x.doubleValue() : 0;
        n += c;
        sum += k * c;
      }
      return n > 0 ? sum / n : null;
    }

    void into(Map<String, Object> m) {
      if (property != null) {
        m.put("property", property);
      } else {
        Map<String, Object> mean = new LinkedHashMap<>();
        mean.put("prefix", prefix);
        mean.put("from", from);
        mean.put("to", to);
        m.put("meanOfCounts", mean);
      }
    }
  }
}
