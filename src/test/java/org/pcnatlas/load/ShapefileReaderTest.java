package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.linuxense.javadbf.DBFDataType;
import com.linuxense.javadbf.DBFField;
import com.linuxense.javadbf.DBFWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.GregorianCalendar;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.MultiPoint;
import org.locationtech.jts.geom.MultiPolygon;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.testing.OpenData;

class ShapefileReaderTest {
  private static final String PRJ_27700 =
      "PROJCS[\"British_National_Grid\",GEOGCS[\"GCS_OSGB_1936\",DATUM[\"D_OSGB_1936\","
          + "SPHEROID[\"Airy_1830\",6377563.396,299.3249646]],PRIMEM[\"Greenwich\",0.0],UNIT[\"Degree\",0.0174532925199433]],"
          + "PROJECTION[\"Transverse_Mercator\"],PARAMETER[\"False_Easting\",400000.0],PARAMETER[\"False_Northing\",-100000.0],"
          + "PARAMETER[\"Central_Meridian\",-2.0],PARAMETER[\"Scale_Factor\",0.9996012717],PARAMETER[\"Latitude_Of_Origin\",49.0],"
          + "UNIT[\"Meter\",1.0]]";

  @TempDir Path dir;

  @Test
  void aDbfFullOfTextIsAnErrorNamingTheFileAndWhatItMustBe() throws IOException {
    Path shp = new Shp(5).parts(5, square(0, 0, 10, true)).write(dir.resolve("text.shp"));
    java.nio.file.Files.writeString(
        sibling(shp, "dbf"), "district_code,district_name\nE1,One\nE2,Two\n".repeat(50));
    java.nio.file.Files.writeString(sibling(shp, "prj"), PRJ_27700);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> read(shp))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("text.dbf")
        .hasMessageContaining("not a dBASE table header")
        .hasMessageNotContaining(": null");
  }

  // ---------------------------------------------------------------- geometry

  @Test
  void polygonWithHoleAndMultiPartPolygon() throws IOException {
    Path shp =
        new Shp(5)
            .parts(5, square(0, 0, 10, true), square(2, 2, 2, false))
            // a hole listed before the shells; an island (with its own hole) inside the big shell's
            // hole
            .parts(
                5,
                square(1000, 1000, 80, false),
                square(990, 990, 100, true),
                square(1010, 1010, 10, true),
                square(1012, 1012, 2, false))
            .write(dir.resolve("areas.shp"));
    withDbf(shp, 2);

    LoadedLayer loaded = read(shp);

    assertThat(loaded.report().problems()).isEmpty();
    assertThat(loaded.format()).isEqualTo(SourceFormat.SHAPEFILE);
    assertThat(loaded.sourceEpsg()).isEqualTo(27700);
    assertThat(loaded.rowsRead()).isEqualTo(2);
    assertThat(loaded.layer().name()).isEqualTo("areas");
    List<Feature> fs = loaded.layer().features();
    Polygon withHole = (Polygon) fs.get(0).geometry();
    assertThat(withHole.getNumInteriorRing()).isEqualTo(1);
    assertThat(withHole.getArea()).isEqualTo(96.0);
    assertThat(withHole.isValid()).isTrue();
    MultiPolygon multi = (MultiPolygon) fs.get(1).geometry();
    assertThat(multi.getNumGeometries()).isEqualTo(2);
    assertThat(multi.isValid()).isTrue();
    assertThat(multi.getArea()).isEqualTo(100 * 100 - 80 * 80 + 10 * 10 - 2 * 2);
    for (int i = 0; i < 2; i++) {
      assertThat(((Polygon) multi.getGeometryN(i)).getNumInteriorRing()).isEqualTo(1);
    }
    assertThat(fs).extracting(Feature::index).containsExactly(1L, 2L);
    assertThat(fs).extracting(Feature::id).containsOnlyNulls();
    assertThat(loaded.geometryTypes()).containsExactly("MultiPolygon", "Polygon");
    assertThat((Object) loaded.sourceBbox()).isEqualTo(new Envelope(0, 1090, 0, 1090));
  }

  @Test
  void pointsAndMultiPoints() throws IOException {
    Path shp =
        new Shp(1)
            .point(1, 450000.1234, 200000.5)
            .point(1, 451000, 201000)
            .write(dir.resolve("pts.shp"));
    withDbf(shp, 2);
    LoadedLayer loaded = read(shp);
    assertThat(loaded.layer().features())
        .extracting(f -> f.geometry().getCoordinate())
        .containsExactly(new Coordinate(450000.123, 200000.5), new Coordinate(451000, 201000));
    assertThat(loaded.layer().features())
        .extracting(f -> f.properties().get("ID"))
        .containsExactly(1L, 2L);

    Path multi = new Shp(8).multiPoint(8, 1, 2, 3, 4, 5, 6).write(dir.resolve("multi.shp"));
    withDbf(multi, 1);
    Geometry g = read(multi).layer().features().get(0).geometry();
    assertThat((Object) g).isInstanceOf(MultiPoint.class);
    assertThat(g.getCoordinates())
        .containsExactly(new Coordinate(1, 2), new Coordinate(3, 4), new Coordinate(5, 6));
  }

  @Test
  void zAndMVariantsKeepXAndY() throws IOException {
    Path shp =
        new Shp(15)
            .point(11, 10, 20)
            .point(21, 30, 40)
            .parts(15, square(0, 0, 10, true))
            .parts(25, square(0, 0, 5, true))
            .parts(23, new double[] {0, 0, 3, 4, 6, 0})
            .multiPoint(18, 7, 8, 9, 10)
            .multiPoint(28, 11, 12)
            .write(dir.resolve("zm.shp"));
    withDbf(shp, 7);

    LoadedLayer loaded = read(shp);

    assertThat(loaded.report().problems()).isEmpty();
    List<Geometry> gs = loaded.layer().features().stream().map(Feature::geometry).toList();
    assertThat(gs.get(0).getCoordinate()).isEqualTo(new Coordinate(10, 20));
    assertThat(gs.get(1).getCoordinate()).isEqualTo(new Coordinate(30, 40));
    assertThat(gs.get(2).getArea()).isEqualTo(100.0);
    assertThat(gs.get(3).getArea()).isEqualTo(25.0);
    assertThat((Object) gs.get(4)).isInstanceOf(LineString.class);
    assertThat(gs.get(4).getLength()).isEqualTo(10.0);
    assertThat(gs.get(5).getCoordinates())
        .containsExactly(new Coordinate(7, 8), new Coordinate(9, 10));
    assertThat(gs.get(6).getCoordinates()).containsExactly(new Coordinate(11, 12));
    assertThat(gs).allMatch(g -> Double.isNaN(g.getCoordinate().getZ()));
  }

  @Test
  void nullShapeIsReportedAsMissingGeometry() throws IOException {
    Path shp = new Shp(1).point(1, 1, 1).nullShape().point(1, 3, 3).write(dir.resolve("gaps.shp"));
    withDbf(shp, 3);
    LoadedLayer loaded = read(shp);
    assertThat(loaded.rowsRead()).isEqualTo(3);
    assertThat(loaded.layer().features()).extracting(Feature::index).containsExactly(1L, 3L);
    assertThat(loaded.report().problems())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.code()).isEqualTo(ProblemCode.MISSING_GEOMETRY);
              assertThat(p.location()).isEqualTo("gaps.shp:record 2");
            });
  }

  @Test
  void bowTieIsRepairedAndReported() throws IOException {
    Path shp =
        new Shp(5)
            .parts(5, new double[] {0, 0, 0, 10, 10, 0, 10, 10, 0, 0})
            .write(dir.resolve("bowtie.shp"));
    withDbf(shp, 1);
    LoadedLayer loaded = read(shp);
    assertThat(loaded.report().problems(ProblemCode.GEOMETRY_REPAIRED))
        .anySatisfy(p -> assertThat(p.message()).containsIgnoringCase("self-intersection"));
    Geometry g = loaded.layer().features().get(0).geometry();
    assertThat(g.isValid()).isTrue();
    assertThat(g.getArea()).isEqualTo(50.0, within(1e-9));
  }

  @Test
  void holeOutsideEveryShellIsReadAsAShellAndReported() throws IOException {
    Path shp = new Shp(5).parts(5, square(0, 0, 10, false)).write(dir.resolve("ccw.shp"));
    withDbf(shp, 1);
    LoadedLayer loaded = read(shp);
    assertThat(loaded.layer().features().get(0).geometry().getArea()).isEqualTo(100.0);
    assertThat(loaded.report().problems(ProblemCode.GEOMETRY_REPAIRED))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("counter-clockwise"));
  }

  @Test
  void unclosedRingIsClosedAndReported() throws IOException {
    Path shp =
        new Shp(5)
            .parts(5, new double[] {0, 0, 0, 10, 10, 10, 10, 0})
            .write(dir.resolve("open.shp"));
    withDbf(shp, 1);
    LoadedLayer loaded = read(shp);
    assertThat(loaded.layer().features().get(0).geometry().getArea()).isEqualTo(100.0);
    assertThat(loaded.report().problems(ProblemCode.GEOMETRY_REPAIRED))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("not closed"));
  }

  @Test
  void unsupportedShapeTypeIsReported() throws IOException {
    Path shp = new Shp(31).raw(le(4).putInt(31).array()).write(dir.resolve("patch.shp"));
    withDbf(shp, 1);
    LoadedLayer loaded = read(shp);
    assertThat(loaded.layer().features()).isEmpty();
    assertThat(loaded.report().count(ProblemCode.UNSUPPORTED_GEOMETRY)).isEqualTo(1);
  }

  @Test
  void reprojectsToTheTargetCrs() throws IOException {
    Path shp = new Shp(1).point(1, 451000, 206000).write(dir.resolve("oxford.shp"));
    withDbf(shp, 1);
    LoadedLayer loaded =
        new ShapefileReader().read(shp, ReadOptions.defaults().withTargetEpsg(4326));
    Coordinate c = loaded.layer().features().get(0).geometry().getCoordinate();
    assertThat(loaded.layer().epsg()).isEqualTo(4326);
    assertThat(c.x).isBetween(-1.3, -1.2);
    assertThat(c.y).isBetween(51.7, 51.8);
    assertThat(loaded.sourceBbox().getMinX()).isEqualTo(451000);
  }

  // ---------------------------------------------------------------- broken files

  @Test
  void missingShxOrDbfNamesTheFile() throws IOException {
    Path shp = new Shp(1).point(1, 1, 1).write(dir.resolve("lonely.shp"));
    Files.delete(dir.resolve("lonely.shx"));
    assertThatThrownBy(() -> read(shp))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("lonely.shp")
        .hasMessageContaining(".shx");

    Path other = new Shp(1).point(1, 1, 1).write(dir.resolve("nodbf.shp"));
    Files.writeString(dir.resolve("nodbf.prj"), PRJ_27700);
    assertThatThrownBy(() -> read(other))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("nodbf.shp")
        .hasMessageContaining(".dbf");
  }

  @Test
  void missingPrjNeedsCrsOption() throws IOException {
    Path shp = new Shp(1).point(1, 451000, 206000).write(dir.resolve("noprj.shp"));
    withDbf(shp, 1);
    Files.delete(dir.resolve("noprj.prj"));
    assertThatThrownBy(() -> read(shp))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("noprj.shp")
        .hasMessageContaining("CRS is missing")
        .hasMessageContaining("--crs");
    LoadedLayer loaded =
        new ShapefileReader().read(shp, ReadOptions.defaults().withSourceEpsg(27700));
    assertThat(loaded.sourceEpsg()).isEqualTo(27700);
    assertThat(loaded.layer().size()).isEqualTo(1);
  }

  @Test
  void unknownPrjIsAnError() throws IOException {
    Path shp = new Shp(1).point(1, 1, 1).write(dir.resolve("odd.shp"));
    withDbf(shp, 1);
    Files.writeString(dir.resolve("odd.prj"), "PROJCS[\"Martian_Grid\",GEOGCS[\"GCS_Mars_2000\"]]");
    assertThatThrownBy(() -> read(shp))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("odd.prj")
        .hasMessageContaining("Martian_Grid");
  }

  @Test
  void prjThatDisagreesWithCrsOptionIsAnError() throws IOException {
    Path shp = new Shp(1).point(1, 1, 1).write(dir.resolve("both.shp"));
    withDbf(shp, 1);
    assertThatThrownBy(
            () -> new ShapefileReader().read(shp, ReadOptions.defaults().withSourceEpsg(4326)))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("EPSG:27700")
        .hasMessageContaining("EPSG:4326");
  }

  @Test
  void truncatedShpNamesTheRecord() throws IOException {
    Path shp =
        new Shp(5)
            .parts(5, square(0, 0, 1, true))
            .parts(5, square(5, 5, 1, true))
            .write(dir.resolve("cut.shp"));
    withDbf(shp, 2);
    byte[] bytes = Files.readAllBytes(shp);
    Files.write(shp, java.util.Arrays.copyOf(bytes, bytes.length - 20));
    assertThatThrownBy(() -> read(shp))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("cut.shp")
        .hasMessageContaining("truncated")
        .hasMessageContaining("record 2");
  }

  @Test
  void corruptRecordNamesTheRecord() throws IOException {
    ByteBuffer content =
        le(44 + 4 + 16)
            .putInt(5)
            .put(new byte[32])
            .putInt(1)
            .putInt(1000)
            .putInt(0)
            .putDouble(0)
            .putDouble(0);
    Path shp =
        new Shp(5)
            .parts(5, square(0, 0, 1, true))
            .raw(content.array())
            .write(dir.resolve("bad.shp"));
    withDbf(shp, 2);
    assertThatThrownBy(() -> read(shp))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("bad.shp")
        .hasMessageContaining("record 2 is corrupt")
        .hasMessageContaining("1000 points");
  }

  @Test
  void notAShapefileIsAnError() throws IOException {
    Path shp = new Shp(1).point(1, 1, 1).write(dir.resolve("fake.shp"));
    withDbf(shp, 1);
    byte[] bytes = Files.readAllBytes(shp);
    bytes[3] = 0;
    Files.write(shp, bytes);
    assertThatThrownBy(() -> read(shp))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("fake.shp")
        .hasMessageContaining("file code");
  }

  @Test
  void recordCountsOfShpAndDbfMustAgree() throws IOException {
    Path shp = new Shp(1).point(1, 1, 1).point(1, 2, 2).write(dir.resolve("apart.shp"));
    withDbf(shp, 3);
    assertThatThrownBy(() -> read(shp))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("apart.shp")
        .hasMessageContaining("2 records")
        .hasMessageContaining("3");
  }

  @Test
  void deletedDbfRecordIsSkippedAndReported() throws IOException {
    Path shp =
        new Shp(1).point(1, 1, 1).point(1, 2, 2).point(1, 3, 3).write(dir.resolve("del.shp"));
    Path dbf = withDbf(shp, 3);
    byte[] bytes = Files.readAllBytes(dbf);
    ByteBuffer header = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    int headerLength = header.getShort(8);
    int recordLength = header.getShort(10);
    bytes[headerLength + recordLength] = '*';
    Files.write(dbf, bytes);

    LoadedLayer loaded = read(shp);

    assertThat(loaded.layer().features()).extracting(Feature::index).containsExactly(1L, 3L);
    assertThat(loaded.layer().features())
        .extracting(f -> f.properties().get("ID"))
        .containsExactly(1L, 3L);
    assertThat(loaded.report().problems(ProblemCode.DELETED_RECORD))
        .singleElement()
        .satisfies(p -> assertThat(p.location()).isEqualTo("del.shp:record 2"));
  }

  // ---------------------------------------------------------------- attributes

  @Test
  void textIsLatin1WithoutCpgAndUtf8WithIt() throws IOException {
    Path latin = new Shp(1).point(1, 1, 1).write(dir.resolve("latin.shp"));
    writeDbf(
        dir.resolve("latin.dbf"),
        StandardCharsets.ISO_8859_1,
        new DBFField[] {text("NAME", 20)},
        new Object[] {"Ström"});
    assertThat(read(latin).layer().features().get(0).properties().get("NAME")).isEqualTo("Ström");

    Path utf = new Shp(1).point(1, 1, 1).write(dir.resolve("utf.shp"));
    writeDbf(
        dir.resolve("utf.dbf"),
        StandardCharsets.UTF_8,
        new DBFField[] {text("NAME", 20)},
        new Object[] {"Ström"});
    assertThat(read(utf).layer().features().get(0).properties().get("NAME")).isEqualTo("StrÃ¶m");
    Files.writeString(dir.resolve("utf.cpg"), "UTF-8");
    assertThat(read(utf).layer().features().get(0).properties().get("NAME")).isEqualTo("Ström");
    Files.writeString(dir.resolve("utf.cpg"), "UTF8\r\n");
    assertThat(read(utf).layer().features().get(0).properties().get("NAME")).isEqualTo("Ström");
  }

  @Test
  void unknownCpgIsAnError() throws IOException {
    Path shp = new Shp(1).point(1, 1, 1).write(dir.resolve("enc.shp"));
    withDbf(shp, 1);
    Files.writeString(dir.resolve("enc.cpg"), "KLINGON-1");
    assertThatThrownBy(() -> read(shp))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("enc.cpg")
        .hasMessageContaining("KLINGON-1");
  }

  @Test
  void typedAttributes() throws IOException {
    Path shp = new Shp(1).point(1, 1, 1).point(1, 2, 2).write(dir.resolve("typed.shp"));
    DBFField[] fields = {
      text("NAME", 10),
      new DBFField("COUNT", DBFDataType.NUMERIC, 10, 0),
      new DBFField("SHARE", DBFDataType.NUMERIC, 12, 4),
      new DBFField("RATE", DBFDataType.FLOATING_POINT, 12, 3),
      new DBFField("OPEN", DBFDataType.LOGICAL),
      new DBFField("SINCE", DBFDataType.DATE)
    };
    writeDbf(
        dir.resolve("typed.dbf"),
        StandardCharsets.ISO_8859_1,
        fields,
        new Object[] {"Banbury", 42, 0.125, 2.5, true, new GregorianCalendar(2024, 3, 1).getTime()},
        new Object[] {null, null, null, null, null, null});

    LoadedLayer loaded = read(shp);

    assertThat(loaded.layer().attributes())
        .containsExactly(
            Map.entry("NAME", AttributeType.STRING), Map.entry("COUNT", AttributeType.INTEGER),
            Map.entry("SHARE", AttributeType.REAL), Map.entry("RATE", AttributeType.REAL),
            Map.entry("OPEN", AttributeType.BOOLEAN), Map.entry("SINCE", AttributeType.DATE));
    Map<String, Object> first = loaded.layer().features().get(0).properties();
    assertThat(first)
        .containsExactly(
            Map.entry("NAME", "Banbury"),
            Map.entry("COUNT", 42L),
            Map.entry("SHARE", 0.125),
            Map.entry("RATE", 2.5),
            Map.entry("OPEN", true),
            Map.entry("SINCE", LocalDate.of(2024, 4, 1)));
    assertThat(loaded.layer().features().get(1).properties())
        .containsOnlyKeys(first.keySet())
        .allSatisfy((k, v) -> assertThat(v).isNull());
    assertThat(loaded.report().problems()).isEmpty();
  }

  // ---------------------------------------------------------------- real shapefiles

  @Test
  void subIcbShapefile() {
    Path shp = OpenData.require("boundaries/subicb_jul2022_bng_shp/subicb22.shp");
    LoadedLayer loaded = read(shp);
    printProblems(loaded);

    assertThat(loaded.layer().size()).isEqualTo(106);
    assertThat(loaded.rowsRead()).isEqualTo(106);
    assertThat(loaded.sourceEpsg()).isEqualTo(27700);
    assertThat(loaded.layer().features())
        .extracting(f -> f.properties().get("LOC22CD"))
        .contains("E38000136");
    assertThat(loaded.report().problems()).allMatch(p -> p.code() == ProblemCode.GEOMETRY_REPAIRED);
    assertAreasMatch(loaded, "Shape__Are");
  }

  @Test
  void icbShapefile() {
    Path shp = OpenData.require("boundaries/icb_jul2022_bng_shp/icb22.shp");
    LoadedLayer loaded = read(shp);
    printProblems(loaded);

    assertThat(loaded.layer().size()).isEqualTo(42);
    assertThat(loaded.layer().features())
        .extracting(f -> f.properties().get("ICB22CD"))
        .contains("E54000044");
    assertThat(loaded.report().problems()).allMatch(p -> p.code() == ProblemCode.GEOMETRY_REPAIRED);
    assertAreasMatch(loaded, "SHAPE_Area");
  }

  @Test
  void subIcbShapefileInLonLat() {
    Path shp = OpenData.require("boundaries/subicb_jul2022_bng_shp/subicb22.shp");
    LoadedLayer loaded =
        new ShapefileReader().read(shp, ReadOptions.defaults().withTargetEpsg(4326));
    assertThat(loaded.layer().size()).isEqualTo(106);
    Envelope all = new Envelope();
    loaded.layer().features().forEach(f -> all.expandToInclude(f.geometry().getEnvelopeInternal()));
    assertThat(all.getMinX()).isBetween(-6.5, -5.0);
    assertThat(all.getMaxX()).isBetween(1.5, 2.0);
    assertThat(all.getMinY()).isBetween(49.8, 50.1);
    assertThat(all.getMaxY()).isBetween(55.7, 55.9);
    Feature oxfordshire =
        loaded.layer().features().stream()
            .filter(f -> "E38000136".equals(f.properties().get("LOC22CD")))
            .findFirst()
            .orElseThrow();
    assertThat(oxfordshire.geometry().contains(point(-1.2577, 51.7520)))
        .as("Oxford Carfax is in sub-ICB 10Q")
        .isTrue();
  }

  private static void assertAreasMatch(LoadedLayer loaded, String areaField) {
    double worst = 0;
    for (Feature f : loaded.layer().features()) {
      double declared = (Double) f.properties().get(areaField);
      assertThat(f.geometry().getArea())
          .as("area of record %d", f.index())
          .isCloseTo(declared, within(declared * 0.001));
      worst = Math.max(worst, Math.abs(f.geometry().getArea() / declared - 1));
    }
    System.out.printf(
        "%s: largest relative difference from %s: %.2e%n",
        loaded.file().getFileName(), areaField, worst);
  }

  private static void printProblems(LoadedLayer loaded) {
    System.out.println(loaded.file().getFileName() + ": " + loaded.report().summary(20));
  }

  // ---------------------------------------------------------------- fixtures

  private static LoadedLayer read(Path shp) {
    return new ShapefileReader().read(shp, ReadOptions.defaults());
  }

  private static Point point(double x, double y) {
    return org.pcnatlas.geo.GeoUtils.point(x, y);
  }

  /** A closed axis-aligned square ring as x, y pairs, clockwise or counter-clockwise. */
  static double[] square(double x, double y, double size, boolean clockwise) {
    double[] ccw = {x, y, x + size, y, x + size, y + size, x, y + size, x, y};
    double[] cw = {x, y, x, y + size, x + size, y + size, x + size, y, x, y};
    return clockwise ? cw : ccw;
  }

  /**
   * A .dbf of {@code n} records with one integer field ID = 1..n, and the 27700 .prj, beside the
   * .shp.
   */
  private static Path withDbf(Path shp, int n) throws IOException {
    Path dbf = sibling(shp, "dbf");
    Object[][] rows = new Object[n][];
    for (int i = 0; i < n; i++) {
      rows[i] = new Object[] {i + 1};
    }
    writeDbf(
        dbf,
        StandardCharsets.ISO_8859_1,
        new DBFField[] {new DBFField("ID", DBFDataType.NUMERIC, 5, 0)},
        rows);
    return dbf;
  }

  private static DBFField text(String name, int width) {
    return new DBFField(name, DBFDataType.CHARACTER, width);
  }

  private static void writeDbf(Path dbf, Charset charset, DBFField[] fields, Object[]... rows)
      throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DBFWriter writer = new DBFWriter(out, charset)) {
      writer.setFields(fields);
      for (Object[] row : rows) {
        writer.addRecord(row);
      }
    }
    Files.write(dbf, out.toByteArray());
    Files.writeString(sibling(dbf, "prj"), PRJ_27700);
  }

  private static Path sibling(Path file, String extension) {
    String name = file.getFileName().toString();
    return file.resolveSibling(name.substring(0, name.lastIndexOf('.') + 1) + extension);
  }

  private static ByteBuffer le(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }

  /**
   * Hand-made .shp and .shx, byte by byte per the ESRI specification, so that odd records can be
   * written.
   */
  static final class Shp {
    private final int fileType;
    private final List<byte[]> records = new ArrayList<>();

    Shp(int fileType) {
      this.fileType = fileType;
    }

    Shp nullShape() {
      return raw(le(4).putInt(0).array());
    }

    /** Point (1), PointZ (11, with z and m) or PointM (21, with m). */
    Shp point(int type, double x, double y) {
      int extra = type == 11 ? 16 : type == 21 ? 8 : 0;
      ByteBuffer b = le(20 + extra).putInt(type).putDouble(x).putDouble(y);
      while (b.hasRemaining()) {
        b.putDouble(-99);
      }
      return raw(b.array());
    }

    /** MultiPoint (8), MultiPointZ (18) or MultiPointM (28) from x, y pairs. */
    Shp multiPoint(int type, double... xy) {
      int n = xy.length / 2;
      int extra = type == 18 ? 2 * (16 + 8 * n) : type == 28 ? 16 + 8 * n : 0;
      ByteBuffer b = le(40 + 16 * n + extra).putInt(type);
      box(b, xy);
      b.putInt(n);
      for (double v : xy) {
        b.putDouble(v);
      }
      while (b.hasRemaining()) {
        b.putDouble(-99);
      }
      return raw(b.array());
    }

    /**
     * PolyLine/Polygon (3, 5), their Z (13, 15, with z and m) and M (23, 25) variants, one x, y
     * array per part.
     */
    Shp parts(int type, double[]... parts) {
      int n = java.util.Arrays.stream(parts).mapToInt(p -> p.length / 2).sum();
      int extra = type > 20 ? 16 + 8 * n : type > 10 ? 2 * (16 + 8 * n) : 0;
      ByteBuffer b = le(44 + 4 * parts.length + 16 * n + extra).putInt(type);
      box(b, java.util.Arrays.stream(parts).flatMapToDouble(java.util.Arrays::stream).toArray());
      b.putInt(parts.length).putInt(n);
      int start = 0;
      for (double[] p : parts) {
        b.putInt(start);
        start += p.length / 2;
      }
      for (double[] p : parts) {
        for (double v : p) {
          b.putDouble(v);
        }
      }
      while (b.hasRemaining()) {
        b.putDouble(-99);
      }
      return raw(b.array());
    }

    Shp raw(byte[] content) {
      records.add(content);
      return this;
    }

    Path write(Path shp) throws IOException {
      int length = 100 + records.stream().mapToInt(r -> 8 + r.length).sum();
      ByteBuffer main = header(length);
      ByteBuffer index = header(100 + 8 * records.size());
      for (int i = 0; i < records.size(); i++) {
        byte[] r = records.get(i);
        index.order(ByteOrder.BIG_ENDIAN).putInt(main.position() / 2).putInt(r.length / 2);
        main.order(ByteOrder.BIG_ENDIAN).putInt(i + 1).putInt(r.length / 2).put(r);
      }
      Files.write(shp, main.array());
      Files.write(sibling(shp, "shx"), index.array());
      return shp;
    }

    private ByteBuffer header(int length) {
      ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
      b.putInt(9994).position(24);
      b.putInt(length / 2).order(ByteOrder.LITTLE_ENDIAN).putInt(1000).putInt(fileType);
      b.position(100);
      return b;
    }

    private static void box(ByteBuffer b, double[] xy) {
      Envelope e = new Envelope();
      for (int i = 0; i + 1 < xy.length; i += 2) {
        e.expandToInclude(xy[i], xy[i + 1]);
      }
      b.putDouble(e.getMinX()).putDouble(e.getMinY()).putDouble(e.getMaxX()).putDouble(e.getMaxY());
    }
  }
}
