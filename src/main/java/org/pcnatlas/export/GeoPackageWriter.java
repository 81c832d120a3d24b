package org.pcnatlas.export;

import com.j256.ormlite.jdbc.JdbcSingleConnectionSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
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
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageImpl;
import mil.nga.geopackage.db.GeoPackageConnection;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.db.GeoPackageTableCreator;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTable;
import mil.nga.geopackage.features.user.FeatureTableMetadata;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
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
 * Writes layers to a new OGC GeoPackage (with mil.nga.geopackage), one feature table per layer,
 * deterministically: the same layers give the same bytes.
 *
 * <p>Each table is named after its layer, has the primary key {@code fid} (1, 2, ... in feature
 * order), the geometry column {@code geom} and one column per attribute (integer &rarr; INTEGER,
 * real &rarr; REAL, string &rarr; TEXT, boolean &rarr; BOOLEAN, date &rarr; DATE), and an R-tree
 * spatial index ({@code gpkg_rtree_index}). The declared geometry type is the features' type; a mix
 * of a type and its multi type (Polygon and MultiPolygon, ...) is declared as the multi type and
 * the single geometries are written as one-part multi geometries, as the GeoPackage specification
 * requires; any other mix is declared GEOMETRY.
 *
 * <p>Determinism: {@code gpkg_contents.last_change} (which SQLite would otherwise set to the
 * current time) is set to {@link #LAST_CHANGE}, and the file is rebuilt with {@code VACUUM} at the
 * end so that its page layout depends only on its content. Nothing else the library writes depends
 * on the clock or on chance. The file is stamped GeoPackage 1.2 ({@code user_version} 10200), as
 * GDAL writes it.
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
      build(layers, work, outputEpsg);
      Files.move(work, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | SQLException | RuntimeException e) {
      deleteQuietly(work);
      IOException cause = e instanceof IOException io ? io : new IOException(e);
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), cause);
    }
  }

  /**
   * Creates the GeoPackage: the library lays out the SRS rows, the tables and the R-tree extension
   * (its statements, in its order); the rows and the R-tree entries are inserted here from blobs
   * encoded beforehand, on every core. Then {@link #finish} on the same connection.
   */
  private static void build(List<FeatureLayer> layers, Path work, int outputEpsg)
      throws IOException, SQLException {
    Files.deleteIfExists(work);
    GeoPackage gpkg = create(work);
    try {
      long srsId = srs(gpkg, outputEpsg);
      List<Encoded> encoded = new ArrayList<>(layers.size());
      for (FeatureLayer layer : layers) {
        encoded.add(encode(layer, outputEpsg, srsId));
      }
      for (Encoded layer : encoded) {
        writeLayer(gpkg, layer, srsId);
      }
      finish(gpkg.getConnection().getConnection());
    } finally {
      gpkg.close();
    }
  }

  /**
   * A new, empty GeoPackage, opened for writing: what {@code GeoPackageManager.create} and {@code
   * open} do (application id, user version, the required tables; foreign keys on), statement for
   * statement, but on one connection of ours (the library's SQL and its ORMLite DAOs share it) that
   * neither syncs to disk nor keeps a journal file. The file is a scratch copy moved into place
   * only when complete, so a crash loses nothing a sync would have saved; the library's own
   * connections sync every one of its hundred or so autocommit statements, which was most of the
   * time spent.
   */
  private static GeoPackage create(Path work) throws SQLException {
    String url = "jdbc:sqlite:" + work;
    SQLiteConfig config = new SQLiteConfig();
    config.setSynchronous(SQLiteConfig.SynchronousMode.OFF);
    config.setJournalMode(SQLiteConfig.JournalMode.MEMORY);
    config.setTempStore(SQLiteConfig.TempStore.MEMORY);
    Connection c = config.createConnection(url);
    try {
      GeoPackageConnection connection =
          new GeoPackageConnection(work.toFile(), c, new JdbcSingleConnectionSource(url, c));
      connection.enableForeignKeys();
      connection.setApplicationId();
      connection.setUserVersion();
      new GeoPackageTableCreator(connection).createRequired();
      return new Created(work, connection);
    } catch (SQLException | RuntimeException e) {
      c.close();
      throw e;
    }
  }

  /** The library's GeoPackage over our connection (its constructor is not public). */
  private static final class Created extends GeoPackageImpl {
    Created(Path work, GeoPackageConnection connection) {
      super(work.getFileName().toString(), work.toFile(), connection, true);
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

  /** The srs_id of the output CRS, adding its row when the new GeoPackage lacks it. */
  private static long srs(GeoPackage gpkg, int epsg) throws SQLException {
    var dao = gpkg.getSpatialReferenceSystemDao();
    SpatialReferenceSystem existing = dao.queryForOrganizationCoordsysId("EPSG", epsg);
    if (existing != null) {
      return existing.getSrsId();
    }
    SpatialReferenceSystem srs = new SpatialReferenceSystem();
    srs.setSrsId(epsg);
    srs.setOrganization("EPSG");
    srs.setOrganizationCoordsysId(epsg);
    if (epsg == 27700) {
      srs.setSrsName("OSGB36 / British National Grid");
      srs.setDefinition(BNG_WKT);
      srs.setDescription("British National Grid (metres)");
    } else {
      srs.setSrsName("EPSG:" + epsg);
      srs.setDefinition("undefined");
    }
    dao.create(srs);
    return epsg;
  }

  /**
   * A layer ready for its table: the declared geometry type and extent, and per feature its blob
   * (null for no geometry) and the envelope of its R-tree entry ({@code envelopes[4i..4i+3]} =
   * minx, maxx, miny, maxy; NaN where the library's SQL functions measure the blob).
   */
  private record Encoded(
      FeatureLayer layer, GeometryType type, Envelope extent, byte[][] blobs, double[] envelopes) {}

  /**
   * Transforms and encodes every feature, each on its own on every core: the work that grows with
   * the geometries, done before any row is written.
   */
  private static Encoded encode(FeatureLayer layer, int outputEpsg, long srsId) {
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
                byte[] blob = GeoPackageBinary.encode(g, (int) srsId, envelopes, 4 * i);
                blobs[i] = blob != null ? blob : libraryBlob(g, srsId);
              }
            });
    return new Encoded(layer, type, extent, blobs, envelopes);
  }

  private static void writeLayer(GeoPackage gpkg, Encoded encoded, long srsId) throws SQLException {
    FeatureLayer layer = encoded.layer();
    GeometryColumns geometryColumns = new GeometryColumns();
    geometryColumns.setTableName(layer.name());
    geometryColumns.setColumnName(GEOMETRY_COLUMN);
    geometryColumns.setGeometryType(encoded.type());
    geometryColumns.setZ((byte) 0);
    geometryColumns.setM((byte) 0);
    geometryColumns.setSrsId(srsId);
    List<FeatureColumn> columns = new ArrayList<>();
    layer
        .attributes()
        .forEach((name, t) -> columns.add(FeatureColumn.createColumn(name, dataType(t))));
    Envelope extent = encoded.extent();
    BoundingBox bbox =
        extent.isNull()
            ? null
            : new BoundingBox(
                extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY());
    FeatureTable table =
        gpkg.createFeatureTable(
            FeatureTableMetadata.create(geometryColumns, ID_COLUMN, columns, bbox));

    Connection c = gpkg.getConnection().getConnection();
    gpkg.beginTransaction();
    boolean ok = false;
    try {
      insertRows(c, encoded);
      ok = true;
    } finally {
      gpkg.endTransaction(ok);
    }

    // RTreeIndexExtension.create, step by step, loading the index from the envelopes at hand
    // instead of with SQL functions that parse every blob four times
    RTreeIndexExtension rtree = new RTreeIndexExtension(gpkg);
    rtree.getOrCreate(table);
    rtree.createAllFunctions();
    rtree.createRTreeIndex(table);
    gpkg.beginTransaction();
    ok = false;
    try {
      loadRTree(c, encoded);
      ok = true;
    } finally {
      gpkg.endTransaction(ok);
    }
    rtree.createAllTriggers(table);
  }

  /**
   * Rows bound per batch. A batch is also what spares each insert sqlite-jdbc's generated-key query
   * ({@code executeUpdate} runs {@code SELECT last_insert_rowid()} after every INSERT).
   */
  private static final int BATCH = 1024;

  /** One row per feature through one prepared statement; the fids are 1, 2, ... in a new table. */
  private static void insertRows(Connection c, Encoded encoded) throws SQLException {
    FeatureLayer layer = encoded.layer();
    List<String> names = new ArrayList<>(layer.attributes().keySet());
    AttributeType[] types = layer.attributes().values().toArray(new AttributeType[0]);
    StringBuilder sql = new StringBuilder("INSERT INTO ").append(quote(layer.name())).append(" (");
    sql.append(quote(GEOMETRY_COLUMN));
    for (String name : names) {
      sql.append(", ").append(quote(name));
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
   * The R-tree entries in fid order, as the library's load statement inserts them: one per
   * non-empty geometry, its envelope; a blob the library encoded is measured by the library's SQL
   * functions, as before.
   */
  private static void loadRTree(Connection c, Encoded encoded) throws SQLException {
    String rtree = quote("rtree_" + encoded.layer().name() + "_" + GEOMETRY_COLUMN);
    String byLibrary =
        ("INSERT OR REPLACE INTO %1$s SELECT %2$s, ST_MinX(%3$s), ST_MaxX(%3$s), ST_MinY(%3$s),"
                + " ST_MaxY(%3$s) FROM %4$s WHERE %2$s = ? AND %3$s NOT NULL AND NOT"
                + " ST_IsEmpty(%3$s)")
            .formatted(
                rtree, quote(ID_COLUMN), quote(GEOMETRY_COLUMN), quote(encoded.layer().name()));
    double[] e = encoded.envelopes();
    try (PreparedStatement insert =
            c.prepareStatement("INSERT OR REPLACE INTO " + rtree + " VALUES (?, ?, ?, ?, ?)");
        PreparedStatement library = c.prepareStatement(byLibrary)) {
      for (int i = 0; i < encoded.blobs().length; i++) {
        if (encoded.blobs()[i] == null) {
          continue;
        }
        if (Double.isNaN(e[4 * i])) {
          insert.executeBatch(); // keep fid order
          library.setLong(1, i + 1);
          library.executeUpdate();
          continue;
        }
        insert.setLong(1, i + 1);
        for (int k = 0; k < 4; k++) {
          insert.setDouble(k + 2, e[4 * i + k]);
        }
        insert.addBatch();
        if (i % BATCH == BATCH - 1) {
          insert.executeBatch();
        }
      }
      insert.executeBatch();
    }
  }

  /** An SQL identifier in double quotes. */
  private static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
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

  static GeoPackageDataType dataType(AttributeType type) {
    return switch (type) {
      case STRING -> GeoPackageDataType.TEXT;
      case INTEGER -> GeoPackageDataType.INTEGER;
      case REAL -> GeoPackageDataType.REAL;
      case BOOLEAN -> GeoPackageDataType.BOOLEAN;
      case DATE -> GeoPackageDataType.DATE;
    };
  }

  /**
   * Fixes the clock-dependent column and rebuilds the file so that its bytes depend only on its
   * content.
   */
  private static void finish(Connection c) throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE gpkg_contents SET last_change = ?")) {
      update.setString(1, LAST_CHANGE);
      update.executeUpdate();
    }
    try (Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = " + USER_VERSION);
      s.execute("VACUUM");
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // the failure being reported matters more
    }
  }
}
