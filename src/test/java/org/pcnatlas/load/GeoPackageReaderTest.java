package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.pcnatlas.geo.GeoUtils.FACTORY;
import static org.pcnatlas.geo.GeoUtils.point;
import static org.pcnatlas.geo.GeoUtils.rectangle;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.export.GeoPackageWriter;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;
import org.pcnatlas.testing.Gdal;
import org.pcnatlas.testing.OpenData;

class GeoPackageReaderTest {
  @TempDir Path tmp;

  private final GeoPackageReader reader = new GeoPackageReader();

  private static FeatureLayer layer(String name, Geometry... geometries) {
    List<Feature> features = new java.util.ArrayList<>();
    for (int i = 0; i < geometries.length; i++) {
      features.add(new Feature(i + 1, null, geometries[i], Map.of("n", (long) i + 1)));
    }
    return new FeatureLayer(name, Crs.BNG, Map.of("n", AttributeType.INTEGER), features);
  }

  private Path write(String fileName, FeatureLayer... layers) {
    Path file = tmp.resolve(fileName);
    GeoPackageWriter.write(List.of(layers), file, Crs.BNG);
    return file;
  }

  private Path threeTables() {
    return write(
        "three.gpkg",
        layer("practices", point(450000, 200000)),
        layer("districts", rectangle(0, 0, 10, 10)),
        layer("networks", rectangle(0, 0, 5, 5), rectangle(5, 0, 10, 5)));
  }

