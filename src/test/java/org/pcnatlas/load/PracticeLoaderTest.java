package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.config.ReadOptions;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.Practice;
import org.pcnatlas.testing.OpenData;

class PracticeLoaderTest {
  @TempDir Path dir;

  private static final PracticeLoader.Columns COLUMNS =
      new PracticeLoader.Columns("code", "name", "pcn", "pcn_name", "list");

  private LoadedLayer points(String csv) throws IOException {
    return new CsvPointReader()
        .read(Files.writeString(dir.resolve("practices.csv"), csv), ReadOptions.defaults());
  }

  @Test
  void reportsEveryPracticeProblemWithItsRow() throws IOException {
    LoadedLayer l =
        points(
            "code,name,pcn,pcn_name,list,easting,northing\n"
                + "A1,One,P1,First PCN,10000,450000,200000\n" // row 2
                + "A2,Two,P1,First PCN,,450500,200500\n" // row 3: no list size
                + "A1,One again,P2,Second PCN,5,450000,200000\n" // row 4: duplicate
                + ",Nameless,P1,First PCN,5,450000,200000\n" // row 5: no code
                + "A3,Three,,,7000,450100,200100\n" // row 6: no PCN
                + "A4,Far,P2,Second PCN,8000,300000,100000\n"); // row 7: outside the study area
    PracticeLoader.Result r =
        PracticeLoader.load(
            l, COLUMNS, null, null, GeoUtils.rectangle(440000, 190000, 460000, 210000));
    assertThat(r.practices()).extracting(Practice::code).containsExactly("A1", "A2", "A3", "A4");
    LoadReport rep = r.report();
    assertThat(rep.problems(ProblemCode.MISSING_LIST_SIZE))
        .extracting(Problem::location)
        .containsExactly("practices.csv:row 3");
    assertThat(rep.problems(ProblemCode.DUPLICATE_PRACTICE))
        .extracting(Problem::location)
        .containsExactly("practices.csv:row 4");
    assertThat(rep.problems(ProblemCode.DUPLICATE_PRACTICE).get(0).message())
        .contains("practices.csv:row 2");
    assertThat(rep.problems(ProblemCode.MISSING_CODE))
        .extracting(Problem::location)
        .containsExactly("practices.csv:row 5");
    assertThat(rep.problems(ProblemCode.UNKNOWN_PCN))
        .extracting(Problem::location)
        .containsExactly("practices.csv:row 6");
    assertThat(rep.problems(ProblemCode.OUTSIDE_STUDY_AREA))
        .extracting(Problem::location)
        .containsExactly("practices.csv:row 7");
    Practice a3 = r.practices().get(2);
    assertThat(a3.pcnCode()).isEqualTo(Practice.UNALLOCATED);
    assertThat(r.practices().get(3).insideStudyArea()).isFalse();
    assertThat(r.pcns()).extracting(Pcn::code).containsExactly("P1", "P2", "U");
    assertThat(r.pcns().get(0).registeredList()).isEqualTo(10000);
    assertThat(r.pcns().get(0).practiceCodes()).containsExactly("A1", "A2");
  }

  @Test
  void pcnMapAndListSizesAreJoined() throws IOException {
    LoadedLayer l =
        points(
            "code,name,pcn,pcn_name,list,easting,northing\nA1,One,,,,450000,200000\nA2,Two,,,,450000,200000\n");
    LoadReport report = new LoadReport();
    Map<String, PracticeLoader.PcnAssignment> map =
        PracticeLoader.readPcnMap(
            Files.writeString(
                dir.resolve("map.csv"),
                "PRACTICE_CODE,PCN_CODE,PCN_NAME\nA1,P9,Ninth PCN\nA1,P8,Dup\n,P1,x\n"),
            report);
    Map<String, Long> sizes =
        PracticeLoader.readListSizes(
            Files.writeString(
                dir.resolve("sizes.csv"),
                "CODE,SEX,AGE,NUMBER_OF_PATIENTS\nA1,ALL,ALL,4321\nA1,MALE,ALL,2000\nA2,ALL,ALL,many\nA3,ALL,ALL,-5\n"),
            report);
    assertThat(report.problems(ProblemCode.DUPLICATE_CODE))
        .extracting(Problem::location)
        .containsExactly("map.csv:row 3");
    assertThat(report.problems(ProblemCode.MISSING_CODE))
        .extracting(Problem::location)
        .containsExactly("map.csv:row 4");
    assertThat(report.problems(ProblemCode.UNPARSABLE_VALUE))
        .extracting(Problem::location)
        .containsExactly("sizes.csv:row 4", "sizes.csv:row 5");
    PracticeLoader.Result r = PracticeLoader.load(l, COLUMNS, map, sizes, null);
    assertThat(r.practices().get(0).pcnCode()).isEqualTo("P9");
    assertThat(r.practices().get(0).pcnName()).isEqualTo("Ninth PCN");
    assertThat(r.practices().get(0).listSize()).isEqualTo(4321L);
    assertThat(r.practices().get(1).pcnCode()).isEqualTo("U");
    assertThat(r.report().count(ProblemCode.UNKNOWN_PCN)).isEqualTo(1);
    assertThat(r.report().count(ProblemCode.MISSING_LIST_SIZE)).isEqualTo(1);
  }

