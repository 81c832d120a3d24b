package org.pcnatlas.api;

import java.awt.Color;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.render.MapView;

/**
 * The parameters of a map image (OGC API - Maps): {@code bbox} and {@code bbox-crs}, {@code crs},
 * {@code width}, {@code height}, {@code bgcolor}, {@code transparent}, {@code f}; and pcn-atlas's
 * own: {@code colour-by}, {@code decorations}, {@code title}, and for {@code /map.png} {@code
 * layers}, {@code method} and {@code scenario}. Each rule's error is a 400 naming its parameter.
 * Without {@code crs} the map is drawn in {@code bbox-crs} when a {@code bbox} is given (CRS84 by
 * default, as OGC API clients expect), else in the map's default CRS (EPSG:27700 for a collection,
 * EPSG:3857 for {@code /map.png}).
 */
record MapQuery(
    Envelope bbox,
    int bboxCrs,
    int crs,
    int width,
    Integer height,
    Color background,
    Set<Decoration> decorations,
    String colourBy,
    String title,
    List<String> layers,
    String method,
    String scenario) {

  /** What can be drawn over the map. */
  enum Decoration {
    LEGEND("legend"),
    SCALE_BAR("scale-bar"),
    NORTH_ARROW("north-arrow"),
    ATTRIBUTION("attribution"),
    TITLE("title");

    final String id;

    Decoration(String id) {
      this.id = id;
    }
  }

  static final String EPSG_3857 = "http://www.opengis.net/def/crs/EPSG/0/3857";

  /** The parameters of {@code /collections/{id}/map}. */
  static final List<String> COLLECTION =
      List.of(
          "bbox",
          "bbox-crs",
          "crs",
          "width",
          "height",
          "bgcolor",
          "transparent",
          "f",
          "colour-by",
          "decorations",
          "title");

  /** The parameters of {@code /map.png}: those and the layers, method and scenario. */
  static final List<String> VIEW;

  static {
    List<String> v = new ArrayList<>(COLLECTION);
    v.addAll(List.of("layers", "method", "scenario"));
    VIEW = List.copyOf(v);
  }

  static final int DEFAULT_WIDTH = 1024;

  /**
   * Parses the query string.
   *
   * @param allowed {@link #COLLECTION} or {@link #VIEW}
   * @param defaultCrs the map's CRS when {@code crs} is not given
   * @param defaultDecorations what is drawn over the map when {@code decorations} is not given
   */
  static MapQuery parse(
      Map<String, List<String>> params,
      List<String> allowed,
      int defaultCrs,
      Set<Decoration> defaultDecorations) {
    for (Map.Entry<String, List<String>> p : params.entrySet()) {
      if (!allowed.contains(p.getKey())) {
        throw bad(
            p.getKey(),
            "unknown parameter '" + p.getKey() + "'; a map takes " + String.join(", ", allowed));
      }
      if (p.getValue().size() > 1) {
        throw bad(p.getKey(), "parameter '" + p.getKey() + "' is given more than once");
      }
    }
    String f = one(params, "f");
    if (f != null && !f.equals("png") && !f.equals("image/png")) {
      throw bad("f", "f must be png (the only map format), not '" + f + "'");
    }
    int bboxCrs = crs(one(params, "bbox-crs"), "bbox-crs", Crs.WGS84);
    Envelope bbox = bbox(one(params, "bbox"), bboxCrs);
    // without crs, a map asked for a box is drawn in the box's CRS (what a client such as GDAL's
    // OGC API driver, which gives bbox alone, georeferences the picture in); without either, in the
    // map's own default
    int crs = crs(one(params, "crs"), "crs", bbox != null ? bboxCrs : defaultCrs);
    int width = size(one(params, "width"), "width");
    Integer height = one(params, "height") == null ? null : size(one(params, "height"), "height");
    boolean transparent = bool(one(params, "transparent"), "transparent");
    String bg = one(params, "bgcolor");
    Color background = bg == null ? Color.WHITE : WebColours.parse(bg);
    if (transparent) {
      background = null;
    }
    Set<Decoration> decorations = decorations(one(params, "decorations"), defaultDecorations);
    String title = one(params, "title");
    if (title != null && (title.isBlank() || title.length() > 200)) {
      throw bad("title", "title must be 1 to 200 characters");
    }
    List<String> layers = null;
    String l = one(params, "layers");
    if (l != null) {
      layers = new ArrayList<>();
      for (String id : l.split(",", -1)) {
        if (id.isBlank()) {
          throw bad("layers", "layers must be collection ids separated by commas, not '" + l + "'");
        }
        layers.add(id.strip());
      }
    }
    return new MapQuery(
        bbox,
        bboxCrs,
        crs,
        width,
        height,
        background,
        decorations,
        one(params, "colour-by"),
        title,
        layers == null ? null : List.copyOf(layers),
        one(params, "method"),
        one(params, "scenario"));
  }

  /** The view: the box in the map's CRS, the height from its shape when not given. */
  MapView view(Envelope boxInMapCrs) {
    if (boxInMapCrs.getWidth() <= 0 || boxInMapCrs.getHeight() <= 0) {
      throw bad("bbox", "bbox must have an area: minx below maxx and miny below maxy");
    }
    int h =
        height != null
            ? height
            : (int)
                Math.max(
                    1,
                    Math.min(
                        MapView.MAX_SIZE,
                        Math.round(width * boxInMapCrs.getHeight() / boxInMapCrs.getWidth())));
    return MapView.fit(boxInMapCrs, crs, width, h);
  }

  static String one(Map<String, List<String>> params, String name) {
    List<String> v = params.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  static ApiError bad(String field, String description) {
    return new ApiError(400, "InvalidParameterValue", description, field);
  }

  /** A CRS by URI (or EPSG:n): CRS84, EPSG:27700 or EPSG:3857. */
  static int crs(String value, String name, int fallback) {
    if (value == null) {
      return fallback;
    }
    String v = value.strip();
    if (v.equals(ItemsQuery.CRS84) || v.equals("OGC:CRS84") || v.equals("[OGC:CRS84]")) {
      return Crs.WGS84;
    }
    if (v.equals(ItemsQuery.BNG) || v.equalsIgnoreCase("EPSG:27700") || v.equals("[EPSG:27700]")) {
      return Crs.BNG;
    }
    if (v.equals(EPSG_3857) || v.equalsIgnoreCase("EPSG:3857") || v.equals("[EPSG:3857]")) {
      return Crs.WEB_MERCATOR;
    }
    throw bad(
        name,
        name
            + " '"
            + value
            + "' is not supported; use "
            + ItemsQuery.CRS84
            + ", "
            + ItemsQuery.BNG
            + " or "
            + EPSG_3857);
  }

  static Envelope bbox(String value, int epsg) {
    if (value == null) {
      return null;
    }
    String[] parts = value.split(",", -1);
    if (parts.length != 4) {
      throw bad(
          "bbox",
          "bbox must be four comma-separated numbers minx,miny,maxx,maxy, not '" + value + "'");
    }
    double[] v = new double[4];
    for (int i = 0; i < 4; i++) {
      try {
        v[i] = Double.parseDouble(parts[i].strip());
      } catch (NumberFormatException e) {
        throw bad("bbox", "bbox value '" + parts[i] + "' is not a number");
      }
      if (!Double.isFinite(v[i])) {
        throw bad("bbox", "bbox value '" + parts[i] + "' is not a finite number");
      }
    }
    if (v[0] >= v[2] || v[1] >= v[3]) {
      throw bad("bbox", "bbox '" + value + "': minx must be below maxx, and miny below maxy");
    }
    if (epsg == Crs.WGS84 && (v[0] < -180 || v[2] > 180 || v[1] < -90 || v[3] > 90)) {
      throw bad(
          "bbox",
          "bbox '"
              + value
              + "' is outside longitude -180..180, latitude -90..90 (CRS84); for other"
              + " coordinates give bbox-crs");
    }
    if (epsg == Crs.WEB_MERCATOR) {
      double limit = 20_037_508.342789244;
      if (v[0] < -limit || v[2] > limit || v[1] < -limit || v[3] > limit) {
        throw bad("bbox", "bbox '" + value + "' is outside the EPSG:3857 world (±20,037,508 m)");
      }
    }
    return new Envelope(v[0], v[2], v[1], v[3]);
  }

  static int size(String value, String name) {
    if (value == null) {
      return DEFAULT_WIDTH;
    }
    int n;
    try {
      n = Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      throw bad(name, name + " must be a whole number of pixels, not '" + value + "'");
    }
    if (n < 1 || n > MapView.MAX_SIZE) {
      throw bad(name, name + " must be from 1 to " + MapView.MAX_SIZE + " pixels, not " + value);
    }
    return n;
  }

  static boolean bool(String value, String name) {
    if (value == null) {
      return false;
    }
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw bad(name, name + " must be true or false, not '" + value + "'");
    };
  }

  static Set<Decoration> decorations(String value, Set<Decoration> fallback) {
    if (value == null) {
      return fallback;
    }
    String v = value.strip();
    if (v.equals("all")) {
      return EnumSet.allOf(Decoration.class);
    }
    if (v.equals("none")) {
      return EnumSet.noneOf(Decoration.class);
    }
    Set<Decoration> out = EnumSet.noneOf(Decoration.class);
    outer:
    for (String part : v.split(",", -1)) {
      for (Decoration d : Decoration.values()) {
        if (d.id.equals(part.strip())) {
          out.add(d);
          continue outer;
        }
      }
      List<String> ids = new ArrayList<>();
      for (Decoration d : Decoration.values()) {
        ids.add(d.id);
      }
      throw bad(
          "decorations",
          "decorations must be all, none or a comma-separated list of "
              + String.join(", ", ids)
              + ", not '"
              + value
              + "'");
    }
    return out;
  }
}
