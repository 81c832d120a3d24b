package org.pcnatlas.propose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.pcnatlas.scenario.ScenarioException;

/**
 * What a proposal is asked for: the JSON body of {@code POST /proposals} and the file of {@code
 * pcn-atlas propose --spec}. Every field has a default, so {@code {}} asks for the NHS band on the
 * districts.
 *
 * @param lower the size band's lower bound, inclusive (default 30,000)
 * @param upper the upper bound, inclusive (default 50,000)
 * @param onResidents the band is on the network's residents rather than its registered list
 * @param layer the alignment layer: {@code districts} (default), {@code network-areas} or another
 *     area layer of the run (localities)
 * @param forbidCrossing crossing the layer is forbidden (every network's practices in one area)
 *     rather than weighted in the objective
 * @param fixedPcns PCNs kept exactly as they are (no practice leaves or joins)
 * @param fixedPractices practices kept in their PCN of today
 * @param groups practices that must stay together (a merger, a shared building)
 * @param maxMoves at most this many practices moved, or null for no limit
 * @param timeLimitSeconds the search stops at this time, finished or not (default 60)
 * @param seed the seed of the search's random choices (default 1)
 * @param name the name of the scenario it emits (default "Proposal ...")
 */
public record ProposalSpec(
    double lower,
    double upper,
    boolean onResidents,
    String layer,
    boolean forbidCrossing,
    List<String> fixedPcns,
    List<String> fixedPractices,
    List<List<String>> groups,
    Integer maxMoves,
    double timeLimitSeconds,
    long seed,
    String name) {
  public static final double MAX_TIME_LIMIT = 600;
  public static final double DEFAULT_TIME_LIMIT = 60;
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> FIELDS =
      Set.of(
          "band",
          "layer",
          "crossing",
          "fixedPcns",
          "fixedPractices",
          "groups",
          "maxMoves",
          "timeLimitSeconds",
          "seed",
          "name");

  public ProposalSpec {
    fixedPcns = List.copyOf(fixedPcns);
    fixedPractices = List.copyOf(fixedPractices);
    groups = groups.stream().map(List::copyOf).toList();
  }

  /** The NHS band on the districts, nothing fixed, no move limit. */
  public static ProposalSpec defaults() {
    return parse(JsonNodeFactory.instance.objectNode());
  }

  public Instance.Band band() {
    return new Instance.Band(lower, upper, onResidents);
  }

  /**
   * Parses a specification, checking its shape (known fields, types, ranges); whether the codes and
   * the layer exist is checked against the baseline by {@link Proposer}.
   *
   * @throws ScenarioException ({@code InvalidSpecification}) naming the field
   */
  public static ProposalSpec parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw invalid("body", "the specification must be a JSON object");
    }
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!FIELDS.contains(f)) {
        throw invalid(f, f + " is not a field of a proposal; use " + String.join(", ", sorted()));
      }
    }
    double lower = 30_000;
    double upper = 50_000;
    boolean onResidents = false;
    JsonNode band = node.get("band");
    if (band != null) {
      if (!band.isObject()) {
        throw invalid(
            "band", "band must be an object {\"lower\": ..., \"upper\": ..., \"on\": ...}");
      }
      for (Iterator<String> it = band.fieldNames(); it.hasNext(); ) {
        String f = it.next();
        if (!Set.of("lower", "upper", "on").contains(f)) {
          throw invalid("band." + f, "band." + f + " is not a field of band; use lower, upper, on");
        }
      }
      lower = number(band, "band.lower", "lower", lower, 1, 10_000_000);
      upper = number(band, "band.upper", "upper", upper, 1, 10_000_000);
      if (upper < lower) {
        throw invalid(
            "band.upper",
            "band.upper (" + fmt(upper) + ") must be at least band.lower (" + fmt(lower) + ")");
      }
      JsonNode on = band.get("on");
      if (on != null) {
        if (!on.isTextual() || !Set.of("list", "residents").contains(on.asText())) {
          throw invalid("band.on", "band.on must be \"list\" or \"residents\", not " + on);
        }
        onResidents = on.asText().equals("residents");
      }
    }
    String layer = "districts";
    JsonNode l = node.get("layer");
    if (l != null) {
      if (!l.isTextual() || !CODE.matcher(l.asText()).matches()) {
        throw invalid("layer", "layer must be the name of an area layer, e.g. \"districts\"");
      }
      layer = l.asText();
    }
    boolean forbid = false;
    JsonNode c = node.get("crossing");
    if (c != null) {
      if (!c.isTextual() || !Set.of("weighted", "forbidden").contains(c.asText())) {
        throw invalid("crossing", "crossing must be \"weighted\" or \"forbidden\", not " + c);
      }
      forbid = c.asText().equals("forbidden");
    }
    List<String> fixedPcns = codes(node.get("fixedPcns"), "fixedPcns");
    List<String> fixedPractices = codes(node.get("fixedPractices"), "fixedPractices");
    List<List<String>> groups = new ArrayList<>();
    JsonNode g = node.get("groups");
    if (g != null) {
      if (!g.isArray()) {
        throw invalid("groups", "groups must be an array of arrays of practice codes");
      }
      Set<String> seen = new java.util.HashSet<>();
      for (int i = 0; i < g.size(); i++) {
        String f = "groups[" + i + "]";
        List<String> group = codes(g.get(i), f);
        if (group.size() < 2) {
          throw invalid(f, f + " must name two or more practices");
        }
        for (int j = 0; j < group.size(); j++) {
          if (!seen.add(group.get(j))) {
            throw invalid(
                f + "[" + j + "]",
                f + "[" + j + "]: practice " + group.get(j) + " is in two groups");
          }
        }
        groups.add(group);
      }
    }
    Integer maxMoves = null;
    JsonNode m = node.get("maxMoves");
    if (m != null && !m.isNull()) {
      if (!m.isIntegralNumber() || m.asLong() < 0 || m.asLong() > 1_000_000) {
        throw invalid("maxMoves", "maxMoves must be a whole number, 0 or more, not " + m);
      }
      maxMoves = m.asInt();
    }
    double time =
        number(
            node, "timeLimitSeconds", "timeLimitSeconds", DEFAULT_TIME_LIMIT, 0.1, MAX_TIME_LIMIT);
    long seed = 1;
    JsonNode s = node.get("seed");
    if (s != null) {
      if (!s.isIntegralNumber() || !s.canConvertToLong()) {
        throw invalid("seed", "seed must be a whole number, not " + s);
      }
      seed = s.asLong();
    }
    String name = null;
    JsonNode n = node.get("name");
    if (n != null) {
      if (!n.isTextual() || n.asText().isBlank() || n.asText().length() > 200) {
        throw invalid("name", "name must be a text of 1 to 200 characters");
      }
      name = n.asText().strip();
    }
    return new ProposalSpec(
        lower,
        upper,
        onResidents,
        layer,
        forbid,
        fixedPcns,
        fixedPractices,
        groups,
        maxMoves,
        time,
        seed,
        name);
  }

  /** The specification as JSON, every field written (defaults too). */
  public ObjectNode toJson() {
    ObjectNode o = JsonNodeFactory.instance.objectNode();
    ObjectNode band = o.putObject("band");
    band.put("lower", lower);
    band.put("upper", upper);
    band.put("on", onResidents ? "residents" : "list");
    o.put("layer", layer);
    o.put("crossing", forbidCrossing ? "forbidden" : "weighted");
    ArrayNode fp = o.putArray("fixedPcns");
    fixedPcns.forEach(fp::add);
    ArrayNode fpr = o.putArray("fixedPractices");
    fixedPractices.forEach(fpr::add);
    ArrayNode gs = o.putArray("groups");
    for (List<String> group : groups) {
      ArrayNode a = gs.addArray();
      group.forEach(a::add);
    }
    if (maxMoves == null) {
      o.putNull("maxMoves");
    } else {
      o.put("maxMoves", maxMoves);
    }
    o.put("timeLimitSeconds", timeLimitSeconds);
    o.put("seed", seed);
    if (name != null) {
      o.put("name", name);
    }
    return o;
  }

  private static List<String> sorted() {
    return FIELDS.stream().sorted().toList();
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
  }

  private static double number(
      JsonNode parent, String field, String name, double fallback, double min, double max) {
    JsonNode v = parent.get(name);
    if (v == null) {
      return fallback;
    }
    if (!v.isNumber() || !(v.asDouble() >= min && v.asDouble() <= max)) {
      throw invalid(
          field, field + " must be a number from " + fmt(min) + " to " + fmt(max) + ", not " + v);
    }
    return v.asDouble();
  }

  private static List<String> codes(JsonNode v, String field) {
    if (v == null) {
      return List.of();
    }
    if (!v.isArray()) {
      throw invalid(field, field + " must be an array of codes");
    }
    Set<String> out = new LinkedHashSet<>();
    for (int i = 0; i < v.size(); i++) {
      String f = field + "[" + i + "]";
      JsonNode c = v.get(i);
      if (!c.isTextual() || !CODE.matcher(c.asText()).matches()) {
        throw invalid(f, f + " must be a code (letters, digits, - and _), not " + c);
      }
      if (!out.add(c.asText())) {
        throw invalid(f, f + " repeats " + c.asText());
      }
    }
    return List.copyOf(out);
  }

  static ScenarioException invalid(String field, String message) {
    return new ScenarioException("InvalidSpecification", field, message);
  }
}
