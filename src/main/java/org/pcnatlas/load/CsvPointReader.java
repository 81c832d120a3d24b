package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.pcnatlas.config.CsvColumns;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * CSV points: one point per row from a longitude/latitude pair (WGS84) or an x/y pair
 * (eastings/northings). The coordinate columns come from the options, else a {@link CsvPreset}
 * recognised from the header, else the usual names ({@code lat}/{@code lon}/{@code lng}/{@code
 * longitude}..., {@code easting}/{@code northing}...). Eastings and northings are British National
 * Grid unless {@code --crs} says otherwise; plain {@code x}/{@code y} need {@code --crs}. Every
 * other column becomes a property, typed integer, real or string from its values.
 */
public final class CsvPointReader implements FeatureReader {
  // the number forms of fields, as NumberText recognises them: an integer attribute is
  // [-+]?(0|[1-9][0-9]{0,17}); a real attribute [-+]?((0|[1-9][0-9]*)(\.[0-9]*)?|\.[0-9]+)
  // ([eE][-+]?[0-9]+)?, so that, as for an integer, a leading zero before digits ("007") makes the
  // value a code, i.e. text; a coordinate any decimal number, [-+]?([0-9]+\.?[0-9]*|\.[0-9]+)
  // ([eE][-+]?[0-9]+)?

  /** The coordinate columns chosen for a table and the CRS of their values. */
  record Mapping(String x, String y, int epsg, String id) {}

  @Override
  public LoadedLayer read(Path file, ReadOptions options) {
    LoadReport report = new LoadReport();
    CsvTable table = CsvTable.read(file, options.encoding(), report);
    Mapping mapping =
        mapping(table, options)
            .orElseThrow(
                () ->
                    new LoadException(
                        file,
                        "no coordinate columns found (columns are: "
                            + String.join(", ", table.header())
                            + "); name them with --lon-column/--lat-column or --x-column/--y-column"));
    return read(table, mapping, options, report);
  }

  /**
   * Reads points when the file has coordinate columns, otherwise the rows as a table without
   * geometry (for {@code inspect} on files such as the NHS practice -> PCN map).
   */
  public LoadedLayer readPointsOrTable(Path file, ReadOptions options) {
    LoadReport report = new LoadReport();
    CsvTable table = CsvTable.read(file, options.encoding(), report);
    Optional<Mapping> mapping = mapping(table, options);
    if (mapping.isPresent()) {
      return read(table, mapping.get(), options, report);
    }
    Map<String, AttributeType> schema = inferTypes(table, table.header());
    List<Feature> rows = new ArrayList<>();
    for (CsvTable.Row row : table.rows()) {
      Map<String, Object> props = new LinkedHashMap<>();
      table.header().forEach(c -> props.put(c, convert(row.get(c), schema.get(c))));
      rows.add(new Feature(row.number(), null, null, props));
    }
    FeatureLayer layer = new FeatureLayer(GeoJsonReader.baseName(file), 0, schema, rows);
    return new LoadedLayer(
        file,
        SourceFormat.CSV,
        null,
        new org.locationtech.jts.geom.Envelope(),
        List.of(),
        table.rowsRead(),
        layer,
        report);
  }

  /**
   * The coordinate columns of the table: explicit options first, then a preset, then the usual
   * names. Empty when the table has no coordinates (a plain table such as a practice -> PCN map).
   */
  static Optional<Mapping> mapping(CsvTable table, ReadOptions options) {
    CsvColumns cols = options.columns();
    Path file = table.file();
    String id = cols.idColumn() == null ? null : table.requireColumn(cols.idColumn());
    if (!cols.detect()) {
      String x = table.requireColumn(cols.xColumn());
      String y = table.requireColumn(cols.yColumn());
      boolean geographic = Boolean.TRUE.equals(cols.geographic());
      return Optional.of(new Mapping(x, y, crsFor(file, geographic, options), id));
    }
    Optional<CsvPreset> preset = CsvPreset.detect(table);
    if (preset.isPresent() && preset.get().hasCoordinates()) {
      CsvPreset p = preset.get();
      int epsg = options.sourceEpsg() != null ? options.sourceEpsg() : p.epsg();
      return Optional.of(
          new Mapping(
              table.requireColumn(p.xColumn()),
              table.requireColumn(p.yColumn()),
              epsg,
              id != null ? id : table.requireColumn(p.codeColumn())));
    }
    Optional<String> e = table.firstColumn(CsvPreset.EASTING_NAMES);
    Optional<String> n = table.firstColumn(CsvPreset.NORTHING_NAMES);
    if (e.isPresent() && n.isPresent()) {
      return Optional.of(new Mapping(e.get(), n.get(), crsFor(file, false, options), id));
    }
    Optional<String> lon = table.firstColumn(CsvPreset.LONGITUDE_NAMES);
    Optional<String> lat = table.firstColumn(CsvPreset.LATITUDE_NAMES);
    if (lon.isPresent() && lat.isPresent()) {
      return Optional.of(new Mapping(lon.get(), lat.get(), crsFor(file, true, options), id));
    }
    Optional<String> x = table.column("x");
    Optional<String> y = table.column("y");
    if (x.isPresent() && y.isPresent()) {
      if (options.sourceEpsg() == null) {
        throw new LoadException(
            file, "columns x/y do not say their CRS; give it with --crs (e.g. --crs EPSG:27700)");
      }
      return Optional.of(new Mapping(x.get(), y.get(), options.sourceEpsg(), id));
    }
    return Optional.empty();
  }