  private static void sql(Path file, String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      for (String statement : statements) {
        s.execute(statement);
      }
    }
  }

  @Test
  void severalTablesWithoutLayerListsThemAndAsksForLayer() {
    Path file = threeTables();
    assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("three.gpkg")
        .hasMessageContaining("districts, networks, practices")
        .hasMessageContaining("--layer");
  }

  @Test
  void layerOptionChoosesTheTable() throws Exception {
    Path file = threeTables();
    byte[] before = Files.readAllBytes(file);
    LoadedLayer read = reader.read(file, ReadOptions.defaults().withLayer("networks"));
    assertThat(Files.readAllBytes(file)).as("reading leaves the file as it was").isEqualTo(before);
    assertThat(read.layer().name()).isEqualTo("networks");
    assertThat(read.layer().size()).isEqualTo(2);
    assertThat(read.rowsRead()).isEqualTo(2);
    assertThat(read.format()).isEqualTo(SourceFormat.GEOPACKAGE);
    assertThat(read.layer().features()).extracting(Feature::id).containsExactly("1", "2");
    assertThat(read.layer().features())
        .extracting(f -> f.properties().get("n"))
        .containsExactly(1L, 2L);
  }

  @Test
  void unknownLayerIsAnErrorListingTheTables() {
    Path file = threeTables();
    assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults().withLayer("wards")))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("three.gpkg")
        .hasMessageContaining("'wards'")
        .hasMessageContaining("districts, networks, practices");
  }

  @Test
  void textFileIsNotAGeoPackage() throws Exception {
    Path file = tmp.resolve("x.gpkg");
    Files.writeString(file, "name,code\nOxford,E07000178\n");
    assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("x.gpkg")
        .hasMessageContaining("not a GeoPackage");
  }

  @Test
  void sqliteWithoutGeoPackageTablesIsNotAGeoPackage() throws Exception {
    Path file = tmp.resolve("plain.gpkg");
    sql(file, "CREATE TABLE t (id INTEGER PRIMARY KEY)");
    assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("plain.gpkg")
        .hasMessageContaining("not a GeoPackage");
  }

  @Test
  void undefinedSrsNeedsCrsOption() throws Exception {
    Path file =
        write("undefined.gpkg", layer("districts", rectangle(440000, 200000, 441000, 201000)));
    sql(
        file,
        "UPDATE gpkg_geometry_columns SET srs_id = -1",
        "UPDATE gpkg_contents SET srs_id = -1");
    assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("undefined.gpkg")
        .hasMessageContaining("districts")
        .hasMessageContaining("CRS is unknown")
        .hasMessageContaining("--crs");

    LoadedLayer read = reader.read(file, ReadOptions.defaults().withSourceEpsg(Crs.BNG));
    assertThat(read.sourceEpsg()).isEqualTo(Crs.BNG);
    assertThat(read.layer().size()).isEqualTo(1);
  }

  @Test
  void unidentifiableSrsNeedsCrsOption() throws Exception {
    Path file = write("custom.gpkg", layer("districts", rectangle(440000, 200000, 441000, 201000)));
    sql(
        file,
        "INSERT INTO gpkg_spatial_ref_sys VALUES ('Local grid', 990001, 'ACME', 1, 'LOCAL_CS[\"Local grid\"]', '')",
        "UPDATE gpkg_geometry_columns SET srs_id = 990001",
        "UPDATE gpkg_contents SET srs_id = 990001");
    assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("custom.gpkg")
        .hasMessageContaining("table districts")
        .hasMessageContaining("ACME 1");
    assertThat(reader.read(file, ReadOptions.defaults().withSourceEpsg(Crs.BNG)).layer().size())
        .isEqualTo(1);
  }

  @Test
  void srsIdentifiedByItsWktWhenTheOrganizationIsNotEpsg() throws Exception {
    Path file = write("wkt.gpkg", layer("districts", rectangle(440000, 200000, 441000, 201000)));
    sql(
        file,
        "UPDATE gpkg_spatial_ref_sys SET organization = 'ESRI', organization_coordsys_id = 1 WHERE srs_id = 27700");
    assertThat(reader.read(file, ReadOptions.defaults()).sourceEpsg()).isEqualTo(Crs.BNG);
  }

  @Test
  void declaredCrsDifferentFromTheGivenOneIsAnError() {
    Path file = write("bng.gpkg", layer("districts", rectangle(440000, 200000, 441000, 201000)));
    assertThatThrownBy(() -> reader.read(file, ReadOptions.defaults().withSourceEpsg(Crs.WGS84)))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("bng.gpkg")
        .hasMessageContaining("EPSG:27700")
        .hasMessageContaining("EPSG:4326");
  }

  @Test
  void bowTieIsRepairedAndReported() {
    Geometry bowTie =
        FACTORY.createPolygon(
            new Coordinate[] {
              new Coordinate(440000, 200000),
              new Coordinate(441000, 201000),
              new Coordinate(441000, 200000),
              new Coordinate(440000, 201000),
              new Coordinate(440000, 200000)
            });
    Path file =
        write("bowtie.gpkg", layer("districts", bowTie, rectangle(450000, 200000, 451000, 201000)));
    LoadedLayer read = reader.read(file, ReadOptions.defaults());
    assertThat(read.layer().size()).isEqualTo(2);
    assertThat(read.report().count(ProblemCode.GEOMETRY_REPAIRED)).isEqualTo(1);
    assertThat(read.report().problems(ProblemCode.GEOMETRY_REPAIRED).get(0).location())
        .isEqualTo("bowtie.gpkg:feature 1");
    Geometry repaired = read.layer().features().get(0).geometry();
    assertThat(repaired.isValid()).isTrue();
    assertThat(repaired.getArea()).isEqualTo(500_000.0);
  }

  @Test
  void emptyGeometryIsReportedAndSkipped() {
    Path file =
        write(
            "empty.gpkg",
            layer("districts", rectangle(440000, 200000, 441000, 201000), FACTORY.createPolygon()));
    LoadedLayer read = reader.read(file, ReadOptions.defaults());
    assertThat(read.rowsRead()).isEqualTo(2);
    assertThat(read.layer().size()).isEqualTo(1);
    assertThat(read.report().problems(ProblemCode.EMPTY_GEOMETRY))
        .extracting(Problem::location)
        .containsExactly("empty.gpkg:feature 2");
  }

  @Test
  void nullGeometryIsReportedAsMissing() {
    Path file =
        write("null.gpkg", layer("districts", rectangle(440000, 200000, 441000, 201000), null));
    LoadedLayer read = reader.read(file, ReadOptions.defaults());
    assertThat(read.layer().size()).isEqualTo(1);
    assertThat(read.report().problems(ProblemCode.MISSING_GEOMETRY))
        .extracting(Problem::location)
        .containsExactly("null.gpkg:feature 2");
  }

  @Test
  void readsAGeoPackageWrittenByGdal() {
    Path source = OpenData.require("boundaries/lad_may2024_buc_oxfordshire.geojson");
    Path file = tmp.resolve("lad.gpkg");
    Gdal.Result result = Gdal.run("ogr2ogr", "-f", "GPKG", file.toString(), source.toString());
    assertThat(result.exitCode()).as(result.output()).isZero();

    LoadedLayer read = reader.read(file, ReadOptions.defaults());
    assertThat(read.sourceEpsg()).isEqualTo(Crs.WGS84);
    assertThat(read.rowsRead()).isEqualTo(5);
    assertThat(read.layer().size()).isEqualTo(5);
    assertThat(read.layer().epsg()).isEqualTo(Crs.BNG);
    assertThat(read.layer().attributes()).containsEntry("ltla24_code", AttributeType.STRING);
    assertThat(read.layer().features())
        .extracting(f -> f.text("ltla24_code"))
        .containsExactlyInAnyOrder("E07000177", "E07000178", "E07000179", "E07000180", "E07000181");
    assertThat(read.sourceBbox().getMinX()).isBetween(-2.0, -1.0);
    // Oxfordshire lies within these British National Grid bounds
    read.layer()
        .features()
        .forEach(
            f ->
                assertThat(rectangle(400000, 160000, 500000, 270000).contains(f.geometry()))
                    .isTrue());
  }
}
