package org.pcnatlas.export;

import com.linuxense.javadbf.DBFDataType;
import com.linuxense.javadbf.DBFField;
import com.linuxense.javadbf.DBFWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiLineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * Writes a layer as an ESRI Shapefile: {@code .shp} and {@code .shx} per the ESRI Shapefile
 * Technical Description, {@code .dbf} with javadbf in UTF-8, {@code .cpg} saying so, and {@code
 * .prj} in ESRI WKT (EPSG:27700 and EPSG:4326 only).
 *
 * <p>One shape type per file: Point (or MultiPoint when any feature has several points), PolyLine
 * or Polygon; a feature without geometry is a Null shape. Outer rings are written clockwise and
 * holes counter-clockwise, as the specification requires. Field names must fit the 10 characters of
 * a .dbf; a longer name is an error, never cut. Attributes: text as C (as wide as the longest value
 * in UTF-8 bytes, at most 254), integers as N(18,0), reals as N(24,6) (so six decimals are kept),
 * booleans as L, dates as D; a layer without attributes gets an {@code FID} field, since a .dbf
 * needs one. The output is deterministic: the same layer gives the same bytes in all five files.
 */
public final class ShapefileWriter {
  private static final int FILE_CODE = 9994;
  private static final int VERSION = 1000;
  private static final int HEADER_BYTES = 100;
  private static final int RECORD_HEADER_BYTES = 8;
  private static final int MAX_TEXT_BYTES = 254;
  private static final int MAX_NAME_LENGTH = 10;
  private static final int INTEGER_WIDTH = 18;
  private static final int REAL_WIDTH = 24;
  private static final int REAL_DECIMALS = 6;
  private static final String FID_FIELD = "FID";

