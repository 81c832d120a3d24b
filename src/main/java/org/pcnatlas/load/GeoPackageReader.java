package org.pcnatlas.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import mil.nga.geopackage.GeoPackage;
import mil.nga.geopackage.GeoPackageManager;
import mil.nga.geopackage.db.CoreSQLUtils;
import mil.nga.geopackage.db.GeoPackageDataType;
import mil.nga.geopackage.features.columns.GeometryColumns;
import mil.nga.geopackage.features.user.FeatureColumn;
import mil.nga.geopackage.features.user.FeatureTable;
import mil.nga.geopackage.features.user.FeatureTableReader;
import mil.nga.geopackage.geom.GeoPackageGeometryData;
import mil.nga.geopackage.srs.SpatialReferenceSystem;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.io.ParseException;
import org.locationtech.jts.io.WKBReader;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.UnknownCrsException;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * OGC GeoPackage (read with mil.nga.geopackage, opened read-only): one feature table, chosen with
 * {@link ReadOptions#layer()} when the file holds several.
 *
 * <p>The CRS comes from the {@code gpkg_spatial_ref_sys} row of the table's geometry column: its
 * EPSG organization code, else its WKT definition; an undefined SRS (srs_id -1 or 0) needs {@link
 * ReadOptions#sourceEpsg()}. Attributes are typed from the declared column types (INTEGER family
 * &rarr; integer, REAL/DOUBLE/FLOAT &rarr; real, TEXT and DATETIME &rarr; string, BOOLEAN &rarr;
 * boolean, DATE &rarr; date); BLOB columns are not read. The feature index is the row's 1-based
 * position in the table and the feature id is its primary key (fid) as text.
 */
public final class GeoPackageReader implements FeatureReader {

  @Override
  public LoadedLayer read(Path file, ReadOptions options) {
    GeoPackage gpkg = open(file);
    try {
      String table = chooseTable(file, gpkg.getFeatureTables(), options.layer());
      return readTable(file, gpkg, table, options);
    } finally {
      gpkg.close();
    }
  }

  private static GeoPackage open(Path file) {
    try {
      return GeoPackageManager.open(false, file.toFile());
    } catch (RuntimeException e) {
      throw new LoadException(file, "not a GeoPackage (" + rootMessage(e) + ")", e);
    }
  }

  /** The table to read: the one named, else the only feature table. */
  static String chooseTable(Path file, List<String> featureTables, String layer) {
    List<String> tables = featureTables.stream().sorted().toList();
    if (layer != null) {
      if (!tables.contains(layer)) {
        throw new LoadException(
            file, "no feature table '" + layer + "'; the feature tables are " + names(tables));
      }
      return layer;
    }
    if (tables.isEmpty()) {
      throw new LoadException(file, "the GeoPackage has no feature table");
    }
    if (tables.size() > 1) {
      throw new LoadException(
          file,
          "the GeoPackage has "
              + tables.size()
              + " feature tables, "
              + names(tables)
              + "; pass --layer to choose one");
    }
    return tables.get(0);
  }

  private static String names(List<String> tables) {
    return tables.isEmpty() ? "(none)" : String.join(", ", tables);
  }

  private static LoadedLayer readTable(
      Path file, GeoPackage gpkg, String table, ReadOptions options) {
    TableDefinition def = definition(file, gpkg, table);
    int sourceEpsg =
        sourceCrs(file, table, def.geometryColumns().getSrsId(), def.srs(), options.sourceEpsg());
    List<FeatureColumn> columns = attributeColumns(def.table());
    LoadReport report = new LoadReport();
    Ingest ingest = new Ingest(file, sourceEpsg, options.targetEpsg(), report);
    List<Feature> features = new ArrayList<>();
    long rows = readRows(file, gpkg, def.table(), columns, ingest, report, features);
    FeatureLayer layer = new FeatureLayer(table, options.targetEpsg(), schema(columns), features);
    return new LoadedLayer(
        file,
        SourceFormat.GEOPACKAGE,
        sourceEpsg,
        ingest.sourceBbox(),
        ingest.geometryTypes(),
        rows,
        layer,
        report);
  }

  /**
   * What gpkg_geometry_columns, gpkg_spatial_ref_sys (null when the row is missing) and the schema
   * say of a table.
   */
  private record TableDefinition(
      GeometryColumns geometryColumns, SpatialReferenceSystem srs, FeatureTable table) {}

  private static TableDefinition definition(Path file, GeoPackage gpkg, String table) {
    GeometryColumns geometryColumns;
    try {
      geometryColumns = gpkg.getGeometryColumnsDao().queryForTableName(table);
    } catch (SQLException | RuntimeException e) {
      throw new LoadException(
          file,
          "table " + table + ": cannot read gpkg_geometry_columns (" + rootMessage(e) + ")",
          e);
    }
    if (geometryColumns == null) {
      throw new LoadException(file, "table " + table + ": no row in gpkg_geometry_columns");
    }
    try {
      SpatialReferenceSystem srs =
          gpkg.getSpatialReferenceSystemDao().queryForId(geometryColumns.getSrsId());
      FeatureTable definition =
          new FeatureTableReader(geometryColumns).readTable(gpkg.getConnection());
      return new TableDefinition(geometryColumns, srs, definition);
    } catch (SQLException | RuntimeException e) {
      throw new LoadException(
          file, "table " + table + ": cannot read its definition (" + rootMessage(e) + ")", e);
    }
  }

  /**
   * Reads every row into {@code features} (rejected rows into the report); returns the number of
   * rows.
   */
  private static long readRows(
      Path file,
      GeoPackage gpkg,
      FeatureTable table,
      List<FeatureColumn> columns,
      Ingest ingest,
      LoadReport report,
      List<Feature> features) {
    long n = 0;
    String sql = "SELECT * FROM " + CoreSQLUtils.quoteWrap(table.getTableName());
    try (Statement statement = gpkg.getConnection().getConnection().createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      Row row = new Row(rs, table);
      while (rs.next()) {
        n++;
        Feature f = feature(row, n, columns, ingest, report);
        if (f != null) {
          features.add(f);
        }
      }
    } catch (SQLException | RuntimeException e) {
      throw new LoadException(
          file,
          "table "
              + table.getTableName()
              + ": cannot read row "
              + (n + 1)
              + " ("
              + rootMessage(e)
              + ")",
          e);
    }
    return n;
  }

  /**
   * The current row of a {@code SELECT *} over a feature table, whose result columns are the
   * table's columns in order. (The library's FeatureDao is not used: it insists on building a
   * projection of the table's SRS, which fails for a CRS it does not know even when the user names
   * the CRS.)
   */
  private record Row(ResultSet rs, FeatureTable table) {
    long fid() throws SQLException {
      return rs.getLong(table.getPkColumnIndex() + 1);
    }

    byte[] geometry() throws SQLException {
      return rs.getBytes(table.getGeometryColumnIndex() + 1);
    }

    Object value(FeatureColumn c) throws SQLException {
      return switch (attributeType(c.getDataType())) {
        case STRING, DATE -> rs.getString(c.getIndex() + 1);
        default -> rs.getObject(c.getIndex() + 1);
      };
    }
  }

  private static Feature feature(
      Row row, long n, List<FeatureColumn> columns, Ingest ingest, LoadReport report)
      throws SQLException {
    String location = ingest.location("feature", n);
    Geometry source;
    try {
      source = geometry(row.geometry());
    } catch (RuntimeException | ParseException e) {
      report.add(
          ProblemCode.UNPARSABLE_COORDINATES, location, "unreadable geometry: " + rootMessage(e));
      return null;
    }
    Geometry working = ingest.accept(source, location);
    if (working == null) {
      return null;
    }
    Map<String, Object> props = new LinkedHashMap<>();
    for (FeatureColumn c : columns) {
      props.put(c.getName(), value(c, row.value(c), location, report));
    }
    return new Feature(n, Long.toString(row.fid()), working, props);
  }

  /**
   * The JTS geometry of a GeoPackage geometry blob (header parsed by the library, WKB by JTS); null
   * when the column is null; an empty geometry when the header says empty.
   */
  static Geometry geometry(byte[] blob) throws ParseException {
    if (blob == null) {
      return null;
    }
    GeoPackageGeometryData data = GeoPackageGeometryData.create(blob);
    byte[] wkb = data.isEmpty() ? null : getWkb(data);
    if (wkb == null || wkb.length == 0) {
      return GeoUtils.FACTORY.createGeometryCollection();
    }
    return new WKBReader(GeoUtils.FACTORY).read(wkb);
  }

  private static byte[] getWkb(GeoPackageGeometryData data) {
    try {
      return data.getWkb();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The columns read as attributes: all but the primary key, the geometry and BLOB columns, in
   * table order.
   */
  private static List<FeatureColumn> attributeColumns(FeatureTable table) {
    return table.getColumns().stream()
        .filter(
            c -> !c.isPrimaryKey() && !c.isGeometry() && c.getDataType() != GeoPackageDataType.BLOB)
        .toList();
  }

  private static Map<String, AttributeType> schema(List<FeatureColumn> columns) {
    Map<String, AttributeType> schema = new LinkedHashMap<>();
    columns.forEach(c -> schema.put(c.getName(), attributeType(c.getDataType())));
    return schema;
  }

  /** The attribute type of a declared GeoPackage column type (an unknown type is read as text). */
  static AttributeType attributeType(GeoPackageDataType type) {
    if (type == null) {
      return AttributeType.STRING;
    }
    return switch (type) {
      case INTEGER, INT, MEDIUMINT, SMALLINT, TINYINT -> AttributeType.INTEGER;
      case REAL, DOUBLE, FLOAT -> AttributeType.REAL;
      case BOOLEAN -> AttributeType.BOOLEAN;
      case DATE -> AttributeType.DATE;
      case TEXT, DATETIME, BLOB -> AttributeType.STRING;
    };
  }

  /**
   * A stored value as its column's type; a value that does not convert is reported and read as
   * null.
   */
  private static Object value(
      FeatureColumn column, Object raw, String location, LoadReport report) {
    if (raw == null) {
      return null;
    }
    AttributeType type = attributeType(column.getDataType());
    try {
      return switch (type) {
        case INTEGER ->
            raw instanceof Number num
                ? (Object) num.longValue()
                : Long.parseLong(raw.toString().trim());
        case REAL ->
            raw instanceof Number num
                ? (Object) num.doubleValue()
                : Double.parseDouble(raw.toString().trim());
        case BOOLEAN -> bool(raw);
        case DATE -> LocalDate.parse(raw.toString().trim());
        case STRING -> raw.toString();
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      report.add(
          ProblemCode.UNPARSABLE_VALUE,
          location,
          "column "
              + column.getName()
              + ": '"
              + raw
              + "' is not a "
              + type.label()
              + "; read as null");
      return null;
    }
  }

  private static Boolean bool(Object raw) {
    if (raw instanceof Number num) {
      return num.longValue() != 0;
    }
    return switch (raw.toString().trim().toLowerCase(Locale.ROOT)) {
      case "1", "true" -> true;
      case "0", "false" -> false;
      default -> throw new NumberFormatException("not a boolean");
    };
  }

  /**
   * The EPSG code of the table's coordinates: the SRS row's EPSG code, else its WKT definition; an
   * undefined or unidentifiable SRS needs {@code given}. A declared CRS that differs from {@code
   * given} is an error.
   */
  static int sourceCrs(
      Path file, String table, long srsId, SpatialReferenceSystem srs, Integer given) {
    String why;
    Integer declared = null;
    if (srsId == -1 || srsId == 0) {
      why = "its spatial reference system is undefined (srs_id " + srsId + ")";
    } else if (srs == null) {
      why = "its geometry column names srs_id " + srsId + ", which is not in gpkg_spatial_ref_sys";
    } else {
      declared = identify(srs);
      why =
          "its spatial reference system (srs_id "
              + srs.getSrsId()
              + ", "
              + srs.getOrganization()
              + " "
              + srs.getOrganizationCoordsysId()
              + ", '"
              + srs.getSrsName()
              + "') is not one pcn-atlas recognises";
    }
    Integer crs = Ingest.reconcileCrs(file, "table " + table, declared, given);
    if (crs == null) {
      throw new LoadException(
          file, "table " + table + ": the CRS is unknown: " + why + "; give it with --crs");
    }
    return crs;
  }

  /**
   * The EPSG code of an SRS row, or null when neither its organization code nor its definition
   * identifies one.
   */
  private static Integer identify(SpatialReferenceSystem srs) {
    if ("EPSG".equalsIgnoreCase(srs.getOrganization())) {
      try {
        return Crs.parse("EPSG:" + srs.getOrganizationCoordsysId());
      } catch (UnknownCrsException e) {
        // fall through to the definition
      }
    }
    try {
      return Crs.fromWkt(srs.getDefinition());
    } catch (UnknownCrsException e) {
      return null;
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
