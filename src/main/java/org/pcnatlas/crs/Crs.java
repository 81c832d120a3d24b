package org.pcnatlas.crs;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coordinate reference system codes: parsing of the ways files and requests name a CRS, and the
 * URIs pcn-atlas writes. A CRS is identified by its EPSG code; {@link #WGS84} (EPSG:4326) always
 * means longitude, latitude axis order here, as in GeoJSON and OGC CRS84.
 */
public final class Crs {
  /** British National Grid, the analysis CRS (metres). */
  public static final int BNG = 27700;

  /** WGS 84 geographic, longitude/latitude order (OGC CRS84). */
  public static final int WGS84 = 4326;

  /** WGS 84 / Pseudo-Mercator (web maps, the tiles of {@code api.tiles}; metres on the sphere). */
  public static final int WEB_MERCATOR = 3857;

  public static final String CRS84_URI = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

  private static final Pattern EPSG_CODE =
      Pattern.compile(
          "(?i)^(?:epsg:{1,2}|urn:ogc:def:crs:epsg:[0-9.]*:|https?://www\\.opengis\\.net/def/crs/epsg/[0-9.]+/)?([0-9]{4,6})$");
  private static final Pattern CRS84 =
      Pattern.compile(
          "(?i)^(?:urn:ogc:def:crs:ogc:[0-9.]*:|https?://www\\.opengis\\.net/def/crs/ogc/[0-9.]+/|ogc:)?crs84$");
  private static final Pattern WKT_AUTHORITY =
      Pattern.compile("(?i)AUTHORITY\\[\\s*\"EPSG\"\\s*,\\s*\"?([0-9]+)\"?\\s*]");
  private static final Pattern WKT_NAME =
      Pattern.compile(
          "^\\s*(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\\[\\s*\"([^\"]*)\"",
          Pattern.CASE_INSENSITIVE);

  /**
   * Names that .prj files (ESRI and OGC WKT) give the CRSs pcn-atlas recognises without an EPSG
   * authority.
   */
  private static final Map<String, Integer> KNOWN_NAMES =
      Map.ofEntries(
          Map.entry("british_national_grid", BNG),
          Map.entry("osgb_1936_british_national_grid", BNG),
          Map.entry("osgb36_british_national_grid", BNG),
          Map.entry("gcs_wgs_1984", WGS84),
          Map.entry("wgs_84", WGS84),
          Map.entry("wgs84", WGS84),
          Map.entry("gcs_etrs_1989", 4258),
          Map.entry("etrs89", 4258),
          Map.entry("wgs_1984_web_mercator_auxiliary_sphere", 3857),
          Map.entry("wgs_84_pseudo_mercator", 3857));

  private Crs() {}

  /**
   * Parses a CRS identifier: {@code EPSG:27700}, {@code 27700}, {@code
   * urn:ogc:def:crs:EPSG::27700}, {@code http://www.opengis.net/def/crs/EPSG/0/27700}, or any form
   * of OGC {@code CRS84} (returned as 4326).
   *
   * @throws UnknownCrsException naming the text when it is none of these or names a code proj4j
   *     does not know
   */
  public static int parse(String text) {
    if (text == null || text.isBlank()) {
      throw new UnknownCrsException("no CRS given");
    }
    String t = text.trim();
    if (CRS84.matcher(t).matches()) {
      return WGS84;
    }
    Matcher m = EPSG_CODE.matcher(t);
    if (!m.matches()) {
      throw new UnknownCrsException(
          "unrecognised CRS '"
              + text
              + "' (expected e.g. EPSG:27700, EPSG:4326, "
              + "urn:ogc:def:crs:EPSG::27700 or urn:ogc:def:crs:OGC:1.3:CRS84)");
    }
    int code = Integer.parseInt(m.group(1));
    CrsTransform.requireKnown(code);
    return code;
  }

  /**
   * Identifies the CRS of a WKT text as found in a Shapefile {@code .prj} or a GeoPackage SRS
   * definition: by its EPSG authority when present, otherwise by the names of well-known systems.
   *
   * @throws UnknownCrsException when the WKT names no CRS pcn-atlas recognises
   */
  public static int fromWkt(String wkt) {
    if (wkt == null || wkt.isBlank()) {
      throw new UnknownCrsException("empty CRS definition");
    }
    // In WKT1 the top-level CRS's AUTHORITY is the last one in the text; in WKT2 the ID comes last
    // too.
    Matcher auth = WKT_AUTHORITY.matcher(wkt);
    Integer code = null;
    while (auth.find()) {
      code = Integer.parseInt(auth.group(1));
    }
    Matcher id2 =
        Pattern.compile("(?i)ID\\[\\s*\"EPSG\"\\s*,\\s*([0-9]+)\\s*]\\s*]\\s*$")
            .matcher(wkt.trim());
    if (id2.find()) {
      code = Integer.parseInt(id2.group(1));
    }
    if (code != null) {
      CrsTransform.requireKnown(code);
      return code;
    }
    Matcher name = WKT_NAME.matcher(wkt);
    if (name.find()) {
      String key =
          name.group(2)
              .toLowerCase(Locale.ROOT)
              .replaceAll("[^a-z0-9]+", "_")
              .replaceAll("^_|_$", "");
      Integer known = KNOWN_NAMES.get(key);
      if (known != null) {
        return known;
      }
      throw new UnknownCrsException(
          "unrecognised CRS '" + name.group(2) + "' in WKT (no EPSG authority)");
    }
    throw new UnknownCrsException("CRS definition is not WKT: " + abbreviate(wkt));
  }

  /** {@code EPSG:nnnn}. */
  public static String label(int epsg) {
    return "EPSG:" + epsg;
  }

  /** The OGC URI for a CRS: CRS84 for 4326 (lon/lat), the EPSG URI otherwise. */
  public static String uri(int epsg) {
    return epsg == WGS84 ? CRS84_URI : "http://www.opengis.net/def/crs/EPSG/0/" + epsg;
  }

  /** True when the CRS is geographic (degrees), so coordinates are longitude and latitude. */
  public static boolean isGeographic(int epsg) {
    return CrsTransform.isGeographic(epsg);
  }

  private static String abbreviate(String s) {
    String t = s.strip();
    return t.length() > 60 ? t.substring(0, 60) + "..." : t;
  }
}
