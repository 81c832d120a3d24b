package org.pcnatlas.render;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A colour mode resolved for one set of features: its rule (class limits fixed) and its legend, one
 * item per class with how many features it holds, and a no-data item when any has none. The
 * unallocated practices (PCN code {@code U}) are no network: never in a class, they have their own
 * colour and legend item.
 */
public record Scale(
    String mode,
    String title,
    String note,
    Rule rule,
    List<Item> items,
    String noData,
    String unallocated) {

  /** A legend entry. */
  public record Item(String colour, String label, int n) {}

  public Scale {
    items = List.copyOf(items);
  }

  public Scale(String mode, String title, String note, Rule rule, List<Item> items, String noData) {
    this(mode, title, note, rule, items, noData, noData);
  }

  /** Whether the properties are the unallocated practices' (no PCN). */
  public static boolean isUnallocated(Map<String, Object> properties) {
    return org.pcnatlas.model.Practice.UNALLOCATED.equals(properties.get("pcn_code"));
  }

  /**
   * The fill colour of a feature with these properties: {@link #unallocated} for the unallocated
   * practices, {@link #noData} when it has no value.
   */
  public String colour(Map<String, Object> properties) {
    if (isUnallocated(properties)) {
      return unallocated;
    }
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
    m.put("unallocated", unallocated);
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
