package org.pcnatlas.load;

import com.linuxense.javadbf.DBFDataType;
import com.linuxense.javadbf.DBFException;
import com.linuxense.javadbf.DBFField;
import com.linuxense.javadbf.DBFReader;
import com.linuxense.javadbf.DBFRow;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Calendar;
import java.util.Date;
import java.util.GregorianCalendar;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.locationtech.jts.algorithm.Area;
import org.locationtech.jts.algorithm.Orientation;
import org.locationtech.jts.algorithm.PointLocation;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Location;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.UnknownCrsException;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * ESRI Shapefile: the {@code .shp} geometry and {@code .shx} record index are parsed here,
 * following the ESRI Shapefile Technical Description (July 1998); the {@code .dbf} attributes are
 * read with javadbf in the encoding named by the {@code .cpg} (ISO-8859-1 when there is none); the
 * CRS comes from the {@code .prj} WKT, or from {@link ReadOptions#sourceEpsg()} when there is no
 * {@code .prj}.
 *
 * <p>Shape types Null, Point, PolyLine, Polygon and MultiPoint are read, with their Z and M
 * variants (x and y only). Polygon rings are sorted by orientation: clockwise rings are outer
 * rings, counter-clockwise rings are holes, each given to the smallest outer ring that contains it.
 * Feature indexes are the 1-based record numbers.
 */
public final class ShapefileReader implements FeatureReader {
  private static final GeometryFactory F = GeoUtils.FACTORY;

  /** The file code at byte 0 of every .shp and .shx header (big-endian). */
  private static final int FILE_CODE = 9994;

  private static final int HEADER_BYTES = 100;
  private static final int RECORD_HEADER_BYTES = 8;
  private static final int SHX_ENTRY_BYTES = 8;

  private static final int NULL_SHAPE = 0;
  private static final int POINT = 1;
  private static final int POLYLINE = 3;
  private static final int POLYGON = 5;
  private static final int MULTIPOINT = 8;

  @Override
  public LoadedLayer read(Path file, ReadOptions options) {
    Path shx = requireCompanion(file, "shx", "record index");
    Path dbf = requireCompanion(file, "dbf", "attribute table");
    int sourceEpsg = sourceCrs(file, companion(file, "prj"), options);
    Charset charset = charset(companion(file, "cpg"));
    byte[] shp = readAll(file);
    checkHeader(file, shp);
    List<Slot> slots = index(file, shx, shp.length);
    checkDeclaredLength(file, shp);

    LoadReport report = new LoadReport();
    Ingest ingest = new Ingest(file, sourceEpsg, options.targetEpsg(), report);
    List<Feature> features = new ArrayList<>(slots.size());
    Map<String, AttributeType> schema;
    try (AttributeTable table = AttributeTable.open(dbf, charset)) {
      if (table.recordCount() != slots.size()) {
        throw new LoadException(
            file,
            "the .shp has "
                + slots.size()
                + " records but "
                + dbf.getFileName()
                + " has "
                + table.recordCount()
                + "; the two files do not belong together");
      }
      schema = table.schema();
      for (Slot slot : slots) {
        String location = ingest.location("record", slot.number());
        DBFRow row = table.next(slot.number());
        if (row.isDeleted()) {
          report.add(
              ProblemCode.DELETED_RECORD,
              location,
              "record is marked deleted in " + dbf.getFileName());
          continue;
        }
        Feature feature =
            feature(
                file, shp, slot, location, table.properties(row, location, report), ingest, report);
        if (feature != null) {
          features.add(feature);
        }
      }
    }
    String name = GeoJsonReader.baseName(file);
    FeatureLayer layer = new FeatureLayer(name, options.targetEpsg(), schema, features);
    return new LoadedLayer(
        file,
        SourceFormat.SHAPEFILE,
        sourceEpsg,
        ingest.sourceBbox(),
        ingest.geometryTypes(),
        slots.size(),
        layer,
        report);
  }

  /** The feature of one record, or null when its geometry was rejected (and reported). */
  private static Feature feature(
      Path file,
      byte[] shp,
      Slot slot,
      String location,
      Map<String, Object> properties,
      Ingest ingest,
      LoadReport report) {
    ByteBuffer content = content(file, shp, slot);
    int type = content.getInt(0);
    if (!isSupported(type)) {
      report.add(
          ProblemCode.UNSUPPORTED_GEOMETRY,
          location,
          "shape type "
              + type
              + " is not supported"
              + " (Null, Point, PolyLine, Polygon, MultiPoint and their Z and M variants are)");
      return null;
    }
    Geometry source;
    try {
      source = new RecordParser(file, slot.number(), content, location, report).geometry(type % 10);
    } catch (BufferUnderflowException | IndexOutOfBoundsException e) {
      throw new LoadException(
          file,
          "record "
              + slot.number()
              + " is corrupt: its content ("
              + slot.length()
              + " bytes) ends before its shape does",
          e);
    }
    Geometry working = ingest.accept(source, location);
    return working == null ? null : new Feature(slot.number(), null, working, properties);
  }

  // ---------------------------------------------------------------- companion files and CRS

  /** The companion file with the same base name and the given extension (either case), or null. */
  private static Path companion(Path shp, String extension) {
    String name = shp.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String base = dot > 0 ? name.substring(0, dot) : name;
    boolean upper =
        dot > 0 && dot + 1 < name.length() && Character.isUpperCase(name.charAt(dot + 1));
    String lower = extension.toLowerCase(Locale.ROOT);
    String up = extension.toUpperCase(Locale.ROOT);
    for (String ext : upper ? List.of(up, lower) : List.of(lower, up)) {
      Path candidate = shp.resolveSibling(base + "." + ext);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static Path requireCompanion(Path shp, String extension, String what) {
    Path found = companion(shp, extension);
    if (found == null) {
      throw new LoadException(
          shp,
          "the ."
              + extension
              + " file ("
              + what
              + ") is missing: a shapefile needs "
              + GeoJsonReader.baseName(shp)
              + ".shp, .shx and .dbf side by side");
    }
    return found;
  }

  /**
   * The CRS of the .prj, else the --crs option; both present and different, or neither, is an
   * error.
   */
  private static int sourceCrs(Path shp, Path prj, ReadOptions options) {
    Integer given = options.sourceEpsg();
    if (prj == null) {
      if (given == null) {
        throw new LoadException(
            shp, "the CRS is missing: there is no .prj file; pass --crs (e.g. --crs EPSG:27700)");
      }
      return given;
    }
    int declared;
    try {
      declared = Crs.fromWkt(new String(readAll(prj), StandardCharsets.ISO_8859_1));
    } catch (UnknownCrsException e) {
      throw new LoadException(prj, "cannot identify the CRS: " + e.getMessage(), e);
    }
    return Ingest.reconcileCrs(shp, prj.getFileName().toString(), declared, given);
  }

  /** The encoding the .cpg names; ISO-8859-1 when there is no .cpg, as ESRI software assumes. */
  private static Charset charset(Path cpg) {
    if (cpg == null) {
      return StandardCharsets.ISO_8859_1;
    }
    String name = new String(readAll(cpg), StandardCharsets.ISO_8859_1).strip();
    if (name.isEmpty()) {
      return StandardCharsets.ISO_8859_1;
    }
    String key = name.toUpperCase(Locale.ROOT).replaceAll("[-_ ]", "");
    if (key.equals("UTF8")) {
      return StandardCharsets.UTF_8;
    }
    List<String> candidates = new ArrayList<>(List.of(name));
    if (key.matches("8859\\d+")) {
      candidates.add("ISO-8859-" + key.substring(4));
    } else if (key.matches("\\d+")) {
      candidates.addAll(List.of("windows-" + key, "cp" + key, "IBM" + key));
    }
    for (String candidate : candidates) {
      try {
        return Charset.forName(candidate);
      } catch (IllegalArgumentException e) {
        // not this spelling; try the next
      }
    }
    throw new LoadException(cpg, "unknown encoding '" + name + "'");
  }

  private static byte[] readAll(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new LoadException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- .shp and .shx structure

  /**
   * Where one record's content lies in the .shp: byte offset of its record header and content
   * length in bytes.
   */
  private record Slot(int number, long offset, int length) {}

  /** Checks the 100-byte header common to .shp and .shx: its size and file code. */
  private static void checkHeader(Path file, byte[] bytes) {
    if (bytes.length < HEADER_BYTES) {
      throw new LoadException(
          file,
          "only "
              + bytes.length
              + " bytes; the header alone is "
              + HEADER_BYTES
              + " (truncated, or not a shapefile)");
    }
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    int code = header.getInt(0);
    if (code != FILE_CODE) {
      throw new LoadException(
          file, "not a shapefile: file code " + code + ", expected " + FILE_CODE);
    }
  }

  /**
   * Checks that the file is as long as its header says (after the records, so that a cut record is
   * named).
   */
  private static void checkDeclaredLength(Path file, byte[] bytes) {
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    long declared = 2L * header.getInt(24);
    if (declared > bytes.length) {
      throw new LoadException(
          file,
          "truncated: the header gives a length of "
              + declared
              + " bytes but the file has "
              + bytes.length);
    }
  }

  /** The records listed in the .shx, each checked to lie inside the .shp. */
  private static List<Slot> index(Path shp, Path shx, long shpSize) {
    byte[] bytes = readAll(shx);
    checkHeader(shx, bytes);
    checkDeclaredLength(shx, bytes);
    if ((bytes.length - HEADER_BYTES) % SHX_ENTRY_BYTES != 0) {
      throw new LoadException(
          shx,
          "truncated or corrupt: "
              + bytes.length
              + " bytes is not the "
              + HEADER_BYTES
              + "-byte header plus "
              + SHX_ENTRY_BYTES
              + " bytes per record");
    }
    ByteBuffer index = ByteBuffer.wrap(bytes).order(ByteOrder.BIG_ENDIAN);
    int count = (bytes.length - HEADER_BYTES) / SHX_ENTRY_BYTES;
    List<Slot> slots = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int at = HEADER_BYTES + i * SHX_ENTRY_BYTES;
      Slot slot = new Slot(i + 1, 2L * index.getInt(at), 2 * index.getInt(at + 4));
      if (slot.offset() < HEADER_BYTES || slot.length() < 4) {
        throw new LoadException(
            shp,
            "record "
                + slot.number()
                + " is corrupt: "
                + shx.getFileName()
                + " gives offset "
                + slot.offset()
                + " and length "
                + slot.length());
      }
      if (slot.offset() + RECORD_HEADER_BYTES + slot.length() > shpSize) {
        throw new LoadException(
            shp,
            "truncated: record "
                + slot.number()
                + " (bytes "
                + slot.offset()
                + " to "
                + (slot.offset() + RECORD_HEADER_BYTES + slot.length())
                + ") extends past the end of the file ("
                + shpSize
                + " bytes)");
      }
      slots.add(slot);
    }
    return slots;
  }

  /**
   * The record's content (little-endian, position 0 at its shape type), after checking its record
   * header.
   */
  private static ByteBuffer content(Path file, byte[] shp, Slot slot) {
    int length =
        2 * ByteBuffer.wrap(shp).order(ByteOrder.BIG_ENDIAN).getInt((int) slot.offset() + 4);
    if (length != slot.length()) {
      throw new LoadException(
          file,
          "record "
              + slot.number()
              + " is corrupt: its header gives "
              + length
              + " content bytes, the .shx "
              + slot.length());
    }
    return ByteBuffer.wrap(shp, (int) slot.offset() + RECORD_HEADER_BYTES, slot.length())
        .slice()
        .order(ByteOrder.LITTLE_ENDIAN);
  }

  private static boolean isSupported(int type) {
    if (type == NULL_SHAPE) {
      return true;
    }
    if (type < 0 || type > 28) {
      return false;
    }
    int base = type % 10;
    return base == POINT || base == POLYLINE || base == POLYGON || base == MULTIPOINT;
  }

  // ---------------------------------------------------------------- record geometry

  /** Parses the content of one record into a JTS geometry in source coordinates. */
  private static final class RecordParser {
    private final Path file;
    private final int number;
    private final ByteBuffer content;
    private final String location;
    private final LoadReport report;

    RecordParser(Path file, int number, ByteBuffer content, String location, LoadReport report) {
      this.file = file;
      this.number = number;
      this.content = content;
      this.location = location;
      this.report = report;
    }

    /**
     * The geometry for a base shape type (Z and M variants reduced to it); null for a Null shape.
     */
    Geometry geometry(int baseType) {
      return switch (baseType) {
        case NULL_SHAPE -> null;
        case POINT -> F.createPoint(new Coordinate(content.getDouble(4), content.getDouble(12)));
        case MULTIPOINT -> F.createMultiPointFromCoords(multiPoint());
        case POLYLINE -> lines(parts());
        case POLYGON -> polygons(parts());
        default -> throw new IllegalStateException("unexpected shape type " + baseType);
      };
    }

    /** MultiPoint: box, number of points, points. */
    private Coordinate[] multiPoint() {
      content.position(4 + 32);
      int numPoints = content.getInt();
      require(
          numPoints >= 0 && 40L + 16L * numPoints <= content.limit(),
          "it declares " + numPoints + " points in " + content.limit() + " bytes");
      return points(numPoints);
    }

    /**
     * PolyLine and Polygon: box, number of parts and points, part start indexes, points; one array
     * per part.
     */
    private List<Coordinate[]> parts() {
      content.position(4 + 32);
      int numParts = content.getInt();
      int numPoints = content.getInt();
      require(
          numParts >= 0
              && numPoints >= 0
              && 44L + 4L * numParts + 16L * numPoints <= content.limit(),
          "it declares "
              + numParts
              + " parts and "
              + numPoints
              + " points in "
              + content.limit()
              + " bytes");
      int[] starts = new int[numParts + 1];
      for (int i = 0; i < numParts; i++) {
        starts[i] = content.getInt();
        require(
            starts[i] >= (i == 0 ? 0 : starts[i - 1]) && starts[i] <= numPoints,
            "part " + (i + 1) + " starts at point " + starts[i] + " of " + numPoints);
      }
      starts[numParts] = numPoints;
      Coordinate[] all = points(numPoints);
      List<Coordinate[]> parts = new ArrayList<>(numParts);
      for (int i = 0; i < numParts; i++) {
        parts.add(Arrays.copyOfRange(all, starts[i], starts[i + 1]));
      }
      return parts;
    }

    private Coordinate[] points(int count) {
      Coordinate[] points = new Coordinate[count];
      for (int i = 0; i < count; i++) {
        points[i] = new Coordinate(content.getDouble(), content.getDouble());
      }
      return points;
    }

    private Geometry lines(List<Coordinate[]> parts) {
      List<LineString> lines = new ArrayList<>(parts.size());
      for (int i = 0; i < parts.size(); i++) {
        Coordinate[] part = parts.get(i);
        if (part.length < 2) {
          repaired("part " + (i + 1) + " has " + part.length + " point(s); dropped it");
        } else {
          lines.add(F.createLineString(part));
        }
      }
      return lines.size() == 1
          ? lines.get(0)
          : F.createMultiLineString(lines.toArray(LineString[]::new));
    }

    private Geometry polygons(List<Coordinate[]> parts) {
      List<LinearRing> shells = new ArrayList<>();
      List<LinearRing> holes = new ArrayList<>();
      for (int i = 0; i < parts.size(); i++) {
        LinearRing ring = ring(parts.get(i), i + 1);
        if (ring != null) {
          (Orientation.isCCW(ring.getCoordinateSequence()) ? holes : shells).add(ring);
        }
      }
      return assemble(shells, holes);
    }

    /** A closed ring of at least four points, or null when the part is too short (reported). */
    private LinearRing ring(Coordinate[] part, int partNumber) {
      Coordinate[] cs = part;
      if (cs.length > 0 && !cs[0].equals2D(cs[cs.length - 1])) {
        cs = Arrays.copyOf(cs, cs.length + 1);
        cs[cs.length - 1] = new Coordinate(cs[0]);
        repaired("ring " + partNumber + " is not closed; closed it");
      }
      if (cs.length < 4) {
        repaired("ring " + partNumber + " has " + part.length + " point(s); dropped it");
        return null;
      }
      return F.createLinearRing(cs);
    }

    /**
     * One polygon per outer ring, each hole given to the smallest outer ring that contains it. A
     * hole inside no outer ring is read as an outer ring (reported); overlaps that this creates are
     * left to the repair in Ingest.
     */
    private Geometry assemble(List<LinearRing> shells, List<LinearRing> holes) {
      List<List<LinearRing>> holesOf = new ArrayList<>();
      shells.forEach(s -> holesOf.add(new ArrayList<>()));
      List<LinearRing> orphans = new ArrayList<>();
      for (LinearRing hole : holes) {
        int shell = containingShell(shells, hole);
        if (shell < 0) {
          orphans.add(hole);
        } else {
          holesOf.get(shell).add(hole);
        }
      }
      if (!orphans.isEmpty()) {
        repaired(
            orphans.size()
                + " counter-clockwise ring(s) (holes by the ESRI rule) lie in no clockwise ring;"
                + " read them as outer rings");
      }
      List<Polygon> polygons = new ArrayList<>();
      for (int i = 0; i < shells.size(); i++) {
        polygons.add(F.createPolygon(shells.get(i), holesOf.get(i).toArray(LinearRing[]::new)));
      }
      orphans.forEach(o -> polygons.add(F.createPolygon(o)));
      return polygons.size() == 1
          ? polygons.get(0)
          : F.createMultiPolygon(polygons.toArray(Polygon[]::new));
    }

    private void repaired(String what) {
      report.add(ProblemCode.GEOMETRY_REPAIRED, location, what);
    }

    private void require(boolean condition, String problem) {
      if (!condition) {
        throw new LoadException(file, "record " + number + " is corrupt: " + problem);
      }
    }
  }

  /** The index of the smallest shell that contains the hole, or -1. */
  private static int containingShell(List<LinearRing> shells, LinearRing hole) {
    Envelope holeEnvelope = hole.getEnvelopeInternal();
    int best = -1;
    double bestArea = Double.POSITIVE_INFINITY;
    for (int i = 0; i < shells.size(); i++) {
      LinearRing shell = shells.get(i);
      if (!shell.getEnvelopeInternal().covers(holeEnvelope) || !ringContains(shell, hole)) {
        continue;
      }
      double area = Math.abs(Area.ofRingSigned(shell.getCoordinateSequence()));
      if (area < bestArea) {
        best = i;
        bestArea = area;
      }
    }
    return best;
  }

  /**
   * True when the first vertex of the hole that is not on the shell's boundary lies inside the
   * shell.
   */
  private static boolean ringContains(LinearRing shell, LinearRing hole) {
    Coordinate[] shellPoints = shell.getCoordinates();
    for (Coordinate c : hole.getCoordinates()) {
      int location = PointLocation.locateInRing(c, shellPoints);
      if (location != Location.BOUNDARY) {
        return location == Location.INTERIOR;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------- .dbf attributes

  /** The .dbf through javadbf, with the attribute schema its field types declare. */
  private static final class AttributeTable implements Closeable {
    private final Path file;
    private final InputStream in;
    private final DBFReader reader;
    private final List<DBFField> fields = new ArrayList<>();
    private final Map<String, AttributeType> schema = new LinkedHashMap<>();

    private AttributeTable(Path file, InputStream in, DBFReader reader) {
      this.file = file;
      this.in = in;
      this.reader = reader;
      // Asked to show deleted rows, javadbf puts a pseudo-field "deleted" first; the file's fields
      // follow.
      for (int i = 1; i < reader.getFieldCount(); i++) {
        DBFField field = reader.getField(i);
        if (schema.put(field.getName(), type(field)) != null) {
          throw new LoadException(file, "field " + field.getName() + " appears twice");
        }
        fields.add(field);
      }
    }

    static AttributeTable open(Path file, Charset charset) {
      InputStream in = null;
      try {
        in = new BufferedInputStream(Files.newInputStream(file));
        return new AttributeTable(file, in, new DBFReader(in, charset, true));
      } catch (IOException | RuntimeException e) {
        // javadbf fails on a file that is not dBASE with no message, or with an index error
        closeQuietly(in);
        String why =
            e.getMessage() == null || e.getMessage().isBlank() || !(e instanceof DBFException)
                ? "its header is not a dBASE table header ("
                    + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + "); a Shapefile's .dbf must be the dBASE file written with its .shp, not"
                    + " text or another format"
                : e.getMessage();
        throw new LoadException(file, "cannot read the attribute table: " + why, e);
      }
    }

    int recordCount() {
      return reader.getRecordCount();
    }

    Map<String, AttributeType> schema() {
      return schema;
    }

    DBFRow next(int number) {
      DBFRow row;
      try {
        row = reader.nextRow();
      } catch (DBFException e) {
        throw new LoadException(file, "record " + number + " cannot be read: " + e.getMessage(), e);
      }
      if (row == null) {
        throw new LoadException(file, "truncated: the file ends before record " + number);
      }
      return row;
    }

    /**
     * The row's values in field order, typed by the schema; a value that does not fit is reported
     * and null.
     */
    Map<String, Object> properties(DBFRow row, String location, LoadReport report) {
      Map<String, Object> properties = new LinkedHashMap<>();
      for (int i = 0; i < fields.size(); i++) {
        DBFField field = fields.get(i);
        Object raw = row.getObject(i + 1);
        try {
          properties.put(field.getName(), value(raw, schema.get(field.getName())));
        } catch (ArithmeticException | ClassCastException | IllegalArgumentException e) {
          report.add(
              ProblemCode.UNPARSABLE_VALUE,
              location,
              field.getName()
                  + ": '"
                  + raw
                  + "' is not "
                  + schema.get(field.getName()).label()
                  + " ("
                  + e.getMessage()
                  + ")");
          properties.put(field.getName(), null);
        }
      }
      return properties;
    }

    @Override
    public void close() {
      reader.close();
      closeQuietly(in);
    }
  }

  /**
   * C is a string, N an integer without decimals and a real with them, F a real, L a boolean, D a
   * date.
   */
  private static AttributeType type(DBFField field) {
    DBFDataType t = field.getType();
    return switch (t) {
      case NUMERIC -> field.getDecimalCount() == 0 ? AttributeType.INTEGER : AttributeType.REAL;
      case FLOATING_POINT, DOUBLE, CURRENCY -> AttributeType.REAL;
      case LONG, AUTOINCREMENT -> AttributeType.INTEGER;
      case LOGICAL -> AttributeType.BOOLEAN;
      case DATE -> AttributeType.DATE;
      default -> AttributeType.STRING;
    };
  }

  /**
   * A javadbf value as the schema type; blank text and numbers are null (a .dbf has no other null).
   */
  private static Object value(Object raw, AttributeType type) {
    if (raw == null) {
      return null;
    }
    return switch (type) {
      case INTEGER -> integer((Number) raw);
      case REAL -> ((Number) raw).doubleValue();
      case BOOLEAN -> (Boolean) raw;
      case DATE -> localDate((Date) raw);
      case STRING -> text(raw);
    };
  }

  private static Long integer(Number n) {
    if (n instanceof BigDecimal d) {
      return d.longValueExact();
    }
    return n.longValue();
  }

  /**
   * javadbf builds dates with a GregorianCalendar in the default time zone; read the fields back
   * the same way.
   */
  private static LocalDate localDate(Date date) {
    Calendar calendar = new GregorianCalendar();
    calendar.setTime(date);
    return LocalDate.of(
        calendar.get(Calendar.YEAR),
        calendar.get(Calendar.MONTH) + 1,
        calendar.get(Calendar.DAY_OF_MONTH));
  }

  private static String text(Object raw) {
    String s =
        raw instanceof byte[] bytes
            ? new String(bytes, StandardCharsets.ISO_8859_1)
            : raw.toString();
    return s.isBlank() ? null : s;
  }

  private static void closeQuietly(InputStream in) {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException e) {
      // nothing was written; a failed close of an input cannot lose data
    }
  }
}