  /** EPSG:27700 as ESRI software writes it in a .prj. */
  static final String PRJ_BRITISH_NATIONAL_GRID =
      "PROJCS[\"British_National_Grid\",GEOGCS[\"GCS_OSGB_1936\","
          + "DATUM[\"D_OSGB_1936\",SPHEROID[\"Airy_1830\",6377563.396,299.3249646]],PRIMEM[\"Greenwich\",0.0],"
          + "UNIT[\"Degree\",0.0174532925199433]],PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",400000.0],"
          + "PARAMETER[\"False_Northing\",-100000.0],PARAMETER[\"Central_Meridian\",-2.0],"
          + "PARAMETER[\"Scale_Factor\",0.9996012717],PARAMETER[\"Latitude_Of_Origin\",49.0],UNIT[\"Meter\",1.0]]";

  /** EPSG:4326 as ESRI software writes it in a .prj. */
  static final String PRJ_WGS84 =
      "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,"
          + "298.257223563]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]]";

  /** The shape types written, with their codes in the specification. */
  private enum ShapeType {
    NULL(0),
    POINT(1),
    POLYLINE(3),
    POLYGON(5),
    MULTIPOINT(8);

    final int code;

    ShapeType(int code) {
      this.code = code;
    }
  }

  private ShapefileWriter() {}

  /**
   * Writes {@code shpFile} and its {@code .shx}, {@code .dbf}, {@code .prj} and {@code .cpg} beside
   * it, replacing files of those names.
   *
   * @param outputEpsg the CRS of the written coordinates: 27700 or 4326
   * @throws IllegalArgumentException for another CRS, mixed geometry types, a field name longer
   *     than 10 characters or a value that does not fit its .dbf field; nothing is written then
   * @throws UncheckedIOException when a file cannot be written
   */
  public static void write(FeatureLayer layer, Path shpFile, int outputEpsg) {
    String base = baseName(shpFile);
    String prj = prj(outputEpsg);
    List<Geometry> shapes = transformed(layer, outputEpsg);
    ShapeType type = shapeType(layer, shapes);
    byte[][] geometry = shpAndShx(type, shapes);
    byte[] dbf = dbf(layer);
    writeFile(shpFile, geometry[0]);
    writeFile(shpFile.resolveSibling(base + ".shx"), geometry[1]);
    writeFile(shpFile.resolveSibling(base + ".dbf"), dbf);
    writeFile(shpFile.resolveSibling(base + ".prj"), prj.getBytes(StandardCharsets.US_ASCII));
    writeFile(shpFile.resolveSibling(base + ".cpg"), "UTF-8".getBytes(StandardCharsets.US_ASCII));
  }

  private static String baseName(Path shpFile) {
    String name = shpFile.getFileName().toString();
    if (!name.toLowerCase(Locale.ROOT).endsWith(".shp") || name.length() == 4) {
      throw new IllegalArgumentException("a shapefile name must end in .shp: " + shpFile);
    }
    return name.substring(0, name.length() - 4);
  }

  /** The ESRI WKT of the output CRS. */
  static String prj(int epsg) {
    return switch (epsg) {
      case Crs.BNG -> PRJ_BRITISH_NATIONAL_GRID;
      case Crs.WGS84 -> PRJ_WGS84;
      default ->
          throw new IllegalArgumentException(
              "cannot write a .prj for "
                  + Crs.label(epsg)
                  + "; shapefiles are written in EPSG:27700 or EPSG:4326");
    };
  }

  private static void writeFile(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- geometry

  /** Each feature's geometry in the output CRS; null for none or an empty one. */
  private static List<Geometry> transformed(FeatureLayer layer, int outputEpsg) {
    CrsTransform transform = null;
    List<Geometry> shapes = new ArrayList<>(layer.size());
    for (Feature f : layer.features()) {
      Geometry g = f.geometry();
      if (g == null || g.isEmpty()) {
        shapes.add(null);
        continue;
      }
      if (transform == null) {
        transform = CrsTransform.between(layer.epsg(), outputEpsg);
      }
      shapes.add(transform.apply(g));
    }
    return shapes;
  }

  /**
   * The one shape type of the file; Point and MultiPoint together are MultiPoint, other mixes an
   * error.
   */
  private static ShapeType shapeType(FeatureLayer layer, List<Geometry> shapes) {
    ShapeType type = ShapeType.NULL;
    for (int i = 0; i < shapes.size(); i++) {
      if (shapes.get(i) == null) {
        continue;
      }
      ShapeType t = shapeTypeOf(shapes.get(i), layer.features().get(i));
      if (type == ShapeType.NULL || type == t) {
        type = t;
      } else if (isPoints(type) && isPoints(t)) {
        type = ShapeType.MULTIPOINT;
      } else {
        throw new IllegalArgumentException(
            "layer "
                + layer.name()
                + " mixes geometry types ("
                + type
                + " and "
                + t
                + " at feature "
                + layer.features().get(i).index()
                + "); a shapefile holds one type");
      }
    }
    return type;
  }

  private static boolean isPoints(ShapeType t) {
    return t == ShapeType.POINT || t == ShapeType.MULTIPOINT;
  }

  private static ShapeType shapeTypeOf(Geometry g, Feature feature) {
    if (g instanceof Point) {
      return ShapeType.POINT;
    }
    if (g instanceof MultiPoint) {
      return ShapeType.MULTIPOINT;
    }
    if (g instanceof LineString || g instanceof MultiLineString) {
      return ShapeType.POLYLINE;
    }
    if (g instanceof Polygon || g instanceof MultiPolygon) {
      return ShapeType.POLYGON;
    }
    throw new IllegalArgumentException(
        "feature "
            + feature.index()
            + " is a "
            + g.getGeometryType()
            + ", which a shapefile cannot hold");
  }

  /** The .shp and .shx bytes. */
  private static byte[][] shpAndShx(ShapeType type, List<Geometry> shapes) {
    List<byte[]> contents = new ArrayList<>(shapes.size());
    Envelope extent = new Envelope();
    for (Geometry g : shapes) {
      contents.add(content(type, g));
      if (g != null) {
        extent.expandToInclude(g.getEnvelopeInternal());
      }
    }
    long shpLength = HEADER_BYTES;
    for (byte[] c : contents) {
      shpLength += RECORD_HEADER_BYTES + c.length;
    }
    if (shpLength > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(
          "the .shp would be " + shpLength + " bytes; a shapefile holds at most 2 GB");
    }
    ByteBuffer shp = header((int) shpLength, type, extent);
    ByteBuffer shx = header(HEADER_BYTES + RECORD_HEADER_BYTES * contents.size(), type, extent);
    for (int i = 0; i < contents.size(); i++) {
      byte[] c = contents.get(i);
      shx.order(ByteOrder.BIG_ENDIAN).putInt(shp.position() / 2).putInt(c.length / 2);
      shp.order(ByteOrder.BIG_ENDIAN).putInt(i + 1).putInt(c.length / 2).put(c);
    }
    return new byte[][] {shp.array(), shx.array()};
  }

  /** A buffer of the file's length holding the 100-byte header, positioned after it. */
  private static ByteBuffer header(int fileLength, ShapeType type, Envelope extent) {
    ByteBuffer b = ByteBuffer.allocate(fileLength).order(ByteOrder.BIG_ENDIAN);
    b.putInt(FILE_CODE).position(24);
    b.putInt(fileLength / 2);
    b.order(ByteOrder.LITTLE_ENDIAN).putInt(VERSION).putInt(type.code);
    boolean none = extent.isNull();
    b.putDouble(none ? 0 : extent.getMinX()).putDouble(none ? 0 : extent.getMinY());
    b.putDouble(none ? 0 : extent.getMaxX()).putDouble(none ? 0 : extent.getMaxY());
    b.position(HEADER_BYTES); // Z and M ranges stay 0: no Z or M values are written
    return b;
  }

  /** The content of one record (little-endian). */
  private static byte[] content(ShapeType type, Geometry g) {
    if (g == null) {
      return ByteBuffer.allocate(4)
          .order(ByteOrder.LITTLE_ENDIAN)
          .putInt(ShapeType.NULL.code)
          .array();
    }
    return switch (type) {
      case POINT -> point((Point) g);
      case MULTIPOINT -> multiPoint(g.getCoordinates());
      case POLYLINE -> parts(type, lineParts(g));
      case POLYGON -> parts(type, ringParts(g));
      case NULL -> throw new IllegalStateException("a geometry in a Null shapefile");
    };
  }

  private static byte[] point(Point p) {
    return ByteBuffer.allocate(20)
        .order(ByteOrder.LITTLE_ENDIAN)
        .putInt(ShapeType.POINT.code)
        .putDouble(p.getX())
        .putDouble(p.getY())
        .array();
  }

  private static byte[] multiPoint(Coordinate[] points) {
    ByteBuffer b = ByteBuffer.allocate(40 + 16 * points.length).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(ShapeType.MULTIPOINT.code);
    putBox(b, points);
    b.putInt(points.length);
    for (Coordinate c : points) {
      b.putDouble(c.x).putDouble(c.y);
    }
    return b.array();
  }

  /** PolyLine or Polygon: box, part and point counts, part starts, points. */
  private static byte[] parts(ShapeType type, List<Coordinate[]> parts) {
    int numPoints = parts.stream().mapToInt(p -> p.length).sum();
    ByteBuffer b =
        ByteBuffer.allocate(44 + 4 * parts.size() + 16 * numPoints).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(type.code);
    putBox(b, parts.stream().flatMap(Arrays::stream).toArray(Coordinate[]::new));
    b.putInt(parts.size()).putInt(numPoints);
    int start = 0;
    for (Coordinate[] part : parts) {
      b.putInt(start);
      start += part.length;
    }
    for (Coordinate[] part : parts) {
      for (Coordinate c : part) {
        b.putDouble(c.x).putDouble(c.y);
      }
    }
    return b.array();
  }

  private static void putBox(ByteBuffer b, Coordinate[] points) {
    Envelope e = new Envelope();
    for (Coordinate c : points) {
      e.expandToInclude(c);
    }
    b.putDouble(e.getMinX()).putDouble(e.getMinY()).putDouble(e.getMaxX()).putDouble(e.getMaxY());
  }

  private static List<Coordinate[]> lineParts(Geometry g) {
    List<Coordinate[]> parts = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      if (!g.getGeometryN(i).isEmpty()) {
        parts.add(g.getGeometryN(i).getCoordinates());
      }
    }
    return parts;
  }

  /** Rings of every polygon: outer rings clockwise, holes counter-clockwise (the ESRI rule). */
  private static List<Coordinate[]> ringParts(Geometry g) {
    List<Coordinate[]> parts = new ArrayList<>();
    for (int i = 0; i < g.getNumGeometries(); i++) {
      Polygon p = (Polygon) g.getGeometryN(i);
      if (p.isEmpty()) {
        continue;
      }
      parts.add(oriented(p.getExteriorRing().getCoordinateSequence(), false));
      for (int h = 0; h < p.getNumInteriorRing(); h++) {
        parts.add(oriented(p.getInteriorRingN(h).getCoordinateSequence(), true));
      }
    }
    return parts;
  }

  private static Coordinate[] oriented(CoordinateSequence ring, boolean counterClockwise) {
    Coordinate[] cs = ring.toCoordinateArray();
    if (Orientation.isCCW(ring) != counterClockwise) {
      Collections.reverse(Arrays.asList(cs));
    }
    return cs;
  }

  // ---------------------------------------------------------------- attributes

  /**
   * The .dbf bytes, with a fixed "last update" date so that the same layer always gives the same
   * bytes.
   */
  private static byte[] dbf(FeatureLayer layer) {
    List<Map.Entry<String, AttributeType>> columns = List.copyOf(layer.attributes().entrySet());
    if (columns.isEmpty()) {
      return dbfWithFid(layer);
    }
    DBFField[] fields = new DBFField[columns.size()];
    for (int i = 0; i < fields.length; i++) {
      fields[i] = field(layer, columns.get(i).getKey(), columns.get(i).getValue());
    }
    List<Object[]> records = new ArrayList<>(layer.size());
    for (Feature f : layer.features()) {
      Object[] record = new Object[fields.length];
      for (int i = 0; i < fields.length; i++) {
        record[i] = dbfValue(f, columns.get(i).getKey(), columns.get(i).getValue());
      }
      records.add(record);
    }
    return dbf(fields, records);
  }

  /**
   * A .dbf must have a field; a layer without attributes gets one, {@value #FID_FIELD}, holding the
   * feature index (as GDAL does).
   */
  private static byte[] dbfWithFid(FeatureLayer layer) {
    DBFField fid = new DBFField(FID_FIELD, DBFDataType.NUMERIC, INTEGER_WIDTH, 0);
    List<Object[]> records = new ArrayList<>(layer.size());
    for (Feature f : layer.features()) {
      records.add(new Object[] {BigDecimal.valueOf(f.index())});
    }
    return dbf(new DBFField[] {fid}, records);
  }

  private static byte[] dbf(DBFField[] fields, List<Object[]> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DBFWriter writer = new DBFWriter(out, StandardCharsets.UTF_8)) {
      writer.setFields(fields);
      records.forEach(writer::addRecord);
    }
    byte[] bytes = out.toByteArray();
    // Bytes 1..3 of a .dbf header are the date of last update (years since 1900, month, day), which
    // javadbf sets to
    // today. A fixed date, 2000-01-01, makes the file depend on the layer only: same layer, same
    // bytes, any day.
    bytes[1] = 100;
    bytes[2] = 1;
    bytes[3] = 1;
    return bytes;
  }

  private static DBFField field(FeatureLayer layer, String name, AttributeType type) {
    if (name.isEmpty()
        || name.length() > MAX_NAME_LENGTH
        || !StandardCharsets.US_ASCII.newEncoder().canEncode(name)) {
      throw new IllegalArgumentException(
          "field name '"
              + name
              + "' does not fit a .dbf: at most "
              + MAX_NAME_LENGTH
              + " ASCII characters; rename it before writing a shapefile");
    }
    return switch (type) {
      case STRING -> new DBFField(name, DBFDataType.CHARACTER, textWidth(layer, name));
      case INTEGER -> new DBFField(name, DBFDataType.NUMERIC, INTEGER_WIDTH, 0);
      case REAL -> new DBFField(name, DBFDataType.NUMERIC, REAL_WIDTH, REAL_DECIMALS);
      case BOOLEAN -> new DBFField(name, DBFDataType.LOGICAL);
      case DATE -> new DBFField(name, DBFDataType.DATE);
    };
  }

  /** The longest value in UTF-8 bytes, at least 1; more than 254 bytes is an error. */
  private static int textWidth(FeatureLayer layer, String name) {
    int width = 1;
    for (Feature f : layer.features()) {
      String s = text(f.properties().get(name));
      int bytes = s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
      if (bytes > MAX_TEXT_BYTES) {
        throw new IllegalArgumentException(
            "feature "
                + f.index()
                + ", field "
                + name
                + ": the value is "
                + bytes
                + " bytes in UTF-8; a .dbf text field holds at most "
                + MAX_TEXT_BYTES);
      }
      width = Math.max(width, bytes);
    }
    return width;
  }

  private static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /**
   * The value as javadbf writes it for the field type; numbers as BigDecimal so that no digit is
   * lost.
   */
  private static Object dbfValue(Feature f, String name, AttributeType type) {
    Object v = f.properties().get(name);
    if (v == null) {
      return null;
    }
    return switch (type) {
      case STRING -> text(v);
      case INTEGER ->
          number(
              f,
              name,
              BigDecimal.valueOf(requireType(f, name, v, Number.class).longValue()),
              INTEGER_WIDTH);
      case REAL -> real(f, name, requireType(f, name, v, Number.class).doubleValue());
      case BOOLEAN -> requireType(f, name, v, Boolean.class);
      case DATE -> date(requireType(f, name, v, LocalDate.class));
    };
  }

  private static BigDecimal real(Feature f, String name, double d) {
    if (!Double.isFinite(d)) {
      return null;
    }
    return number(
        f, name, BigDecimal.valueOf(d).setScale(REAL_DECIMALS, RoundingMode.HALF_EVEN), REAL_WIDTH);
  }

  private static BigDecimal number(Feature f, String name, BigDecimal value, int width) {
    if (value.toPlainString().length() > width) {
      throw new IllegalArgumentException(
          "feature "
              + f.index()
              + ", field "
              + name
              + ": "
              + value.toPlainString()
              + " does not fit the "
              + width
              + " characters of a .dbf number");
    }
    return value;
  }

  /**
   * javadbf writes the year, month and day of a Date in the default time zone; build it the same
   * way.
   */
  private static Date date(LocalDate d) {
    return new GregorianCalendar(d.getYear(), d.getMonthValue() - 1, d.getDayOfMonth()).getTime();
  }

  private static <T> T requireType(Feature f, String name, Object v, Class<T> type) {
    if (!type.isInstance(v)) {
      throw new IllegalArgumentException(
          "feature "
              + f.index()
              + ", field "
              + name
              + ": "
              + v
              + " is a "
              + v.getClass().getSimpleName()
              + ", expected "
              + type.getSimpleName());
    }
    return type.cast(v);
  }
}