  private static int crsFor(Path file, boolean geographic, ReadOptions options) {
    if (options.sourceEpsg() != null) {
      if (geographic != Crs.isGeographic(options.sourceEpsg())) {
        throw new LoadException(
            file,
            (geographic ? "longitude/latitude columns" : "easting/northing columns")
                + " cannot be in "
                + Crs.label(options.sourceEpsg()));
      }
      return options.sourceEpsg();
    }
    return geographic ? Crs.WGS84 : Crs.BNG;
  }

  private static LoadedLayer read(
      CsvTable table, Mapping m, ReadOptions options, LoadReport report) {
    Path file = table.file();
    List<String> propertyColumns =
        table.header().stream().filter(c -> !c.equals(m.x()) && !c.equals(m.y())).toList();
    Map<String, AttributeType> schema = inferTypes(table, propertyColumns);
    Ingest ingest = new Ingest(file, m.epsg(), options.targetEpsg(), report);
    List<Feature> features = new ArrayList<>(table.size());
    Rows rows = new Rows(table, m, propertyColumns, schema, ingest);
    // rows are made into features in chunks on the common pool, and taken in file order
    IntStream.range(0, chunks(table.size()))
        .parallel()
        .mapToObj(rows::chunk)
        .forEachOrdered(
            chunk -> {
              for (Row row : chunk) {
                if (row.problem() != null) {
                  report.add(
                      row.problem().code(), row.problem().location(), row.problem().message());
                } else if (ingest.record(row.checked()) != null) {
                  features.add(row.feature());
                }
              }
            });
    FeatureLayer layer =
        new FeatureLayer(GeoJsonReader.baseName(file), options.targetEpsg(), schema, features);
    return new LoadedLayer(
        file,
        SourceFormat.CSV,
        m.epsg(),
        ingest.sourceBbox(),
        ingest.geometryTypes(),
        table.rowsRead(),
        layer,
        report);
  }

  /** Rows per chunk of the parallel reading. */
  private static final int CHUNK = 8192;

  private static int chunks(int rows) {
    return (rows + CHUNK - 1) / CHUNK;
  }

  /** One row made into a feature (and its checked point), or the problem that rejected it. */
  private record Row(Problem problem, Ingest.Checked checked, Feature feature) {}

  /** How the rows of a table become features; a chunk of them on any thread. */
  private static final class Rows {
    private final CsvTable table;
    private final Mapping m;
    private final Ingest ingest;
    private final int xColumn;
    private final int yColumn;
    private final int idColumn;
    private final int[] columns;
    private final AttributeType[] types;
    private final String[] names;

    Rows(
        CsvTable table,
        Mapping m,
        List<String> propertyColumns,
        Map<String, AttributeType> schema,
        Ingest ingest) {
      this.table = table;
      this.m = m;
      this.ingest = ingest;
      this.xColumn = table.columnIndex(m.x());
      this.yColumn = table.columnIndex(m.y());
      this.idColumn = m.id() == null ? -1 : table.columnIndex(m.id());
      this.columns = propertyColumns.stream().mapToInt(table::columnIndex).toArray();
      this.types = propertyColumns.stream().map(schema::get).toArray(AttributeType[]::new);
      this.names = propertyColumns.toArray(String[]::new);
    }

