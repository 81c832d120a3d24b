package org.pcnatlas.render;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The map's styles, from the one file both the page and the renderer read ({@code
 * org/pcnatlas/web/styles.json}, served as {@code /map/styles.json}): the colour modes of the
 * catchments, the outlines of the area layers, the practices and the gaps and overlaps. {@link
 * #scale} resolves a colour mode for a set of features (quantile limits, the bands present, legend
 * counts); the page takes that resolved scale from the server rather than computing its own.
 */
public final class MapStyles {
  /** The resource both read. */
  public static final String RESOURCE = "/org/pcnatlas/web/styles.json";

  /** A line: colour, width in CSS pixels, opacity, dash pattern (empty for solid). */
  public record Stroke(String colour, double width, double opacity, List<Double> dash) {}

  /** A filled shape's fill and outline. */
  public record Area(String fill, double fillOpacity, Stroke stroke) {}

  /** A colour mode as the file defines it. */
  public record Mode(String id, String title, String label, String note, String profile) {}

  private static final MapStyles STANDARD = load();

  private final byte[] json;
  private final JsonNode root;
  private final Map<String, Mode> modes = new LinkedHashMap<>();

  private MapStyles(byte[] json) {
    this.json = json;
    try {
      this.root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (var e : root.get("colourModes").properties()) {
      JsonNode m = e.getValue();
      modes.put(
          e.getKey(),
          new Mode(
              e.getKey(),
              m.get("title").asText(),
              m.get("label").asText(),
              m.get("note").asText(),
              m.hasNonNull("profile") ? m.get("profile").asText() : null));
    }
  }

  /** The styles of the page, from the jar. */
  public static MapStyles standard() {
    return STANDARD;
  }

  private static MapStyles load() {
    try (InputStream in = MapStyles.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the jar; rebuild it");
      }
      return new MapStyles(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file as the page reads it. */
  public byte[] json() {
    return json.clone();
  }

  /** The colour modes, in the page's menu order. */
  public Collection<Mode> modes() {
    return modes.values();
  }

  /** The colour modes a set of features can use: those needing a profile property it lacks not. */
  public List<String> modesFor(Collection<String> properties) {
    List<String> out = new ArrayList<>();
    for (Mode m : modes.values()) {
      if (m.profile() == null || properties.contains(m.profile())) {
        out.add(m.id());
      }
    }
    return out;
  }

  public boolean hasMode(String id) {
    return modes.containsKey(id);
  }

  public String noData() {
    return root.get("noData").asText();
  }

  /** The outline of the catchments. */
  public Stroke catchmentStroke() {
    JsonNode c = root.get("catchments");
    return new Stroke(
        c.get("stroke").asText(),
        c.get("strokeWidth").asDouble(),
        c.get("strokeOpacity").asDouble(),
        List.of());
  }

  /** The catchments' fill opacity: lighter when a method's catchments overlap by design. */
  public double catchmentFillOpacity(boolean overlapping) {
    JsonNode c = root.get("catchments");
    return c.get(overlapping ? "overlappingFillOpacity" : "fillOpacity").asDouble();
  }

  /** A baseline catchment under a scenario's: a dotted outline, no fill. */
  public Stroke baselineUnderScenario() {
    return stroke(root.get("scenario").get("baseline"));
  }

  /** The outline of a catchment a scenario changes. */
  public Stroke changedOutline() {
    return stroke(root.get("scenario").get("changed"));
  }

  /** The outline of an area layer (districts, network-areas, localities; another: "other"). */
  public Stroke outline(String layer) {
    JsonNode o = root.get("outlines");
    return stroke(o.has(layer) ? o.get(layer) : o.get("other"));
  }

  /** The practices' markers: radius in CSS pixels, fill and outline. */
  public Area practice() {
    JsonNode p = root.get("practices");
    return new Area(p.get("fill").asText(), p.get("fillOpacity").asDouble(), stroke(p));
  }

  public double practiceRadius() {
    return root.get("practices").get("radius").asDouble();
  }

  /** The gaps ("gaps") or overlaps ("overlaps") of the coverage. */
  public Area coverage(String which) {
    JsonNode c = root.get("coverage").get(which);
    return new Area(c.get("fill").asText(), c.get("fillOpacity").asDouble(), stroke(c));
  }

  private static Stroke stroke(JsonNode n) {
    List<Double> dash = new ArrayList<>();
    if (n.has("dash")) {
      n.get("dash").forEach(d -> dash.add(d.asDouble()));
    }
    return new Stroke(
        n.get("stroke").asText(),
        n.get("strokeWidth").asDouble(),
        n.has("strokeOpacity") ? n.get("strokeOpacity").asDouble() : 1,
        List.copyOf(dash));
  }

  /**
   * The colour mode resolved for these features' properties: its rule with limits fixed and its
   * legend with counts.
   *
   * @throws IllegalArgumentException for a mode the file does not define
   */
  public Scale scale(String modeId, List<Map<String, Object>> all) {
    Mode mode = modes.get(modeId);
    if (mode == null) {
      throw new IllegalArgumentException("no colour mode " + modeId);
    }
    // the unallocated practices are no PCN: not in the classes, nor in the quantiles' breaks
    List<Map<String, Object>> features = all.stream().filter(p -> !Scale.isUnallocated(p)).toList();
    int unallocated = all.size() - features.size();
    JsonNode def = root.get("colourModes").get(modeId);
    String kind = def.get("kind").asText();
    Rule rule;
    List<String> colours = new ArrayList<>();
    List<String> labels = new ArrayList<>();
    switch (kind) {
      case "bands" -> {
        String property = def.get("property").asText();
        List<String> palette = texts(def.get("colours"));
        TreeSet<String> present =
            new TreeSet<>(
                (a, b) -> rank(a) != rank(b) ? Integer.compare(rank(a), rank(b)) : a.compareTo(b));
        for (Map<String, Object> p : features) {
          if (p.get(property) != null) {
            present.add(p.get(property).toString());
          }
        }
        List<String> values = new ArrayList<>(present);
        values.forEach(v -> colours.add(palette.get(rank(v))));
        labels.addAll(values);
        rule = new Rule.Categories(property, values, colours);
      }
      case "quantiles" -> {
        String property = def.get("property").asText();
        List<String> palette = texts(def.get("palette"));
        double[] values =
            features.stream()
                .mapToDouble(p -> p.get(property) instanceof Number n ? n.doubleValue() : 0)
                .toArray();
        List<Double> breaks = NiceBreaks.of(values, palette.size());
        colours.addAll(NiceBreaks.spread(palette, breaks.size() + 1));
        for (int i = 0; i < colours.size(); i++) {
          labels.add(
              breaks.isEmpty()
                  ? "any"
                  : i == 0
                      ? "under " + count(breaks.get(0))
                      : i == breaks.size()
                          ? count(breaks.get(i - 1)) + " or more"
                          : count(breaks.get(i - 1)) + " to " + count(breaks.get(i)));
        }
        rule = new Rule.Steps(Rule.Value.property(property), breaks, colours, true);
      }
      case "steps" -> {
        Rule.Steps steps = steps(def, value(def), false);
        colours.addAll(steps.colours());
        labels.addAll(texts(def.get("labels")));
        rule = steps;
      }
      case "split" -> {
        Rule.Value value = value(def);
        Rule.Steps whenTrue = steps(def.get("whenTrue"), value, false);
        Rule.Steps whenFalse = steps(def.get("whenFalse"), value, false);
        colours.addAll(whenTrue.colours());
        colours.addAll(whenFalse.colours());
        labels.addAll(texts(def.get("whenTrue").get("labels")));
        labels.addAll(texts(def.get("whenFalse").get("labels")));
        rule = new Rule.Split(def.get("flag").asText(), whenTrue, whenFalse);
      }
      default -> throw new IllegalStateException(RESOURCE + ": unknown kind " + kind);
    }
    int[] counts = new int[colours.size()];
    int none = 0;
    for (Map<String, Object> p : features) {
      int i = classOf(rule, p);
      if (i < 0) {
        none++;
      } else {
        counts[i]++;
      }
    }
    List<Scale.Item> items = new ArrayList<>();
    for (int i = 0; i < colours.size(); i++) {
      items.add(new Scale.Item(colours.get(i), labels.get(i), counts[i]));
    }
    if (none > 0) {
      String noneLabel = def.hasNonNull("noneLabel") ? def.get("noneLabel").asText() : "no data";
      items.add(new Scale.Item(noData(), noneLabel, none));
    }
    JsonNode u = root.get("unallocated");
    if (unallocated > 0) {
      items.add(new Scale.Item(u.get("colour").asText(), u.get("label").asText(), unallocated));
    }
    return new Scale(
        modeId, mode.title(), mode.note(), rule, items, noData(), u.get("colour").asText());
  }

  /** The legend item a feature falls in (items in rule order), or -1 for no data. */
  static int classOf(Rule rule, Map<String, Object> p) {
    return rule.classOf(p);
  }

  private static Rule.Value value(JsonNode def) {
    if (def.has("meanOfCounts")) {
      JsonNode m = def.get("meanOfCounts");
      return Rule.Value.meanOfCounts(
          m.get("prefix").asText(), m.get("from").asInt(), m.get("to").asInt());
    }
    return Rule.Value.property(def.get("property").asText());
  }

  private static Rule.Steps steps(JsonNode def, Rule.Value value, boolean positive) {
    List<Double> limits = new ArrayList<>();
    def.get("limits").forEach(l -> limits.add(l.asDouble()));
    return new Rule.Steps(value, limits, texts(def.get("colours")), positive);
  }

  /** Bands in order: under-... first, over-... last, the band itself between. */
  private static int rank(String band) {
    return band.startsWith("under-") ? 0 : band.startsWith("over-") ? 2 : 1;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  /** A count as the page writes it: 12,300. */
  static String count(double v) {
    return String.format(Locale.UK, "%,d", Math.round(v));
  }
}
