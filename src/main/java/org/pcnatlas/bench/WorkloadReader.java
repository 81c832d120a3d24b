package org.pcnatlas.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.PrecisionModel;
import org.locationtech.jts.operation.valid.IsValidOp;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.crs.UnknownCrsException;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.geo.GeometryRepair;
import org.pcnatlas.load.LoadException;
import org.pcnatlas.load.LoadReport;
import org.pcnatlas.load.ProblemCode;

/**
 * Readers for the four files of the benchmark workload, written for its fixed layout and its size
 * (2.5 million district vertices and 340,000 population points at the largest scale).
 *
 * <p>The general readers of {@code load} are not used here for two reasons: they reject coordinates
 * outside Great Britain (the x10 workload is ten Englands wide), and they are several times slower
 * (a JSON tree in memory, a table of maps per CSV row). What the boundary does is kept: the files
 * must declare EPSG:27700 (the analysis CRS, so no transformation), every polygon is rounded to the
 * millimetre and repaired when invalid through the one repair path ({@link GeometryRepair}), and
 * every rejected or repaired row is reported in a {@link LoadReport} with its file and row or
 * feature number.
 */
final class WorkloadReader {
  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER).build();

  private WorkloadReader() {}

  /**
   * One polygon feature as read: its 1-based number in the file, its scalar properties as text and
   * its geometry before rounding and repair (null when it had none or an unsupported type).
   */
  record RawFeature(long number, Map<String, String> properties, RawPolygons polygons) {
    /** The geometry as read, not rounded (null when none). */
    Geometry geometry() {
      return polygons == null ? null : polygons.build(null);
    }
  }

  /**
   * A Polygon or MultiPolygon as read: its polygons' rings as x/y arrays, kept compact until they
   * are built, rounded, into a geometry.
   */
  record RawPolygons(boolean multi, List<List<double[]>> polygons) {
    /** The geometry, with every coordinate rounded to {@code precision} when given. */
    Geometry build(PrecisionModel precision) {
      Polygon[] parts = new Polygon[polygons.size()];
      for (int k = 0; k < parts.length; k++) {
        List<double[]> rings = polygons.get(k);
        if (rings.isEmpty()) {
          parts[k] = GeoUtils.FACTORY.createPolygon();
          continue;
        }
        LinearRing[] rs = new LinearRing[rings.size()];
        for (int r = 0; r < rs.length; r++) {
          double[] xy = rings.get(r);
          Coordinate[] cs = new Coordinate[xy.length / 2];
          for (int i = 0; i < cs.length; i++) {
            double x = xy[2 * i];
            double y = xy[2 * i + 1];
            cs[i] =
                precision == null
                    ? new Coordinate(x, y)
                    : new Coordinate(precision.makePrecise(x), precision.makePrecise(y));
          }
          rs[r] = GeoUtils.FACTORY.createLinearRing(cs);
        }
        parts[k] = GeoUtils.FACTORY.createPolygon(rs[0], Arrays.copyOfRange(rs, 1, rs.length));
      }
      if (!multi) {
        return parts.length == 1 ? parts[0] : GeoUtils.FACTORY.createPolygon();
      }
      return GeoUtils.FACTORY.createMultiPolygon(parts);
    }
  }

  /** The features of a GeoJSON FeatureCollection of polygons in EPSG:27700. */
  static List<RawFeature> readPolygons(Path file) {
    List<RawFeature> out = new ArrayList<>();
    readPolygons(file, out::add);
    return out;
  }

  /** The same, each feature handed to {@code sink} as soon as it is read. */
  static void readPolygons(Path file, Consumer<RawFeature> sink) {
    Integer epsg = null;
    try (JsonParser p = JSON.createParser(file.toFile())) {
      expect(p, p.nextToken(), JsonToken.START_OBJECT, file);
      boolean collection = false;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        JsonToken value = p.nextToken();
        switch (name) {
          case "type" -> collection = "FeatureCollection".equals(p.getText());
          case "crs" -> epsg = crs(p, file);
          case "features" -> {
            expect(p, value, JsonToken.START_ARRAY, file);
            long n = 0;
            while (p.nextToken() == JsonToken.START_OBJECT) {
              sink.accept(feature(p, ++n, file));
            }
          }
          default -> p.skipChildren();
        }
      }
      if (!collection) {
        throw new LoadException(file, "not a GeoJSON FeatureCollection");
      }
    } catch (IOException e) {
      throw new LoadException(file, "cannot read: " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new LoadException(file, e.getMessage(), e);
    }
    if (epsg == null || epsg != Crs.BNG) {
      throw new LoadException(
          file,
          "the benchmark files must declare EPSG:27700 in a \"crs\" member, found "
              + (epsg == null ? "none" : Crs.label(epsg)));
    }
    // the transform into the analysis CRS, as load.Ingest makes for every file: an identity here,
    // but it looks the CRS up in the EPSG registry (proj4j), which is done once, at load
    CrsTransform.between(epsg, Crs.BNG);
  }

  /**
   * The feature's geometry in the analysis CRS, rounded to the millimetre and repaired when invalid
   * (reported); null, reported, when it has none or it is not polygonal or empty.
   */
  static Geometry accept(RawFeature f, String fileName, LoadReport report) {
    String where = fileName + ":feature " + f.number();
    if (f.polygons() == null) {
      report.add(ProblemCode.MISSING_GEOMETRY, where, "no polygon geometry");
      return null;
    }
    // GeometryRepair.repair rounds a copy and checks it; built rounded from the parsed arrays,
    // the common case needs neither the unrounded geometry nor the copy
    Geometry rounded = f.polygons().build(GeoUtils.MILLIMETRE);
    if (rounded.isEmpty()) {
      report.add(ProblemCode.EMPTY_GEOMETRY, where, "empty " + rounded.getGeometryType());
      return null;
    }
    if (new IsValidOp(rounded).isValid()) {
      rounded.setSRID(Crs.BNG);
      return rounded;
    }
    GeometryRepair.Outcome outcome = GeometryRepair.repair(f.geometry(), GeoUtils.MILLIMETRE);
    if (outcome.geometry().isEmpty()) {
      report.add(
          ProblemCode.EMPTY_GEOMETRY, where, "empty after repair (" + outcome.reason() + ")");
      return null;
    }
    if (outcome.repaired()) {
      report.add(ProblemCode.GEOMETRY_REPAIRED, where, outcome.reason());
    }
    Geometry g = outcome.geometry();
    g.setSRID(Crs.BNG);
    return g;
  }

  private static Integer crs(JsonParser p, Path file) throws IOException {
    String name = null;
    if (p.currentToken() == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        if ("properties".equals(field) && p.currentToken() == JsonToken.START_OBJECT) {
          while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            p.nextToken();
            if ("name".equals(key)) {
              name = p.getText();
            } else {
              p.skipChildren();
            }
          }
        } else {
          p.skipChildren();
        }
      }
    }
    if (name == null) {
      throw new LoadException(file, "a \"crs\" member without properties.name");
    }
    try {
      return Crs.parse(name);
    } catch (UnknownCrsException e) {
      throw new LoadException(file, e.getMessage(), e);
    }
  }

  private static RawFeature feature(JsonParser p, long number, Path file) throws IOException {
    Map<String, String> props = new LinkedHashMap<>();
    String type = null;
    Object coordinates = null;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("properties".equals(field) && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken v = p.nextToken();
          if (v.isScalarValue() && v != JsonToken.VALUE_NULL) {
            props.put(key, p.getText());
          } else {
            p.skipChildren();
          }
        }
      } else if ("geometry".equals(field) && value == JsonToken.START_OBJECT) {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          JsonToken v = p.nextToken();
          if ("type".equals(key)) {
            type = p.getText();
          } else if ("coordinates".equals(key) && v == JsonToken.START_ARRAY) {
            coordinates = array(p, p.nextToken(), file);
          } else {
            p.skipChildren();
          }
        }
      } else {
        p.skipChildren();
      }
    }
    return new RawFeature(number, props, polygons(type, coordinates));
  }

  /**
   * A nested coordinate array whose START_ARRAY was read and whose first token is {@code first}: a
   * ring (array of positions) as a {@link Positions}, anything deeper as a list of such arrays.
   */
  private static Object array(JsonParser p, JsonToken first, Path file) throws IOException {
    Positions positions = null;
    List<Object> children = null;
    for (JsonToken t = first; t != JsonToken.END_ARRAY; t = p.nextToken()) {
      if (t != JsonToken.START_ARRAY) {
        throw new IllegalArgumentException("malformed coordinates near " + p.currentLocation());
      }
      JsonToken inner = p.nextToken();
      if (inner != null && inner.isNumeric()) {
        double x = p.getDoubleValue();
        if (!p.nextToken().isNumeric()) {
          throw new IllegalArgumentException("a position without y near " + p.currentLocation());
        }
        double y = p.getDoubleValue();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          // a z value: ignored
        }
        if (positions == null) {
          positions = new Positions();
        }
        positions.add(x, y);
      } else {
        if (children == null) {
          children = new ArrayList<>();
        }
        children.add(array(p, inner, file));
      }
    }
    return positions != null ? positions : children == null ? List.of() : children;
  }

  private static RawPolygons polygons(String type, Object coordinates) {
    if (type == null || coordinates == null) {
      return null;
    }
    return switch (type) {
      case "Polygon" -> new RawPolygons(false, List.of(rings(coordinates)));
      case "MultiPolygon" -> {
        List<List<double[]>> parts = new ArrayList<>();
        for (Object polygon : (List<?>) coordinates) {
          parts.add(rings(polygon));
        }
        yield new RawPolygons(true, parts);
      }
      default -> null;
    };
  }

  private static List<double[]> rings(Object rings) {
    if (!(rings instanceof List<?> list)) {
      throw new IllegalArgumentException("a polygon that is not an array of rings");
    }
    List<double[]> out = new ArrayList<>(list.size());
    for (Object ring : list) {
      if (!(ring instanceof Positions positions)) {
        throw new IllegalArgumentException("a polygon ring that is not an array of positions");
      }
      int n = positions.n;
      if (n < 4) {
        throw new IllegalArgumentException("a polygon ring with " + n + " positions");
      }
      double[] xy = positions.xy;
      if (xy[0] != xy[2 * n - 2] || xy[1] != xy[2 * n - 1]) {
        throw new IllegalArgumentException("a polygon ring that is not closed");
      }
      out.add(Arrays.copyOf(positions.xy, 2 * n));
    }
    return out;
  }

  /** A growing list of x/y positions. */
  private static final class Positions {
    private double[] xy = new double[64];
    private int n;

    void add(double x, double y) {
      if (2 * n + 2 > xy.length) {
        xy = Arrays.copyOf(xy, 2 * xy.length);
      }
      xy[2 * n] = x;
      xy[2 * n + 1] = y;
      n++;
    }
  }

  private static void expect(JsonParser p, JsonToken actual, JsonToken wanted, Path file) {
    if (actual != wanted) {
      throw new LoadException(
          file, "expected " + wanted + " but found " + actual + " at " + p.currentLocation());
    }
  }

  /** A CSV file read at once: its header and its rows of fields (RFC 4180 quoting). */
  record Csv(Path file, List<String> header, List<String[]> rows, int[] rowNumbers) {
    /** The index of a column, or a LoadException naming the file and the columns it has. */
    int column(String name) {
      int i = header.indexOf(name);
      if (i < 0) {
        throw new LoadException(
            file, "no column '" + name + "' (the columns are " + String.join(", ", header) + ")");
      }
      return i;
    }

    /** "practices.csv:row 12" for the data row at this index (the header is row 1). */
    String location(int index) {
      return file.getFileName() + ":row " + rowNumbers[index];
    }
  }

  /** Reads a whole CSV file; a row with a different number of fields than the header is dropped. */
  static Csv readCsv(Path file, LoadReport report) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new LoadException(file, "cannot read: " + e.getMessage(), e);
    }
    int start = text.startsWith("\uFEFF") ? 1 : 0;
    List<String[]> rows = new ArrayList<>();
    int[] numbers = new int[1024];
    List<String> fields = new ArrayList<>();
    StringBuilder quoted = new StringBuilder();
    int i = start;
    int n = text.length();
    String[] header = null;
    int line = 0;
    while (i < n) {
      fields.clear();
      while (true) {
        String field;
        if (i < n && text.charAt(i) == '"') {
          quoted.setLength(0);
          i++;
          while (i < n) {
            char c = text.charAt(i++);
            if (c == '"') {
              if (i < n && text.charAt(i) == '"') {
                quoted.append('"');
                i++;
              } else {
                break;
              }
            } else {
              quoted.append(c);
            }
          }
          field = quoted.toString();
        } else {
          int end = i;
          while (end < n && text.charAt(end) != ',' && text.charAt(end) != '\n') {
            end++;
          }
          int stop = end > i && text.charAt(end - 1) == '\r' ? end - 1 : end;
          field = text.substring(i, stop);
          i = end;
        }
        fields.add(field);
        if (i < n && text.charAt(i) == ',') {
          i++;
          continue;
        }
        if (i < n && text.charAt(i) == '\r') {
          i++;
        }
        if (i < n && text.charAt(i) == '\n') {
          i++;
        }
        break;
      }
      line++;
      if (fields.size() == 1 && fields.get(0).isEmpty()) {
        continue;
      }
      if (header == null) {
        header = fields.toArray(String[]::new);
      } else if (fields.size() != header.length) {
        report.add(
            ProblemCode.MALFORMED_ROW,
            file.getFileName() + ":row " + line,
            fields.size() + " fields, the header has " + header.length);
      } else {
        if (rows.size() == numbers.length) {
          numbers = Arrays.copyOf(numbers, 2 * numbers.length);
        }
        numbers[rows.size()] = line;
        rows.add(fields.toArray(String[]::new));
      }
    }
    if (header == null) {
      throw new LoadException(file, "empty file");
    }
    return new Csv(file, List.of(header), rows, Arrays.copyOf(numbers, rows.size()));
  }

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18
  };

  /**
   * A decimal number such as {@code 435741.84} or {@code -12}, correctly rounded like {@link
   * Double#parseDouble}: with at most 15 significant digits the digits form an exact integer and
   * one IEEE division by an exact power of ten rounds correctly; anything else goes to {@link
   * Double#parseDouble}. NaN when the text is not a number.
   */
  static double parseDecimal(String s) {
    int n = s.length();
    int i = 0;
    boolean negative = false;
    if (n > 0 && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    long digits = 0;
    int count = 0;
    int scale = 0;
    boolean point = false;
    boolean any = false;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        any = true;
        if (count > 0 || c != '0') {
          count++;
        }
        digits = digits * 10 + (c - '0');
        if (point) {
          scale++;
        }
        if (count > 15 || scale >= POW10.length) {
          return slow(s);
        }
      } else if (c == '.' && !point) {
        point = true;
      } else {
        return slow(s);
      }
    }
    if (!any) {
      return Double.NaN;
    }
    double v = scale == 0 ? digits : digits / POW10[scale];
    return negative ? -v : v;
  }

  private static double slow(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c == '.' || c == 'e' || c == 'E' || c == '-' || c == '+')) {
        return Double.NaN;
      }
    }
    try {
      double v = Double.parseDouble(s);
      return Double.isFinite(v) ? v : Double.NaN;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The first occurrence of each code, by the row number it was first seen at. */
  static final class FirstSeen {
    private final Map<String, String> where = new HashMap<>();

    /** Null when the code is new, else where it was first seen. */
    String firstOf(String code, String location) {
      return where.putIfAbsent(code, location);
    }
  }
}
