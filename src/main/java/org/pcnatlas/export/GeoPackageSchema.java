package org.pcnatlas.export;

import java.util.List;
import java.util.Map;

/**
 * The SQL of a GeoPackage with feature tables and R-tree indexes: the required tables and views
 * (GeoPackage 1.2, annex C), the R-tree index extension's virtual table and triggers (annex F.3),
 * and the default SRS rows, each in exactly the text mil.nga.geopackage 6.6 executes. SQLite keeps
 * a CREATE statement's text in {@code sqlite_master}, so the text, white space included, is part of
 * the file's bytes; {@code GeoPackageWriterTest} checks the file against the library's.
 */
final class GeoPackageSchema {
  private GeoPackageSchema() {}

  /** {@code PRAGMA application_id}: "GPKG". */
  static final int APPLICATION_ID = 0x47504B47;

  /** The user_version the library stamps when it creates the file (GeoPackage 1.4). */
  static final int LIBRARY_USER_VERSION = 10400;

  /** The tables and views of a new GeoPackage, before any SRS row. */
  static final List<String> REQUIRED =
      List.of(
          "CREATE TABLE gpkg_spatial_ref_sys (\n"
              + "  srs_name TEXT NOT NULL,\n"
              + "  srs_id INTEGER NOT NULL PRIMARY KEY,\n"
              + "  organization TEXT NOT NULL,\n"
              + "  organization_coordsys_id INTEGER NOT NULL,\n"
              + "  definition  TEXT NOT NULL,\n"
              + "  description TEXT\n"
              + ")",
          "CREATE VIEW st_spatial_ref_sys AS\n"
              + "  SELECT\n"
              + "    srs_name,\n"
              + "    srs_id,\n"
              + "    organization,\n"
              + "    organization_coordsys_id,\n"
              + "    definition,\n"
              + "    description\n"
              + "  FROM gpkg_spatial_ref_sys",
          "CREATE VIEW spatial_ref_sys AS\n"
              + "  SELECT\n"
              + "    srs_id AS srid,\n"
              + "    organization AS auth_name,\n"
              + "    organization_coordsys_id AS auth_srid,\n"
              + "    definition AS srtext\n"
              + "  FROM gpkg_spatial_ref_sys",
          "CREATE TABLE gpkg_contents (\n"
              + "  table_name TEXT NOT NULL PRIMARY KEY,\n"
              + "  data_type TEXT NOT NULL,\n"
              + "  identifier TEXT UNIQUE,\n"
              + "  description TEXT DEFAULT '',\n"
              + "  last_change DATETIME NOT NULL DEFAULT"
              + " (strftime('%Y-%m-%dT%H:%M:%fZ','now')),\n"
              + "  min_x DOUBLE,\n"
              + "  min_y DOUBLE,\n"
              + "  max_x DOUBLE,\n"
              + "  max_y DOUBLE,\n"
              + "  srs_id INTEGER,\n"
              + "  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES"
              + " gpkg_spatial_ref_sys(srs_id)\n"
              + ")");

  /** The geometry columns table and its views, created with the first feature table. */
  static final List<String> GEOMETRY_COLUMNS =
      List.of(
          "CREATE TABLE gpkg_geometry_columns (\n"
              + "  table_name TEXT NOT NULL,\n"
              + "  column_name TEXT NOT NULL,\n"
              + "  geometry_type_name TEXT NOT NULL,\n"
              + "  srs_id INTEGER NOT NULL,\n"
              + "  z TINYINT NOT NULL,\n"
              + "  m TINYINT NOT NULL,\n"
              + "  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),\n"
              + "  CONSTRAINT uk_gc_table_name UNIQUE (table_name),\n"
              + "  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES"
              + " gpkg_contents(table_name),\n"
              + "  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys"
              + " (srs_id)\n"
              + ")",
          "CREATE VIEW st_geometry_columns AS\n"
              + "  SELECT\n"
              + "    table_name,\n"
              + "    column_name,\n"
              + "    'ST_' || geometry_type_name AS geometry_type_name,\n"
              + "    g.srs_id,\n"
              + "    srs_name\n"
              + "  FROM gpkg_geometry_columns as g JOIN gpkg_spatial_ref_sys AS s\n"
              + "  WHERE g.srs_id = s.srs_id",
          "CREATE VIEW geometry_columns AS\n"
              + "  SELECT\n"
              + "    table_name AS f_table_name,\n"
              + "    column_name AS f_geometry_column,\n"
              + "    (CASE geometry_type_name \n"
              + "    \tWHEN 'GEOMETRY' THEN 0 \n"
              + "    \tWHEN 'POINT' THEN 1 \n"
              + "    \tWHEN 'LINESTRING' THEN 2 \n"
              + "    \tWHEN 'POLYGON' THEN 3 \n"
              + "    \tWHEN 'MULTIPOINT' THEN 4 \n"
              + "    \tWHEN 'MULTILINESTRING' THEN 5 \n"
              + "    \tWHEN 'MULTIPOLYGON' THEN 6 \n"
              + "    \tWHEN 'GEOMETRYCOLLECTION' THEN 7 \n"
              + "    \tWHEN 'CIRCULARSTRING' THEN 8 \n"
              + "    \tWHEN 'COMPOUNDCURVE' THEN 9 \n"
              + "    \tWHEN 'CURVEPOLYGON' THEN 10 \n"
              + "    \tWHEN 'MULTICURVE' THEN 11 \n"
              + "    \tWHEN 'MULTISURFACE' THEN 12 \n"
              + "    \tWHEN 'CURVE' THEN 13 \n"
              + "    \tWHEN 'SURFACE' THEN 14 \n"
              + "    \tWHEN 'POLYHEDRALSURFACE' THEN 15 \n"
              + "    \tWHEN 'TIN' THEN 16 \n"
              + "    \tWHEN 'TRIANGLE' THEN 17 \n"
              + "    \tELSE 0 END) AS geometry_type,\n"
              + "    2 + (CASE z WHEN 1 THEN 1 WHEN 2 THEN 1 ELSE 0 END) + (CASE m WHEN 1 THEN 1"
              + " WHEN 2 THEN 1 ELSE 0 END) AS coord_dimension,\n"
              + "    srs_id AS srid\n"
              + "  FROM gpkg_geometry_columns");

