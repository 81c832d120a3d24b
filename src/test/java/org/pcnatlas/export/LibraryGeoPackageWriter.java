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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import mil.nga.geopackage.BoundingBox;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.extension.rtree.RTreeIndexExtension;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureDao;
import mil.nga.geopackage.features.user.FeatureRow;
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
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * The reference for {@link GeoPackageWriter}: the writer as it was before it was made fast, every
 * table, row, blob and R-tree entry written through mil.nga.geopackage's own API (row DAOs, {@code
 * GeoPackageGeometryData}, {@code RTreeIndexExtension.create}) on the library's connections. The
 * fast writer must give the same bytes for the same layers; {@code GeoPackageWriterTest} checks it.
 *
 * <p>Determinism: {@code gpkg_contents.last_change} is set to {@link GeoPackageWriter#LAST_CHANGE},
 * the file is stamped GeoPackage 1.2 and rebuilt with {@code VACUUM}, as the writer does.
 */
final class LibraryGeoPackageWriter {
  /** The fixed {@code gpkg_contents.last_change} of every table written. */
  static final String LAST_CHANGE = GeoPackageWriter.LAST_CHANGE;

  /**
   * GeoPackage 1.2 in the SQLite header: the library stamps 1.4, which GDAL before 3.8 (Debian's
   * 3.6 included) reads with the warning "may only be partially supported"; nothing written here
   * needs more than 1.2.
   */
  static final int USER_VERSION = 10200;

  /** The geometry column of every table written. */
  static final String GEOMETRY_COLUMN = "geom";

  /** The primary key column of every table written. */
  static final String ID_COLUMN = "fid";

  private static final String BNG_WKT =
      "PROJCS[\"OSGB36 / British National Grid\",GEOGCS[\"OSGB36\","
          + "DATUM[\"Ordnance_Survey_of_Great_Britain_1936\",SPHEROID[\"Airy 1830\",6377563.396,299.3249646,"
          + "AUTHORITY[\"EPSG\",\"7001\"]],AUTHORITY[\"EPSG\",\"6277\"]],PRIMEM[\"Greenwich\",0,AUTHORITY[\"EPSG\",\"8901\"]],"
          + "UNIT[\"degree\",0.0174532925199433,AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4277\"]],"
          + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"latitude_of_origin\",49],PARAMETER[\"central_meridian\",-2],"
          + "PARAMETER[\"scale_factor\",0.9996012717],PARAMETER[\"false_easting\",400000],"
          + "PARAMETER[\"false_northing\",-100000],UNIT[\"metre\",1,AUTHORITY[\"EPSG\",\"9001\"]],AXIS[\"Easting\",EAST],"
          + "AXIS[\"Northing\",NORTH],AUTHORITY[\"EPSG\",\"27700\"]]";

  private LibraryGeoPackageWriter() {}

  /**
   * Writes the layers to {@code file} (replaced when it exists) in the CRS {@code outputEpsg}.
   *
   * @throws IllegalArgumentException when two layers share a name or an attribute is named fid or
   *     geom
   * @throws UncheckedIOException naming the file when it cannot be written
   */
  static void write(List<FeatureLayer> layers, Path file, int outputEpsg) {
    requireDistinctNames(layers);
    Path target = file.toAbsolutePath();
    // GeoPackageManager insists on the .gpkg extension; build under that name, then move into
    // place.
    Path work = target.resolveSibling(target.getFileName() + ".tmp.gpkg");
    try {
      build(layers, work, outputEpsg);
      finish(work);
      Files.move(work, target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | SQLException | RuntimeException e) {
      deleteQuietly(work);
      IOException cause = e instanceof IOException io ? io : new IOException(e);
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), cause);
    }
  }

  /** Creates the GeoPackage with the library: SRS, one feature table per layer, R-tree indexes. */
  private static void build(List<FeatureLayer> layers, Path work, int outputEpsg)
      throws IOException, SQLException {
    Files.deleteIfExists(work);
    GeoPackageManager.create(work.toFile());
    GeoPackage gpkg = GeoPackageManager.open(work.toFile());
    try {
      long srsId = srs(gpkg, outputEpsg);
      for (FeatureLayer layer : layers) {
        writeLayer(gpkg, layer, srsId, outputEpsg);
      }
    } finally {
      gpkg.close();
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

  private static void writeLayer(GeoPackage gpkg, FeatureLayer layer, long srsId, int outputEpsg) {
    CrsTransform transform = CrsTransform.between(layer.epsg(), outputEpsg);
    List<Geometry> geometries = new ArrayList<>(layer.size());
    Envelope extent = new Envelope();
    for (Feature f : layer.features()) {
      Geometry g = f.geometry() == null ? null : transform.apply(f.geometry());
      geometries.add(g);
      if (g != null) {
        extent.expandToInclude(g.getEnvelopeInternal());
      }
    }
    GeometryType type = geometryType(geometries);

    GeometryColumns geometryColumns = new GeometryColumns();
    geometryColumns.setTableName(layer.name());
    geometryColumns.setColumnName(GEOMETRY_COLUMN);
    geometryColumns.setGeometryType(type);
    geometryColumns.setZ((byte) 0);
    geometryColumns.setM((byte) 0);
    geometryColumns.setSrsId(srsId);
    List<FeatureColumn> columns = new ArrayList<>();
    layer
        .attributes()
        .forEach((name, t) -> columns.add(FeatureColumn.createColumn(name, dataType(t))));
    BoundingBox bbox =
        extent.isNull()
            ? null
            : new BoundingBox(
                extent.getMinX(), extent.getMinY(), extent.getMaxX(), extent.getMaxY());
    FeatureTable table =
        gpkg.createFeatureTable(
            FeatureTableMetadata.create(geometryColumns, ID_COLUMN, columns, bbox));

    FeatureDao dao = gpkg.getFeatureDao(table.getTableName());
    gpkg.beginTransaction();
    boolean ok = false;
    try {
      for (int i = 0; i < layer.size(); i++) {
        dao.insert(
            row(dao, layer.features().get(i), geometries.get(i), type, layer.attributes(), srsId));
      }
      ok = true;
    } finally {
      gpkg.endTransaction(ok);
    }
    new RTreeIndexExtension(gpkg).create(table);
  }

  /** A new row; its fid is assigned on insert, 1, 2, ... in a new table. */
  private static FeatureRow row(
      FeatureDao dao,
      Feature f,
      Geometry g,
      GeometryType type,
      Map<String, AttributeType> attributes,
      long srsId) {
    FeatureRow row = dao.newRow();
    row.setGeometry(g == null ? null : geometryData(promote(g, type), srsId));
    attributes.forEach((name, t) -> row.setValue(name, value(t, f.properties().get(name))));
    return row;
  }

  /**
   * The GeoPackage geometry blob: standard header (with envelope unless empty) and little-endian 2D
   * WKB.
   */
  private static GeoPackageGeometryData geometryData(Geometry g, long srsId) {
    byte[] wkb = new WKBWriter(2, ByteOrderValues.LITTLE_ENDIAN).write(g);
    try {
      return g.isEmpty()
          ? GeoPackageGeometryData.createFromWkb(srsId, wkb)
          : GeoPackageGeometryData.createFromWkbAndBuildEnvelope(srsId, wkb);
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

  /** A property value as the Java type the column's GeoPackage type takes. */
  private static Object value(AttributeType type, Object v) {
    if (v == null) {
      return null;
    }
    return switch (type) {
      case STRING, DATE -> v.toString();
      case INTEGER -> ((Number) v).longValue();
      case REAL -> ((Number) v).doubleValue();
      case BOOLEAN -> (Boolean) v;
    };
  }

  /**
   * Fixes the clock-dependent column and rebuilds the file so that its bytes depend only on its
   * content.
   */
  private static void finish(Path work) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + work)) {
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
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // the failure being reported matters more
    }
  }
}
