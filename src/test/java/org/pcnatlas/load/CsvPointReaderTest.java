package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.config.CsvColumns;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.model.AttributeType;
import org.pcnatlas.model.Feature;
import org.pcnatlas.testing.OpenData;

class CsvPointReaderTest {
  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
  }

  private static LoadedLayer read(Path f) {
    return new CsvPointReader().read(f, ReadOptions.defaults());
  }

  @Test
  void latLonWithBomAndQuotedFields() throws IOException {
    Path f =
        write(
            "p.csv",
            "\uFEFFcode,name,lat,lon,list\n"
                + "A1,\"Surgery, The \"\"Old\"\" One\",51.750381298,-1.262627402,1200\n"
                + "A2,\"Two\nLines\",51.6,-1.5,900\n");
    LoadedLayer l = read(f);
    assertThat(l.sourceEpsg()).isEqualTo(4326);
    assertThat(l.layer().attributes()).containsOnlyKeys("code", "name", "list");
    assertThat(l.layer().attributes().get("list")).isEqualTo(AttributeType.INTEGER);
    Feature a1 = l.layer().features().get(0);
    assertThat(a1.properties())
        .containsEntry("code", "A1")
        .containsEntry("name", "Surgery, The \"Old\" One")
        .containsEntry("list", 1200L);
    assertThat(a1.geometry().getCoordinate().x).isCloseTo(451000, within(0.5));
    assertThat(l.layer().features().get(1).properties().get("name")).isEqualTo("Two\nLines");
    assertThat(l.layer().features().get(1).index()).isEqualTo(3);
    assertThat(l.report().isEmpty()).isTrue();
  }

  @Test
  void eastingNorthingAreBritishNationalGrid() throws IOException {
    LoadedLayer l = read(write("en.csv", "id,Easting,Northing\nX,451000.5,206000.25\n"));
    assertThat(l.sourceEpsg()).isEqualTo(27700);
    assertThat(l.layer().features().get(0).geometry().getCoordinate().x).isEqualTo(451000.5);
    assertThat(l.sourceBbox().getMinY()).isEqualTo(206000.25);
  }

  @Test
  void plainXyNeedsTheCrsOption() throws IOException {
    Path f = write("xy.csv", "id,x,y\nX,451000,206000\n");
    assertThatThrownBy(() -> read(f))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("xy.csv")
        .hasMessageContaining("--crs");
    LoadedLayer l = new CsvPointReader().read(f, ReadOptions.defaults().withSourceEpsg(27700));
    assertThat(l.layer().size()).isEqualTo(1);
  }

  @Test
  void explicitColumnsWin() throws IOException {
    Path f = write("odd.csv", "k,wgs_y,wgs_x\nA,51.75,-1.26\n");
    LoadedLayer l =
        new CsvPointReader()
            .read(
                f,
                ReadOptions.defaults()
                    .withColumns(CsvColumns.lonLat("wgs_x", "wgs_y").withId("k")));
    assertThat(l.layer().features().get(0).id()).isEqualTo("A");
    assertThat(l.sourceEpsg()).isEqualTo(4326);
    assertThatThrownBy(
            () ->
                new CsvPointReader()
                    .read(
                        f, ReadOptions.defaults().withColumns(CsvColumns.lonLat("nope", "wgs_y"))))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("no column 'nope'")
        .hasMessageContaining("odd.csv");
  }

  @Test
  void noCoordinateColumnsIsAnErrorListingTheColumns() throws IOException {
    Path f = write("plain.csv", "PRACTICE_CODE,PCN_CODE\nK1,U1\n");
    assertThatThrownBy(() -> read(f))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("plain.csv")
        .hasMessageContaining("PRACTICE_CODE, PCN_CODE");
  }

  @Test
  void badRowsAreReportedByRowNumber() throws IOException {
    Path f =
        write(
            "bad.csv",
            "code,lat,lon\n"
                + "OK,51.7,-1.2\n" // row 2
                + "MISS,,-1.2\n" // row 3
                + "TEXT,north,-1.2\n" // row 4
                + "SHORT,51.7\n" // row 5
                + "SWAP,-1.2,51.7\n" // row 6: latitude and longitude swapped
                + "NAN,NaN,-1.2\n"); // row 7
    LoadedLayer l = read(f);
    assertThat(l.rowsRead()).isEqualTo(6);
    assertThat(l.layer().features())
        .extracting(x -> x.properties().get("code"))
        .containsExactly("OK");
    LoadReport r = l.report();
    assertThat(r.problems(ProblemCode.MISSING_COORDINATES))
        .extracting(Problem::location)
        .containsExactly("bad.csv:row 3");
    assertThat(r.problems(ProblemCode.UNPARSABLE_COORDINATES))
        .extracting(Problem::location)
        .containsExactly("bad.csv:row 4", "bad.csv:row 6", "bad.csv:row 7");
    assertThat(r.problems(ProblemCode.MALFORMED_ROW))
        .extracting(Problem::location)
        .containsExactly("bad.csv:row 5");
    assertThat(r.problems(ProblemCode.UNPARSABLE_COORDINATES).get(0).message())
        .contains("'north'")
        .contains("lat");
  }

  @Test
  void emptyFileAndRepeatedColumnsAreErrors() throws IOException {
    assertThatThrownBy(() -> read(write("empty.csv", "")))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("empty.csv")
        .hasMessageContaining("no header");
    assertThatThrownBy(() -> read(write("twice.csv", "lat,lon,lat\n1,2,3\n")))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("twice");
    assertThatThrownBy(() -> read(write("quote.csv", "lat,lon\n\"51.7,-1.2\n")))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("quote.csv");
  }

  @Test
  void codesWithLeadingZerosStayText() throws IOException {
    LoadedLayer l =
        read(write("z.csv", "code,n,r,lat,lon\n007,1,1.5,51.7,-1.2\n010,2,2,51.7,-1.2\n"));
    assertThat(l.layer().attributes())
        .containsEntry("code", AttributeType.STRING)
        .containsEntry("n", AttributeType.INTEGER)
        .containsEntry("r", AttributeType.REAL);
    assertThat(l.layer().features().get(0).properties().get("code")).isEqualTo("007");
    assertThat(l.layer().features().get(1).properties().get("r")).isEqualTo(2.0);
  }

  @Test
  void realOxfordshireJoinedPracticesPreset() {
    LoadedLayer l = read(OpenData.require("derived/practices_oxfordshire_joined.csv"));
    assertThat(l.layer().size()).isEqualTo(64);
    assertThat(l.sourceEpsg()).isEqualTo(4326);
    assertThat(l.report().isEmpty()).isTrue();
    assertThat(l.layer().features().get(0).id()).isEqualTo("K84001");
    // Oxfordshire lies between eastings 415 and 490 km
    assertThat(l.layer().features())
        .allSatisfy(
            f -> assertThat(f.geometry().getCoordinate().x).isBetween(415_000.0, 490_000.0));
  }

  @Test
  void realSwAhsnEnglandPracticesPreset() {
    LoadedLayer l =
        read(OpenData.require("gp_practices/swahsn_practice_pcn_geocoded_lookup_2024-01.csv"));
    assertThat(l.layer().size()).isEqualTo(6325);
    assertThat(l.report().isEmpty()).isTrue();
    assertThat(l.layer().attributes()).containsKeys("PRAC_NAME", "PCN_CODE", "row_id");
  }

  @Test
  void realOnsLsoaCentroidsWithBomAndXy() {
    LoadedLayer l = read(OpenData.require("lsoa/lsoa21_pwc_ew_bng.csv"));
    assertThat(l.sourceEpsg()).isEqualTo(27700);
    assertThat(l.layer().size()).isEqualTo(35_672);
    assertThat(l.layer().features().get(0).id()).isEqualTo("E01000001");
  }

  @Test
  void aLargeFileReadInChunksKeepsRowOrderTypesAndReport() throws IOException {
    StringBuilder csv = new StringBuilder("code,n,v,label,easting,northing\n");
    int rows = 50_000;
    for (int i = 0; i < rows; i++) {
      String v = i == rows - 1 ? "2.5" : Integer.toString(i); // one real, in the last chunk
      String label = i == 20_000 ? "x1" : Integer.toString(i % 7); // one text, in a middle chunk
      String easting =
          i % 9_999 == 5 ? "" : i % 12_345 == 7 ? "east" : Integer.toString(400_000 + i);
      csv.append("C")
          .append(i)
          .append(',')
          .append(i)
          .append(',')
          .append(v)
          .append(',')
          .append(label)
          .append(',')
          .append(easting)
          .append(',')
          .append(200_000 + i % 1000)
          .append('\n');
    }
    LoadedLayer l = read(write("big.csv", csv.toString()));
    assertThat(l.layer().attributes())
        .containsEntry("n", AttributeType.INTEGER)
        .containsEntry("v", AttributeType.REAL)
        .containsEntry("label", AttributeType.STRING);
    long previous = 0;
    for (Feature f : l.layer().features()) {
      assertThat(f.index()).isGreaterThan(previous);
      previous = f.index();
      assertThat(f.properties().get("code")).isEqualTo("C" + (f.index() - 2));
    }
    java.util.List<String> expected = new java.util.ArrayList<>();
    for (int i = 0; i < rows; i++) {
      if (i % 9_999 == 5 || i % 12_345 == 7) {
        expected.add("big.csv:row " + (i + 2));
      }
    }
    assertThat(l.report().problems()).extracting(Problem::location).isEqualTo(expected);
    assertThat(l.layer().size() + expected.size()).isEqualTo(rows);
    assertThat(l.sourceBbox().getMaxX()).isEqualTo(400_000 + rows - 1);
  }
}
