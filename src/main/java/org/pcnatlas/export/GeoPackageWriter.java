package org.pcnatlas.export;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.sf.GeometryEnvelope;
import mil.nga.sf.GeometryType;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.io.ByteOrderValues;
import org.locationtech.jts.io.WKBWriter;
import org.pcnatlas.crs.CrsTransform;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.FeatureLayer;
import org.sqlite.SQLiteConfig;

/**
 * Writes layers to a new OGC GeoPackage, one feature table per layer, deterministically: the same
 * layers give the same bytes.
 *
 * <p>Each table is named after its layer, has the primary key {@code fid} (1, 2, ... in feature
 * order), the geometry column {@code geom} and one column per attribute (integer &rarr; INTEGER,
 * real &rarr; REAL, string &rarr; TEXT, boolean &rarr; BOOLEAN, date &rarr; DATE), and an R-tree
 * spatial index ({@code gpkg_rtree_index}). The declared geometry type is the features' type; a mix
 * of a type and its multi type (Polygon and MultiPolygon, ...) is declared as the multi type and
 * the single geometries are written as one-part multi geometries, as the GeoPackage specification
 * requires; any other mix is declared GEOMETRY.
 *
 * <p>The file is written with plain JDBC on one SQLite connection, and it is, byte for byte, the
 * file mil.nga.geopackage 6.6 writes for the same layers through its own API (the previous writer,
 * kept in the tests as {@code LibraryGeoPackageWriter}, which {@code GeoPackageWriterTest} compares
 * it with): the same statements ({@link GeoPackageSchema}) in the same order and the same
 * transactions, since SQLite counts both in the file header. The geometry blobs are written by
 * {@link GeoPackageBinary} (the library encodes the odd ones it leaves), in parallel, before any
 * row; the R-tree entries come from the envelopes measured while encoding, not from SQL functions
 * that parse every blob again. The connection neither syncs nor journals: the file is a scratch
 * copy beside the target, moved into place only when complete.
 *
 * <p>Determinism: {@code gpkg_contents.last_change} (which SQLite would otherwise set to the
 * current time) is set to {@link #LAST_CHANGE}, and the file is rebuilt with {@code VACUUM} at the
 * end so that its page layout depends only on its content. The file is stamped GeoPackage 1.2
 * ({@code user_version} 10200), as GDAL writes it.
 *
 * <p>The SRS rows for EPSG:27700 and EPSG:4326 carry organization EPSG, the EPSG code and the EPSG
 * WKT definition, as GDAL writes them; another output EPSG code gets organization EPSG, its code
 * and the definition "undefined", which GDAL resolves from the code.
 */
public final class GeoPackageWriter {
  /** The fixed {@code gpkg_contents.last_change} of every table written. */
  public static final String LAST_CHANGE = "2000-01-01T00:00:00.000Z";

  /**
   * GeoPackage 1.2 in the SQLite header: the library stamps 1.4, which GDAL before 3.8 (Debian's
   * 3.6 included) reads with the warning "may only be partially supported"; nothing written here
   * needs more than 1.2.
   */
  static final int USER_VERSION = 10200;

  /** The geometry column of every table written. */
  public static final String GEOMETRY_COLUMN = "geom";

  /** The primary key column of every table written. */
  public static final String ID_COLUMN = "fid";

  private static final String BNG_WKT =
      "PROJCS[\"OSGB36 / British National Grid\",GEOGCS[\"OSGB36\","
          + "DATUM[\"Ordnance_Survey_of_Great_Britain_1936\",SPHEROID[\"Airy 1830\",6377563.396,299.3249646,"
          + "AUTHORITY[\"EPSG\",\"7001\"]],AUTHORITY[\"EPSG\",\"6277\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
          + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4277\"]],"
          + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",49],PARAMETER[\"central_meridian\",-2],"
          + "PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000],"
          + "PARAMETER[\"false_northing\",-100000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],"
          + "AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"27700\"]]";

  private GeoPackageWriter() {}

