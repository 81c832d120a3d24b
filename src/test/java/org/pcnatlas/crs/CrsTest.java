package org.pcnatlas.crs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CrsTest {
  @ParameterizedTest
  @CsvSource({
    "EPSG:27700, 27700",
    "epsg:27700, 27700",
    "27700, 27700",
    "urn:ogc:def:crs:EPSG::27700, 27700",
    "urn:ogc:def:crs:EPSG:6.18:27700, 27700",
    "http://www.opengis.net/def/crs/EPSG/0/27700, 27700",
    "EPSG:4326, 4326",
    "urn:ogc:def:crs:OGC:1.3:CRS84, 4326",
    "urn:ogc:def:crs:OGC::CRS84, 4326",
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84, 4326",
    "CRS84, 4326",
    "EPSG:3857, 3857"
  })
  void parsesTheWaysFilesAndRequestsNameACrs(String text, int epsg) {
    assertThat(Crs.parse(text)).isEqualTo(epsg);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"EPSG:99999", "urn:ogc:def:crs:EPSG::1", "WGS84 please", "EPSG:", "OGC:CRS27"})
  void rejectsUnknownCrs(String text) {
    assertThatThrownBy(() -> Crs.parse(text)).isInstanceOf(UnknownCrsException.class);
  }

  @Test
  void rejectsMissingCrs() {
    assertThatThrownBy(() -> Crs.parse(" "))
        .isInstanceOf(UnknownCrsException.class)
        .hasMessageContaining("no CRS");
  }

  @Test
  void identifiesEsriBritishNationalGridPrj() {
    String prj =
        "PROJCS[\"British_National_Grid\",GEOGCS[\"GCS_OSGB_1936\",DATUM[\"D_OSGB_1936\",SPHEROID[\"Airy_1830\","
            + "6377563.396,299.3249646]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
            + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",400000.0],UNIT[\"Meter\",1.0]]";
    assertThat(Crs.fromWkt(prj)).isEqualTo(27700);
  }

  @Test
  void identifiesOgcWktByItsOutermostAuthority() {
    String wkt =
        "PROJCS[\"OSGB36 / British National Grid\",GEOGCS[\"OSGB36\",DATUM[\"Ordnance_Survey_of_Great_Britain_1936\","
            + "SPHEROID[\"Airy 1830\",6377563.396,299.3249646,AUTHORITY[\"EPSG\",\"7001\"]],AUTHORITY[\"EPSG\",\"6277\"]],"
            + "AUTHORITY[\"EPSG\",\"4277\"]],PROJECTION[\"Transverse_Mercator\"],AUTHORITY[\"EPSG\",\"27700\"]]";
    assertThat(Crs.fromWkt(wkt)).isEqualTo(27700);
  }

  @Test
  void identifiesWkt2ById() {
    String wkt =
        "GEOGCRS[\"WGS 84\",DATUM[\"World Geodetic System 1984\",ELLIPSOID[\"WGS 84\",6378137,298.257223563]],"
            + "CS[ellipsoidal,2],ID[\"EPSG\",4326]]";
    assertThat(Crs.fromWkt(wkt)).isEqualTo(4326);
  }

  @Test
  void identifiesEsriWgs84() {
    assertThat(
            Crs.fromWkt(
                "GEOGCS[\"GCS_WGS_1984\",DATUM[\"D_WGS_1984\",SPHEROID[\"WGS_1984\",6378137.0,298.257223563]]]"))
        .isEqualTo(4326);
  }

  @Test
  void rejectsUnknownWkt() {
    assertThatThrownBy(
            () -> Crs.fromWkt("PROJCS[\"Local_Grid_Of_Somewhere\",GEOGCS[\"GCS_Unknown\"]]"))
        .isInstanceOf(UnknownCrsException.class)
        .hasMessageContaining("Local_Grid_Of_Somewhere");
    assertThatThrownBy(() -> Crs.fromWkt("not wkt")).isInstanceOf(UnknownCrsException.class);
  }

  @Test
  void writesOgcUris() {
    assertThat(Crs.uri(4326)).isEqualTo("http://www.opengis.net/def/crs/OGC/1.3/CRS84");
    assertThat(Crs.uri(27700)).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/27700");
    assertThat(Crs.label(27700)).isEqualTo("EPSG:27700");
  }
}