  /** The extensions table, created with the first R-tree index. */
  static final String EXTENSIONS =
      "CREATE TABLE gpkg_extensions (\n"
          + "  table_name TEXT,\n"
          + "  column_name TEXT,\n"
          + "  extension_name TEXT NOT NULL,\n"
          + "  definition TEXT NOT NULL,\n"
          + "  scope TEXT NOT NULL,\n"
          + "  CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)\n"
          + ")";

  /** One row of {@code gpkg_spatial_ref_sys}. */
  record Srs(
      String name,
      long id,
      String organization,
      long organizationId,
      String definition,
      String description) {}

  /** The rows a new GeoPackage has, in the library's order. */
  static final List<Srs> DEFAULT_SRS =
      List.of(
          new Srs(
              "WGS 84 geodetic",
              4326,
              "EPSG",
              4326,
              "GEOGCS[\"WGS 84\",DATUM[\"WGS_1984\",SPHEROID[\"WGS"
                  + " 84\",6378137,298.257223563,AUTHORITY[\"EPSG\",\"7030\"]],"
                  + "AUTHORITY[\"EPSG\",\"6326\"]],PRIMEM[\"Greenwich\",0,"
                  + "AUTHORITY[\"EPSG\",\"8901\"]],UNIT[\"degree\",0.01745329251994328,"
                  + "AUTHORITY[\"EPSG\",\"9122\"]],AUTHORITY[\"EPSG\",\"4326\"]]",
              "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
          new Srs(
              "Undefined cartesian SRS",
              -1,
              "NONE",
              -1,
              "undefined",
              "undefined cartesian coordinate reference system"),
          new Srs(
              "Undefined geographic SRS",
              0,
              "NONE",
              0,
              "undefined",
              "undefined geographic coordinate reference system"));

  /** The extension name and definition of an R-tree index in {@code gpkg_extensions}. */
  static final String RTREE_EXTENSION = "gpkg_rtree_index";

  static final String RTREE_DEFINITION = "http://www.geopackage.org/spec/#extension_rtree";

  /** The name of a feature table's R-tree index (and the prefix of its triggers). */
  static String rtreeName(String table, String geometryColumn) {
    return "rtree_" + table + "_" + geometryColumn;
  }

  static String createRtree(String table, String geometryColumn) {
    return "CREATE VIRTUAL TABLE "
        + quote(rtreeName(table, geometryColumn))
        + " USING rtree(id, minx, maxx, miny, maxy)";
  }

  /**
   * The triggers that keep the R-tree in step with the table, in the library's order (insert,
   * update2, update4, update5, update6, update7, delete). {@code %1$s} is the table, {@code %2$s}
   * the geometry column, {@code %3$s} the primary key, {@code %4$s} the R-tree and {@code %5$s} the
   * trigger (the R-tree's name, '_' and the key of the entry), each quoted.
   */
  private static final List<Map.Entry<String, String>> TRIGGERS =
      List.of(
          Map.entry(
              "insert",
              "CREATE TRIGGER %5$s AFTER INSERT ON %1$s\n"
                  + "  WHEN (new.%2$s NOT NULL AND NOT ST_IsEmpty(NEW.%2$s))\n"
                  + "BEGIN\n"
                  + "  INSERT OR REPLACE INTO %4$s VALUES (\n"
                  + "    NEW.%3$s,\n"
                  + "    ST_MinX(NEW.%2$s), ST_MaxX(NEW.%2$s),\n"
                  + "    ST_MinY(NEW.%2$s), ST_MaxY(NEW.%2$s)\n"
                  + "  );\n"
                  + "END"),
          Map.entry(
              "update2",
              "CREATE TRIGGER %5$s AFTER UPDATE OF %2$s ON %1$s\n"
                  + "  WHEN OLD.%3$s = NEW.%3$s AND\n"
                  + "       (NEW.%2$s ISNULL OR ST_IsEmpty(NEW.%2$s))\n"
                  + "BEGIN\n"
                  + "  DELETE FROM %4$s WHERE id = OLD.%3$s;\n"
                  + "END"),
          Map.entry(
              "update4",
              "CREATE TRIGGER %5$s AFTER UPDATE ON %1$s\n"
                  + "  WHEN OLD.%3$s != NEW.%3$s AND\n"
                  + "       (NEW.%2$s ISNULL OR ST_IsEmpty(NEW.%2$s))\n"
                  + "BEGIN\n"
                  + "  DELETE FROM %4$s WHERE id IN (OLD.%3$s, NEW.%3$s);\n"
                  + "END"),
          Map.entry(
              "update5",
              "CREATE TRIGGER %5$s AFTER UPDATE ON %1$s\n"
                  + "  WHEN OLD.%3$s != NEW.%3$s AND\n"
                  + "       (NEW.%2$s NOTNULL AND NOT ST_IsEmpty(NEW.%2$s))\n"
                  + "BEGIN\n"
                  + "  DELETE FROM %4$s WHERE id = OLD.%3$s;\n"
                  + "  INSERT OR REPLACE INTO %4$s VALUES (\n"
                  + "    NEW.%3$s,\n"
                  + "    ST_MinX(NEW.%2$s), ST_MaxX(NEW.%2$s),\n"
                  + "    ST_MinY(NEW.%2$s), ST_MaxY(NEW.%2$s)\n"
                  + "  );\n"
                  + "END"),
          Map.entry(
              "update6",
              "CREATE TRIGGER %5$s AFTER UPDATE OF %2$s ON %1$s\n"
                  + "  WHEN OLD.%3$s = NEW.%3$s AND\n"
                  + "       (NEW.%2$s NOTNULL AND NOT ST_IsEmpty(NEW.%2$s)) AND\n"
                  + "       (OLD.%2$s NOTNULL AND NOT ST_IsEmpty(OLD.%2$s))\n"
                  + "BEGIN\n"
                  + "  UPDATE %4$s SET\n"
                  + "    minx = ST_MinX(NEW.%2$s),\n"
                  + "    maxx = ST_MaxX(NEW.%2$s),\n"
                  + "    miny = ST_MinY(NEW.%2$s),\n"
                  + "    maxy = ST_MaxY(NEW.%2$s)\n"
                  + "  WHERE id = NEW.%3$s;\n"
                  + "END"),
          Map.entry(
              "update7",
              "CREATE TRIGGER %5$s AFTER UPDATE OF %2$s ON %1$s\n"
                  + "  WHEN OLD.%3$s = NEW.%3$s AND\n"
                  + "       (NEW.%2$s NOTNULL AND NOT ST_IsEmpty(NEW.%2$s)) AND\n"
                  + "       (OLD.%2$s ISNULL OR ST_IsEmpty(OLD.%2$s))\n"
                  + "BEGIN\n"
                  + "  INSERT INTO %4$s VALUES (\n"
                  + "    NEW.%3$s,\n"
                  + "    ST_MinX(NEW.%2$s), ST_MaxX(NEW.%2$s),\n"
                  + "    ST_MinY(NEW.%2$s), ST_MaxY(NEW.%2$s)\n"
                  + "  );\n"
                  + "END"),
          Map.entry(
              "delete",
              "CREATE TRIGGER %5$s AFTER DELETE ON %1$s\n"
                  + "  WHEN old.%2$s NOT NULL\n"
                  + "BEGIN\n"
                  + "  DELETE FROM %4$s WHERE id = OLD.%3$s;\n"
                  + "END"));

  /** The R-tree triggers of a table. */
  static List<String> rtreeTriggers(String table, String geometryColumn, String idColumn) {
    String rtree = rtreeName(table, geometryColumn);
    return TRIGGERS.stream()
        .map(
            t ->
                t.getValue()
                    .formatted(
                        quote(table),
                        quote(geometryColumn),
                        quote(idColumn),
                        quote(rtree),
                        quote(rtree + "_" + t.getKey())))
        .toList();
  }

  /** An SQL identifier in double quotes. */
  static String quote(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