  /**
   * Writes the layers to {@code file} (replaced when it exists) in the CRS {@code outputEpsg}.
   *
   * @throws IllegalArgumentException when two layers share a name or an attribute is named fid or
   *     geom
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  public static void write(List<FeatureLayer> layers, Path file, int outputEpsg) {
    requireDistinctNames(layers);
    Path target = file.toAbsolutePath();
    // built beside the target and moved into place when complete: a failed write leaves nothing
    Path work = target.resolveSibling(target.getFileName() + ".tmp.gpkg");
    try {
      List<Encoded> encoded = new ArrayList<>(layers.size());
      for (FeatureLayer layer : layers) {
        encoded.add(encode(layer, outputEpsg));
      }
      Files.deleteIfExists(work);
      try (Connection c = open(work)) {
        create(c, outputEpsg);
        for (int i = 0; i < encoded.size(); i++) {
          writeLayer(c, encoded.get(i), outputEpsg, i == 0);
        }
        finish(c);
      }
      Files.move(work, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | SQLException | RuntimeException e) {
      deleteQuietly(work);
      IOException cause = e instanceof IOException io ? io : new IOException(e);
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), cause);
    }
  }

  private static void requireDistinctNames(List<FeatureLayer> layers) {
    Set<String> seen = new HashSet<>();
    for (FeatureLayer layer : layers) {
      if (!seen.add(layer.name().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "two layers are named '" + layer.name() + "'; table names must differ");
      }
      for (String attribute : layer.attributes().keySet()) {
        if (attribute.equalsIgnoreCase(ID_COLUMN) || attribute.equalsIgnoreCase(GEOMETRY_COLUMN)) {
          throw new IllegalArgumentException(
              "layer "
                  + layer.name()
                  + ": attribute '"
                  + attribute
                  + "' clashes with the GeoPackage column of that name");
        }
      }
    }
  }

  /**
   * A layer ready for its table: the declared geometry type and extent, and per feature its blob
   * (null for no geometry) and the envelope of its R-tree entry ({@code envelopes[4i..4i+3]} =
   * minx, maxx, miny, maxy; NaN where the blob is the library's and the library measures it).
   */
  private record Encoded(
      FeatureLayer layer, GeometryType type, Envelope extent, byte[][] blobs, double[] envelopes) {}

