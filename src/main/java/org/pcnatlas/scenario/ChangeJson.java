package org.pcnatlas.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.geo.GeoUtils;

/**
 * Changes to and from JSON, the one wire and storage form: {@code {"type": "move-practice",
 * "practice": "K84001", "toPcn": "U12345"}}. Parsing checks the shape of each change (known type,
 * required fields present and of the right type, no unknown fields, numbers in range) and names the
 * offending field in its {@link ScenarioException}; whether codes exist is left to {@link
 * ScenarioApply}.
 */
public final class ChangeJson {
  /** Codes (practices, PCNs, districts): letters, digits, {@code -} and {@code _}, 1 to 32. */
  private static final Pattern CODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

  /** The longest name accepted. */
  static final int MAX_NAME = 200;

  /** The most changes one scenario may hold. */
  public static final int MAX_CHANGES = 1_000;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final CrsTransform WGS84_TO_BNG = CrsTransform.between(4326, 27700);

  private ChangeJson() {}

  /** The change as a JSON object, fields in a fixed order. */
  public static ObjectNode toJson(Change change) {
    ObjectNode o = NODES.objectNode();
    o.put("type", change.type());
    if (change instanceof Change.MovePractice m) {
      o.put("practice", m.practice());
      o.put("toPcn", m.toPcn());
    } else if (change instanceof Change.MergePcns m) {
      ArrayNode pcns = o.putArray("pcns");
      m.pcns().forEach(pcns::add);
      ObjectNode into = o.putObject("into");
      into.put("code", m.intoCode());
      into.put("name", m.intoName());
    } else if (change instanceof Change.SplitPcn m) {
      o.put("pcn", m.pcn());
      ArrayNode practices = o.putArray("practices");
      m.practices().forEach(practices::add);
      ObjectNode into = o.putObject("into");
      into.put("code", m.intoCode());
      into.put("name", m.intoName());
    } else if (change instanceof Change.AddSite a) {
      o.put("code", a.code());
      o.put("name", a.name());
      o.put("pcn", a.pcn());
      o.put("listSize", a.listSize());
      if (a.lon() != null) {
        o.put("lon", a.lon());
        o.put("lat", a.lat());
      } else {
        o.put("easting", a.easting());
        o.put("northing", a.northing());
      }
    } else if (change instanceof Change.ClosePractice c) {
      o.put("practice", c.practice());
    } else if (change instanceof Change.RegroupNetworkAreas r) {
      ObjectNode districts = o.putObject("districts");
      r.districts().forEach(districts::put);
    }
    return o;
  }

  /** The changes as a JSON array. */
  public static ArrayNode toJson(List<Change> changes) {
    ArrayNode a = NODES.arrayNode();
    changes.forEach(c -> a.add(toJson(c)));
    return a;
  }

