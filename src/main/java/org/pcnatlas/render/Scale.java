package org.pcnatlas.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A colour mode resolved for one set of features: its rule (class limits fixed) and its legend, one
 * item per class with how many features it holds, and a no-data item when any has none.
 */
public record Scale(
    String mode, String title, String note, Rule rule, List<Item> items, String noData) {

  /** A legend entry. */
  public record Item(String colour, String label, int n) {}

  public Scale {
    items = List.copyOf(items);
  }

  /** The fill colour of a feature with these properties ({@link #noData} when it has none). */
  public String colour(Map<String, Object> properties) {
    String c = rule.colour(properties);
    return c == null ? noData : c;
  }

  /** The scale as {@code GET /map/scales.json} serves it. */
  public Map<String, Object> toJson() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mode", mode);
    m.put("title", title);
    m.put("note", note);
    m.put("noData", noData);
    m.put("rule", rule.toJson());
    m.put(
        "items",
        items.stream()
            .map(
                i -> {
                  Map<String, Object> e = new LinkedHashMap<>();
                  e.put("colour", i.colour());
                  e.put("label", i.label());
                  e.put("n", i.n());
                  return e;
                })
            .toList());
    return m;
  }
}