  /**
   * Transforms and encodes every feature, each on its own on every core: the work that grows with
   * the geometries, done before any row is written.
   */
  private static Encoded encode(FeatureLayer layer, int outputEpsg) {
    CrsTransform transform = CrsTransform.between(layer.epsg(), outputEpsg);
    int n = layer.size();
    Geometry[] geometries = new Geometry[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              Geometry g = layer.features().get(i).geometry();
              geometries[i] = g == null ? null : transform.apply(g);
            });
    Envelope extent = new Envelope();
    for (Geometry g : geometries) {
      if (g != null) {
        extent.expandToInclude(g.getEnvelopeInternal());
      }
    }
    GeometryType type = geometryType(Arrays.asList(geometries));
    byte[][] blobs = new byte[n][];
    double[] envelopes = new double[4 * n];
    Arrays.fill(envelopes, Double.NaN);
    IntStream.range(0, n)
        .parallel()
        .forEach(
            i -> {
              if (geometries[i] != null) {
                Geometry g = promote(geometries[i], type);
                byte[] blob = GeoPackageBinary.encode(g, outputEpsg, envelopes, 4 * i);
                blobs[i] = blob != null ? blob : libraryBlob(g, outputEpsg);
              }
            });
    return new Encoded(layer, type, extent, blobs, envelopes);
  }

  /**
   * Loads SQLite, its native library and JDBC driver, which takes a cold JVM a few hundred
   * milliseconds, so that a caller with other work can have it done on another thread first. A
   * failure is left for {@link #write} to report, naming the file.
   */
  static void loadDriver() {
    try {
      DriverManager.getConnection("jdbc:sqlite::memory:").close();
    } catch (SQLException e) {
      // write fails the same way and says which file it could not write
    }
  }

  /**
   * A connection to a new file that neither syncs to disk nor keeps a rollback journal (VACUUM's
   * copy back, the whole file, would otherwise be journalled first): the file is a scratch copy,
   * deleted if anything fails and moved into place only when complete.
   */
  private static Connection open(Path work) throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    config.setJournalMode(SQLiteConfig.JournalMode.OFF);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    config.enforceForeignKeys(true);
    return config.createConnection("jdbc:sqlite:" + work);
  }

  /**
   * The new GeoPackage's header fields, required tables and SRS rows, and the output CRS's row when
   * it is not one of them, each statement in its own transaction as the library runs them.
   */
  private static void create(Connection c, int epsg) throws SQLException {
    execute(c, "PRAGMA application_id = " + GeoPackageSchema.APPLICATION_ID);
    execute(c, "PRAGMA user_version = " + GeoPackageSchema.LIBRARY_USER_VERSION);
    for (String sql : GeoPackageSchema.REQUIRED) {
      execute(c, sql);
    }
    List<GeoPackageSchema.Srs> rows = new ArrayList<>(GeoPackageSchema.DEFAULT_SRS);
    if (rows.stream().noneMatch(r -> r.organization().equals("EPSG") && r.id() == epsg)) {
      rows.add(
          epsg == 27700
              ? new GeoPackageSchema.Srs(
                  "OSGB36 / British National Grid",
                  epsg,
                  "EPSG",
                  epsg,
                  BNG_WKT,
                  "British National Grid (metres)")
              : new GeoPackageSchema.Srs("EPSG:" + epsg, epsg, "EPSG", epsg, "undefined", null));
    }
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO gpkg_spatial_ref_sys (srs_name, srs_id, organization,"
                + " organization_coordsys_id, definition, description) VALUES (?, ?, ?, ?, ?, ?)")) {
      for (GeoPackageSchema.Srs r : rows) {
        insert.setString(1, r.name());
        insert.setLong(2, r.id());
        insert.setString(3, r.organization());
        insert.setLong(4, r.organizationId());
        insert.setString(5, r.definition());
        insert.setString(6, r.description());
        insert.executeUpdate();
      }
    }
  }

  /**
   * One feature table: its CREATE, contents and geometry-columns rows, its rows in one transaction,
   * the R-tree extension row, virtual table, entries (in one transaction) and triggers.
   */
  private static void writeLayer(Connection c, Encoded encoded, long srsId, boolean first)
      throws SQLException {
    FeatureLayer layer = encoded.layer();
    String table = layer.name();
    if (first) {
      for (String sql : GeoPackageSchema.GEOMETRY_COLUMNS) {
        execute(c, sql);
      }
    }
    execute(c, createTable(layer, encoded.type()));
    Envelope extent = encoded.extent();
    try (PreparedStatement contents =
        c.prepareStatement(
            "INSERT INTO gpkg_contents (table_name, data_type, identifier, description,"
                + " last_change, min_x, min_y, max_x, max_y, srs_id)"
                + " VALUES (?, 'features', ?, '', ?, ?, ?, ?, ?, ?)")) {
      contents.setString(1, table);
      contents.setString(2, table);
      contents.setString(3, PROVISIONAL_CHANGE);
      double[] bbox =
          extent.isNull()
              ? null
              : new double[] {
                extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY()
              };
      for (int k = 0; k < 4; k++) {
        if (bbox == null) {
          contents.setNull(4 + k, Types.DOUBLE);
        } else {
          contents.setDouble(4 + k, bbox[k]);
        }
      }
      contents.setLong(8, srsId);
      contents.executeUpdate();
    }
    try (PreparedStatement columns =
        c.prepareStatement(
            "INSERT INTO gpkg_geometry_columns (table_name, column_name, geometry_type_name,"
                + " srs_id, z, m) VALUES (?, ?, ?, ?, 0, 0)")) {
      columns.setString(1, table);
      columns.setString(2, GEOMETRY_COLUMN);
      columns.setString(3, encoded.type().name());
      columns.setLong(4, srsId);
      columns.executeUpdate();
    }
    inTransaction(c, () -> insertRows(c, encoded));

    if (first) {
      execute(c, GeoPackageSchema.EXTENSIONS);
    }
    try (PreparedStatement extension =
        c.prepareStatement(
            "INSERT INTO gpkg_extensions (table_name, column_name, extension_name, definition,"
                + " scope) VALUES (?, ?, ?, ?, 'write-only')")) {
      extension.setString(1, table);
      extension.setString(2, GEOMETRY_COLUMN);
      extension.setString(3, GeoPackageSchema.RTREE_EXTENSION);
      extension.setString(4, GeoPackageSchema.RTREE_DEFINITION);
      extension.executeUpdate();
    }
    execute(c, GeoPackageSchema.createRtree(table, GEOMETRY_COLUMN));
    inTransaction(c, () -> loadRTree(c, encoded));
    for (String sql : GeoPackageSchema.rtreeTriggers(table, GEOMETRY_COLUMN, ID_COLUMN)) {
      execute(c, sql);
    }
  }

  /** The feature table's CREATE statement, laid out as the library lays it out. */
  private static String createTable(FeatureLayer layer, GeometryType type) {
    StringBuilder sql =
        new StringBuilder("CREATE TABLE ").append(GeoPackageSchema.quote(layer.name()));
    sql.append(" (\n  ")
        .append(GeoPackageSchema.quote(ID_COLUMN))
        .append(" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT");
    sql.append(",\n  ").append(GeoPackageSchema.quote(GEOMETRY_COLUMN)).append(' ').append(type);
    layer
        .attributes()
        .forEach(
            (name, t) ->
                sql.append(",\n  ")
                    .append(GeoPackageSchema.quote(name))
                    .append(' ')
                    .append(columnType(t)));
    return sql.append("\n)").toString();
  }

  /** The SQL column type of an attribute. */
  static String columnType(AttributeType type) {
    return switch (type) {
      case STRING -> "TEXT";
      case INTEGER -> "INTEGER";
      case REAL -> "REAL";
      case BOOLEAN -> "BOOLEAN";
      case DATE -> "DATE";
    };
  }

  /**
   * Rows bound per batch. A batch is also what spares each insert sqlite-jdbc's generated-key query
   * ({@code executeUpdate} runs {@code SELECT last_insert_rowid()} after every INSERT).
   */
  private static final int BATCH = 1024;

  /** One row per feature through one prepared statement; the fids are 1, 2, ... in a new table. */
  private static void insertRows(Connection c, Encoded encoded) throws SQLException {
    FeatureLayer layer = encoded.layer();
    if (layer.size() == 0) {
      return;
    }
    List<String> names = new ArrayList<>(layer.attributes().keySet());
    AttributeType[] types = layer.attributes().values().toArray(new AttributeType[0]);
    StringBuilder sql =
        new StringBuilder("INSERT INTO ").append(GeoPackageSchema.quote(layer.name())).append(" (");
    sql.append(GeoPackageSchema.quote(GEOMETRY_COLUMN));
    for (String name : names) {
      sql.append(", ").append(GeoPackageSchema.quote(name));
    }
    sql.append(") VALUES (?").append(", ?".repeat(names.size())).append(')');
    try (PreparedStatement insert = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < layer.size(); i++) {
        Map<String, Object> properties = layer.features().get(i).properties();
        byte[] blob = encoded.blobs()[i];
        if (blob == null) {
          insert.setNull(1, Types.BLOB);
        } else {
          insert.setBytes(1, blob);
        }
        for (int k = 0; k < types.length; k++) {
          bind(insert, k + 2, types[k], properties.get(names.get(k)));
        }
        insert.addBatch();
        if (i % BATCH == BATCH - 1) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
  }

  /** A property value as the SQLite value the library stores for the column's type. */
  private static void bind(PreparedStatement s, int index, AttributeType type, Object v)
      throws SQLException {
    if (v == null) {
      s.setNull(index, Types.NULL);
      return;
    }
    switch (type) {
      case STRING, DATE -> s.setString(index, v.toString());
      case INTEGER -> s.setLong(index, ((Number) v).longValue());
      case REAL -> s.setDouble(index, ((Number) v).doubleValue());
      case BOOLEAN -> s.setBoolean(index, (Boolean) v);
    }
  }

  /**
   * The R-tree entries in fid order, as the library's load statement ({@code INSERT OR REPLACE ...
   * SELECT fid, ST_MinX(geom), ... WHERE geom NOT NULL AND NOT ST_IsEmpty(geom)}) inserts them: one
   * per non-empty geometry, its envelope; a blob the library encoded is measured as the library's
   * SQL functions measure it.
   */
  private static void loadRTree(Connection c, Encoded encoded) throws SQLException {
    byte[][] blobs = encoded.blobs();
    double[] e = encoded.envelopes();
    String rtree =
        GeoPackageSchema.quote(GeoPackageSchema.rtreeName(encoded.layer().name(), GEOMETRY_COLUMN));
    try (PreparedStatement insert =
        c.prepareStatement("INSERT OR REPLACE INTO " + rtree + " VALUES (?, ?, ?, ?, ?)")) {
      int batched = 0;
      for (int i = 0; i < blobs.length; i++) {
        if (blobs[i] == null) {
          continue;
        }
        double[] envelope = Arrays.copyOfRange(e, 4 * i, 4 * i + 4);
        if (Double.isNaN(envelope[0]) && !libraryEnvelope(blobs[i], envelope)) {
          continue; // empty
        }
        insert.setLong(1, i + 1);
        for (int k = 0; k < 4; k++) {
          if (Double.isNaN(envelope[k])) {
            insert.setNull(k + 2, Types.DOUBLE);
          } else {
            insert.setDouble(k + 2, envelope[k]);
          }
        }
        insert.addBatch();
        if (++batched % BATCH == 0) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
  }

  /**
   * The R-tree envelope of a blob the library encoded, as its ST_IsEmpty and ST_MinX ... functions
   * give it: false when empty; NaN (SQL NULL) where the library has no envelope.
   */
  private static boolean libraryEnvelope(byte[] blob, double[] envelope) {
    GeoPackageGeometryData data = GeoPackageGeometryData.create(blob);
    if (data.isEmpty() || data.getGeometry() == null) {
      return false;
    }
    GeometryEnvelope e = data.getOrBuildEnvelope();
    Arrays.fill(envelope, Double.NaN);
    if (e != null) {
      envelope[0] = e.getMinX();
      envelope[1] = e.getMaxX();
      envelope[2] = e.getMinY();
      envelope[3] = e.getMaxY();
    }
    return true;
  }

  private interface SqlWork {
    void run() throws SQLException;
  }

  /** The work in one transaction (none is written when it writes nothing). */
  private static void inTransaction(Connection c, SqlWork work) throws SQLException {
    c.setAutoCommit(false);
    try {
      work.run();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** One statement on its own (its own transaction). */
  private static void execute(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /**
   * The library's blob of a geometry {@link GeoPackageBinary} leaves to it: header (with envelope
   * unless empty) and WKB, parsed and written again by the library.
   */
  private static byte[] libraryBlob(Geometry g, long srsId) {
    byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(g);
    try {
      return (g.isEmpty()
              ? GeoPackageGeometryData.createFromWkb(srsId, wkb)
              : GeoPackageGeometryData.createFromWkbAndBuildEnvelope(srsId, wkb))
          .toBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The declared type of a table: the features' one type, their multi type when mixed with it, else
   * GEOMETRY.
   */
  static GeometryType geometryType(List<Geometry> geometries) {
    Set<String> types = new TreeSet<>();
    geometries.stream().filter(g -> g != null).forEach(g -> types.add(g.getGeometryType()));
    if (types.size() == 1) {
      return GeometryType.findName(types.iterator().next());
    }
    for (String single : List.of("Point", "LineString", "Polygon")) {
      if (types.equals(new TreeSet<>(List.of(single, "Multi" + single)))) {
        return GeometryType.findName("Multi" + single);
      }
    }
    return GeometryType.GEOMETRY;
  }

  /** A single geometry as a one-part multi geometry when the table declares the multi type. */
  private static Geometry promote(Geometry g, GeometryType type) {
    var f = GeoUtils.FACTORY;
    if (type == GeometryType.MULTIPOLYGON && g instanceof Polygon p) {
      return f.createMultiPolygon(new Polygon[] {p});
    }
    if (type == GeometryType.MULTIPOINT && g instanceof Point p) {
      return f.createMultiPoint(new Point[] {p});
    }
    if (type == GeometryType.MULTILINESTRING && g instanceof LineString l) {
      return f.createMultiLineString(new LineString[] {l});
    }
    return g;
  }

  /**
   * The {@code last_change} the contents rows get until {@link #finish} sets {@link #LAST_CHANGE}:
   * the library inserts the clock's time and the previous writer then fixed it, a transaction the
   * header counts. SQLite writes nothing for an UPDATE that changes nothing, so the value inserted
   * must differ from the final one.
   */
  private static final String PROVISIONAL_CHANGE = "1970-01-01T00:00:00.000Z";

  /**
   * Sets {@code last_change}, stamps the version and rebuilds the file so that its bytes depend
   * only on its content.
   */
  private static void finish(Connection c) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE gpkg_contents SET last_change = ?")) {
      update.setString(1, LAST_CHANGE);
      update.executeUpdate();
    }
    execute(c, "PRAGMA user_version = " + USER_VERSION);
    execute(c, "VACUUM");
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // the failure being reported matters more
    }
  }
}