  /**
   * Parses a JSON array of changes.
   *
   * @param field the path of the array for error messages, e.g. {@code changes}
   */
  public static List<Change> parseList(JsonNode node, String field) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return List.of();
    }
    if (!node.isArray()) {
      throw invalid(field, field + " must be a JSON array of changes");
    }
    if (node.size() > MAX_CHANGES) {
      throw invalid(
          field,
          field + " holds " + node.size() + " changes; a scenario may hold at most " + MAX_CHANGES);
    }
    List<Change> out = new ArrayList<>();
    for (int i = 0; i < node.size(); i++) {
      out.add(parse(node.get(i), field + "[" + i + "]"));
    }
    return out;
  }

  /**
   * Parses one change.
   *
   * @param field the path of the change for error messages, e.g. {@code changes[2]}
   */
  public static Change parse(JsonNode node, String field) {
    if (node == null || !node.isObject()) {
      throw invalid(field, field + " must be a JSON object with a \"type\"");
    }
    String type = text(node, field, "type");
    return switch (type) {
      case Change.MovePractice.TYPE -> {
        allowOnly(node, field, "type", "practice", "toPcn");
        yield new Change.MovePractice(code(node, field, "practice"), code(node, field, "toPcn"));
      }
      case Change.MergePcns.TYPE -> {
        allowOnly(node, field, "type", "pcns", "into");
        List<String> pcns = distinctCodes(node, field, "pcns", 2, "two", "PCN");
        Into into = into(node, field);
        yield new Change.MergePcns(pcns, into.code(), into.name());
      }
      case Change.SplitPcn.TYPE -> {
        allowOnly(node, field, "type", "pcn", "practices", "into");
        String pcn = code(node, field, "pcn");
        List<String> practices = distinctCodes(node, field, "practices", 1, "one", "practice");
        Into into = into(node, field);
        yield new Change.SplitPcn(pcn, practices, into.code(), into.name());
      }
      case Change.AddSite.TYPE -> {
        allowOnly(
            node,
            field,
            "type",
            "code",
            "name",
            "pcn",
            "listSize",
            "lon",
            "lat",
            "easting",
            "northing");
        String code = code(node, field, "code");
        String name = name(node, field, "name");
        String pcn = code(node, field, "pcn");
        JsonNode list = node.get("listSize");
        if (list == null || !list.canConvertToLong() || !list.isIntegralNumber()) {
          throw invalid(
              field + ".listSize",
              field + ".listSize must be a whole number of patients, 0 or more");
        }
        long listSize = list.asLong();
        if (listSize < 0 || listSize > 1_000_000) {
          throw invalid(
              field + ".listSize",
              field + ".listSize must be between 0 and 1,000,000, got " + listSize);
        }
        boolean lonLat = node.has("lon") || node.has("lat");
        boolean en = node.has("easting") || node.has("northing");
        if (lonLat == en) {
          throw invalid(
              field + ".lon",
              field
                  + ".lon: give the site as either lon/lat (WGS84) or easting/northing"
                  + " (EPSG:27700), not "
                  + (lonLat ? "both" : "neither"));
        }
        if (lonLat) {
          double lon = number(node, field, "lon", -180, 180);
          double lat = number(node, field, "lat", -90, 90);
          Coordinate c = WGS84_TO_BNG.apply(lon, lat);
          yield new Change.AddSite(
              code, name, pcn, listSize, lon, lat, null, null, point(c.x, c.y));
        }
        double e = number(node, field, "easting", -1_000_000, 1_500_000);
        double n = number(node, field, "northing", -1_000_000, 2_000_000);
        yield new Change.AddSite(code, name, pcn, listSize, null, null, e, n, point(e, n));
      }
      case Change.ClosePractice.TYPE -> {
        allowOnly(node, field, "type", "practice");
        yield new Change.ClosePractice(code(node, field, "practice"));
      }
      case Change.RegroupNetworkAreas.TYPE -> {
        allowOnly(node, field, "type", "districts");
        JsonNode d = node.get("districts");
        if (d == null || !d.isObject() || d.isEmpty()) {
          throw invalid(
              field + ".districts",
              field + ".districts must be an object {\"district code\": \"network area\", ...}");
        }
        Map<String, String> groups = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : d.properties()) {
          String f = field + ".districts." + e.getKey();
          if (!CODE.matcher(e.getKey()).matches()) {
            throw invalid(f, f + ": '" + e.getKey() + "' is not a district code");
          }
          groups.put(e.getKey(), nameValue(e.getValue(), f));
        }
        yield new Change.RegroupNetworkAreas(groups);
      }
      default ->
          throw invalid(
              field + ".type",
              field
                  + ".type '"
                  + type
                  + "' is not a change type; use move-practice, merge-pcns, split-pcn,"
                  + " add-site, close-practice or regroup-network-areas");
    };
  }

  /**
   * The codes of the array {@code field.name}: at least {@code min} ({@code least} in words), each
   * a code and none repeated, each fault named by its index.
   */
  private static List<String> distinctCodes(
      JsonNode node, String field, String name, int min, String least, String noun) {
    String f = field + "." + name;
    JsonNode array = node.get(name);
    if (array == null || !array.isArray() || array.size() < min) {
      throw invalid(f, f + " must be an array of " + least + " or more " + noun + " codes");
    }
    Set<String> codes = new LinkedHashSet<>();
    for (int i = 0; i < array.size(); i++) {
      String fi = f + "[" + i + "]";
      String c = codeValue(array.get(i), fi);
      if (!codes.add(c)) {
        throw invalid(fi, fi + " repeats " + noun + " " + c);
      }
    }
    return List.copyOf(codes);
  }

  /** The code and name of a new or merged PCN. */
  private record Into(String code, String name) {}

  /** The change's {@code into} object: {@code {"code": ..., "name": ...}}. */
  private static Into into(JsonNode node, String field) {
    JsonNode into = node.get("into");
    if (into == null || !into.isObject()) {
      throw invalid(
          field + ".into", field + ".into must be an object {\"code\": ..., \"name\": ...}");
    }
    allowOnly(into, field + ".into", "code", "name");
    return new Into(code(into, field + ".into", "code"), name(into, field + ".into", "name"));
  }

  private static Point point(double x, double y) {
    return GeoUtils.FACTORY.createPoint(
        new Coordinate(GeoUtils.MILLIMETRE.makePrecise(x), GeoUtils.MILLIMETRE.makePrecise(y)));
  }

  private static void allowOnly(JsonNode node, String field, String... names) {
    Set<String> allowed = Set.of(names);
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (!allowed.contains(n)) {
        throw invalid(
            field + "." + n,
            field
                + "."
                + n
                + " is not a field of this change; expected "
                + String.join(", ", names));
      }
    }
  }

  private static String text(JsonNode node, String field, String name) {
    JsonNode v = node.get(name);
    if (v == null || !v.isTextual()) {
      throw invalid(field + "." + name, field + "." + name + " is required and must be a string");
    }
    return v.asText();
  }

  private static String code(JsonNode node, String field, String name) {
    return codeValue(node.get(name), field + "." + name);
  }

  private static String codeValue(JsonNode v, String f) {
    if (v == null || !v.isTextual()) {
      throw invalid(f, f + " is required and must be a code (a string)");
    }
    String s = v.asText();
    if (!CODE.matcher(s).matches()) {
      throw invalid(
          f, f + ": '" + s + "' is not a code (letters, digits, '-' and '_', at most 32)");
    }
    return s;
  }

  private static String name(JsonNode node, String field, String name) {
    return nameValue(node.get(name), field + "." + name);
  }

  private static String nameValue(JsonNode v, String f) {
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw invalid(f, f + " is required and must be a non-empty string");
    }
    String s = v.asText().strip();
    if (s.length() > MAX_NAME) {
      throw invalid(f, f + " is longer than " + MAX_NAME + " characters");
    }
    return s;
  }

  private static double number(JsonNode node, String field, String name, double min, double max) {
    JsonNode v = node.get(name);
    String f = field + "." + name;
    if (v == null || !v.isNumber()) {
      throw invalid(f, f + " is required and must be a number");
    }
    double d = v.asDouble();
    if (!Double.isFinite(d) || d < min || d > max) {
      throw invalid(f, f + " must be between " + min + " and " + max + ", got " + v.asText());
    }
    return d;
  }

  static ScenarioException invalid(String field, String description) {
    return new ScenarioException("InvalidChange", field, description);
  }
}
