package org.pcnatlas.export;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * CSV output: UTF-8 without byte-order mark, RFC 4180 quoting only where a value needs it, line
 * feeds, deterministic.
 */
public final class CsvWriter {
  private CsvWriter() {}

  /**
   * The layer's attributes as columns, then {@code easting,northing} (to {@code decimals} places,
   * in the layer's CRS) when its features are points.
   */
  public static void writeLayer(FeatureLayer layer, Path file, int decimals) {
    boolean points =
        !layer.features().isEmpty() && layer.features().get(0).geometry() instanceof Point;
    List<String> header = new ArrayList<>(layer.attributes().keySet());
    if (points) {
      header.add("easting");
      header.add("northing");
    }
    List<List<String>> rows = new ArrayList<>();
    for (Feature f : layer.features()) {
      List<String> row = new ArrayList<>();
      for (String name : layer.attributes().keySet()) {
        row.add(text(f.properties().get(name)));
      }
      if (points) {
        Point p = (Point) f.geometry();
        row.add(number(p.getX(), decimals));
        row.add(number(p.getY(), decimals));
      }
      rows.add(row);
    }
    write(file, header, rows);
  }

  /**
   * The features' values of the attributes, one column per attribute (in order) and one row per
   * feature; geometries are ignored.
   */
  public static void writeAttributes(
      Map<String, AttributeType> attributes, List<Feature> features, Path file) {
    List<String> header = new ArrayList<>(attributes.keySet());
    List<List<String>> rows = new ArrayList<>(features.size());
    for (Feature f : features) {
      List<String> row = new ArrayList<>(header.size());
      for (String name : header) {
        row.add(text(f.properties().get(name)));
      }
      rows.add(row);
    }
    write(file, header, rows);
  }

  /**
   * A property value as CSV text: numbers in plain notation (never an exponent), whole numbers
   * without a decimal point, a list as its values joined by ';' (as practice_codes), null as empty.
   */
  public static String text(Object value) {
    if (value instanceof Double d && Double.isFinite(d)) {
      return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }
    if (value instanceof List<?> list) {
      List<String> parts = new ArrayList<>(list.size());
      for (Object v : list) {
        parts.add(text(v));
      }
      return String.join(";", parts);
    }
    return value == null ? null : value.toString();
  }

  /** A header and one record per row, each value {@link #text} of the row's value per column. */
  public static String table(List<String> columns, List<Map<String, Object>> rows) {
    StringWriter out = new StringWriter();
    try {
      record(out, columns);
      for (Map<String, Object> row : rows) {
        List<String> values = new ArrayList<>(columns.size());
        for (String c : columns) {
          values.add(text(row.get(c)));
        }
        record(out, values);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** {@link #table} written to a file. */
  public static void writeTable(Path file, List<String> columns, List<Map<String, Object>> rows) {
    try {
      Files.writeString(file, table(columns, rows), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** A header and rows (null values are written as empty fields). */
  public static void write(Path file, List<String> header, List<List<String>> rows) {
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      record(out, header);
      for (List<String> row : rows) {
        record(out, row);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** One CSV record (RFC 4180 quoting, only where needed), ended by a line feed. */
  public static void record(Writer out, List<String> values) throws IOException {
    for (int i = 0; i < values.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String v = values.get(i) == null ? "" : values.get(i);
      boolean quote =
          v.indexOf(',') >= 0
              || v.indexOf('"') >= 0
              || v.indexOf('\n') >= 0
              || v.indexOf('\r') >= 0;
      out.write(quote ? '"' + v.replace("\"", "\"\"") + '"' : v);
    }
    out.write('\n');
  }

  /** A number with at most {@code decimals} places, no exponent and no trailing zeros. */
  public static String number(double v, int decimals) {
    BigDecimal d =
        BigDecimal.valueOf(v).setScale(decimals, RoundingMode.HALF_EVEN).stripTrailingZeros();
    return d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString();
  }
}