    List<Row> chunk(int k) {
      int from = k * CHUNK;
      int to = Math.min(table.size(), from + CHUNK);
      List<Row> out = new ArrayList<>(to - from);
      // one view refilled for every row of the chunk: a Feature keeps its own copy
      PropertyView props = new PropertyView(names);
      for (int r = from; r < to; r++) {
        out.add(row(r, props));
      }
      return out;
    }

    private Row row(int r, PropertyView props) {
      String xs = table.value(r, xColumn);
      String ys = table.value(r, yColumn);
      if (xs.isEmpty() || ys.isEmpty()) {
        return rejected(
            ProblemCode.MISSING_COORDINATES, r, "no value in " + (xs.isEmpty() ? m.x() : m.y()));
      }
      boolean xIsNumber = NumberText.isNumber(xs);
      if (!xIsNumber || !NumberText.isNumber(ys)) {
        return rejected(
            ProblemCode.UNPARSABLE_COORDINATES,
            r,
            "'"
                + (!xIsNumber ? xs : ys)
                + "' in "
                + (!xIsNumber ? m.x() : m.y())
                + " is not a number");
      }
      Ingest.Checked checked =
          ingest.checkPoint(NumberText.parse(xs), NumberText.parse(ys), () -> table.location(r));
      if (checked.geometry() == null) {
        return new Row(null, checked, null);
      }
      for (int i = 0; i < types.length; i++) {
        props.values[i] = convert(table.value(r, columns[i]), types[i]);
      }
      Feature f =
          new Feature(
              table.number(r),
              idColumn < 0 ? null : table.value(r, idColumn),
              checked.geometry(),
              props);
      return new Row(null, checked, f);
    }

    private Row rejected(ProblemCode code, int r, String message) {
      return new Row(new Problem(code, table.location(r), message), null, null);
    }
  }

  /**
   * Column types from the values: integer if every non-blank value is one, else real, else string
   * (chunks of rows typed in parallel, their types widened together).
   */
  static Map<String, AttributeType> inferTypes(CsvTable table, List<String> columns) {
    Map<String, AttributeType> types = new LinkedHashMap<>();
    for (String c : columns) {
      int column = table.columnIndex(c);
      AttributeType t =
          IntStream.range(0, chunks(table.size()))
              .parallel()
              .mapToObj(
                  k -> typeOf(table, column, k * CHUNK, Math.min(table.size(), (k + 1) * CHUNK)))
              .reduce(null, (a, b) -> a == null ? b : a.widen(b));
      types.put(c, t == null ? AttributeType.STRING : t);
    }
    return types;
  }

  /** The type of a column's values in rows from..to (null when all are blank). */
  private static AttributeType typeOf(CsvTable table, int column, int from, int to) {
    AttributeType t = null;
    for (int r = from; r < to; r++) {
      String v = table.value(r, column);
      if (v.isEmpty()) {
        continue;
      }
      AttributeType vt =
          NumberText.isInteger(v)
              ? AttributeType.INTEGER
              : NumberText.isReal(v) ? AttributeType.REAL : AttributeType.STRING;
      t = t == null ? vt : t.widen(vt);
      if (t == AttributeType.STRING) {
        break;
      }
    }
    return t;
  }

  /**
   * A row's property values by column, in column order, seen through one map refilled for each row:
   * what {@link Feature} copies, without a map built per row only to be copied.
   */
  private static final class PropertyView extends AbstractMap<String, Object> {
    private final String[] keys;
    private final Object[] values;

    PropertyView(String[] keys) {
      this.keys = keys;
      this.values = new Object[keys.length];
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, Object>> iterator() {
          return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
              return next < keys.length;
            }

            @Override
            public Map.Entry<String, Object> next() {
              if (next >= keys.length) {
                throw new NoSuchElementException();
              }
              next++;
              return new SimpleImmutableEntry<>(keys[next - 1], values[next - 1]);
            }
          };
        }

        @Override
        public int size() {
          return keys.length;
        }
      };
    }
  }

  static Object convert(String v, AttributeType type) {
    if (v == null || v.isEmpty()) {
      return null;
    }
    return switch (type) {
      case INTEGER -> Long.parseLong(v.startsWith("+") ? v.substring(1) : v);
      case REAL -> NumberText.parse(v);
      default -> v;
    };
  }
}