  @Test
  void realOxfordshirePractices() {
    LoadedLayer l =
        new CsvPointReader()
            .read(
                OpenData.require("derived/practices_oxfordshire_joined.csv"),
                ReadOptions.defaults());
    PracticeLoader.Result r =
        PracticeLoader.load(
            l, PracticeLoader.Columns.of(CsvPreset.PRACTICES_JOINED), null, null, null);
    assertThat(r.practices()).hasSize(64);
    assertThat(r.pcns()).hasSize(22);
    assertThat(r.pcns().stream().filter(Pcn::unallocated).findFirst().orElseThrow().practiceCodes())
        .containsExactly("K84065");
    assertThat(r.pcns()).filteredOn(p -> !p.unallocated()).hasSize(21);
    assertThat(r.practices().stream().mapToLong(Practice::listSize).sum()).isEqualTo(825_993);
    Pcn bicester =
        r.pcns().stream().filter(p -> p.code().equals("U83604")).findFirst().orElseThrow();
    assertThat(bicester.registeredList()).isEqualTo(57_815);
    assertThat(r.report().isEmpty()).isTrue();
  }

  @Test
  void realOxfordshireListSizesJoinFromTheNhsTotalsFile() {
    LoadReport report = new LoadReport();
    Map<String, Long> sizes =
        PracticeLoader.readListSizes(
            OpenData.require(
                "gp_practices/nhsd_gp-reg-pat-prac-all_2026-04-01_oxfordshire_subset.csv"),
            report);
    assertThat(sizes).hasSize(64);
    assertThat(sizes.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(825_993);
    LoadedLayer l =
        new CsvPointReader()
            .read(
                OpenData.require("derived/practices_oxfordshire_joined.csv"),
                ReadOptions.defaults());
    PracticeLoader.Columns noListColumn =
        new PracticeLoader.Columns("PRACTICE_CODE", "PRACTICE_NAME", "PCN_CODE", "PCN_NAME", null);
    PracticeLoader.Result r = PracticeLoader.load(l, noListColumn, null, sizes, null);
    assertThat(r.practices()).allSatisfy(p -> assertThat(p.listSize()).isNotNull());
  }

  @Test
  void realEnglandPracticesWithTheNhsMapAndOldListSizes() {
    LoadedLayer l =
        new CsvPointReader()
            .read(
                OpenData.require("gp_practices/swahsn_practice_pcn_geocoded_lookup_2024-01.csv"),
                ReadOptions.defaults());
    LoadReport report = new LoadReport();
    Map<String, PracticeLoader.PcnAssignment> map =
        PracticeLoader.readPcnMap(
            OpenData.require("gp_practices/nhsd_gp-reg-pat-prac-map_2025-10-01.csv"), report);
    Map<String, Long> sizes =
        PracticeLoader.readListSizes(
            OpenData.require("gp_practices/nhsd_gp-reg-pat-prac-all_2021-01-01_england.csv"),
            report);
    assertThat(report.isEmpty()).isTrue();
    assertThat(map).hasSize(6202);
    PracticeLoader.Result r =
        PracticeLoader.load(
            l, PracticeLoader.Columns.of(CsvPreset.SWAHSN_PRACTICE_LOOKUP), map, sizes, null);
    assertThat(r.practices()).hasSize(6325);
    // practices in the 2024 lookup that the 2025 map no longer has are reported, not dropped
    int unknown = r.report().count(ProblemCode.UNKNOWN_PCN);
    assertThat(unknown).isPositive();
    assertThat(r.practices().stream().filter(Practice::unallocated).count())
        .isGreaterThanOrEqualTo(unknown);
    assertThat(r.pcns().size()).isBetween(1200, 1300);
  }
}
