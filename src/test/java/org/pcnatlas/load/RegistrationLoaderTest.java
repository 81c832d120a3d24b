package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.model.Registration;

class RegistrationLoaderTest {
  @TempDir Path dir;

  private static final String HEADER =
      "PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\n";

  private Path file(String text) throws IOException {
    return Files.writeString(dir.resolve("gp-reg-pat-prac-lsoa-all.csv"), text);
  }

  private static List<String> locations(LoadReport report, ProblemCode code) {
    return report.problems(code).stream().map(Problem::location).toList();
  }

  @Test
  void reportsEveryBadRowWithItsRowNumber() throws IOException {
    LoadReport report = new LoadReport();
    List<Registration> rs =
        RegistrationLoader.read(
            file(
                HEADER
                    + "GP,01Nov2026,A1,One,E01000001,ALL,10\n" // row 2: kept
                    + "GP,01Nov2026,,One,E01000002,ALL,3\n" // row 3: no practice
                    + "GP,01Nov2026,A1,One,,ALL,3\n" // row 4: no LSOA
                    + "GP,01Nov2026,A1,One,E01000003,ALL,many\n" // row 5: not a number
                    + "GP,01Nov2026,A1,One,E01000004,ALL,-2\n" // row 6: negative
                    + "GP,01Nov2026,A1,One,E01000005,ALL,1.5\n" // row 7: not whole
                    + "GP,01Nov2026,A1,One,E01000001,ALL,11\n" // row 8: repeats row 2
                    + "GP,01Nov2026,A2,Two,E01000001,ALL,0\n" // row 9: zero, kept
                    + "GP,01Nov2026,A2,Two,E01000001\n"), // row 10: malformed
            report);

    assertThat(rs)
        .containsExactly(
            new Registration("A1", "E01000001", 10), new Registration("A2", "E01000001", 0));
    assertThat(locations(report, ProblemCode.MISSING_CODE))
        .containsExactly(
            "gp-reg-pat-prac-lsoa-all.csv:row 3", "gp-reg-pat-prac-lsoa-all.csv:row 4");
    assertThat(report.problems(ProblemCode.MISSING_CODE).get(1).message())
        .contains("LSOA_CODE", "A1");
    assertThat(locations(report, ProblemCode.UNPARSABLE_VALUE))
        .containsExactly(
            "gp-reg-pat-prac-lsoa-all.csv:row 5",
            "gp-reg-pat-prac-lsoa-all.csv:row 6",
            "gp-reg-pat-prac-lsoa-all.csv:row 7");
    assertThat(report.problems(ProblemCode.UNPARSABLE_VALUE).get(0).message())
        .contains("'many'", "A1", "E01000003");
    assertThat(locations(report, ProblemCode.DUPLICATE_CODE))
        .containsExactly("gp-reg-pat-prac-lsoa-all.csv:row 8");
    assertThat(report.problems(ProblemCode.DUPLICATE_CODE).get(0).message())
        .contains("A1", "E01000001", "row 2");
    assertThat(locations(report, ProblemCode.MALFORMED_ROW))
        .containsExactly("gp-reg-pat-prac-lsoa-all.csv:row 10");
    assertThat(report.problems()).hasSize(7);
  }

  @Test
  void onlyAllPersonsRowsCountWhenTheFileHasSex() throws IOException {
    LoadReport report = new LoadReport();
    List<Registration> rs =
        RegistrationLoader.read(
            file(
                HEADER
                    + "GP,d,A1,One,E01000001,MALE,6\n"
                    + "GP,d,A1,One,E01000001,ALL,10\n"
                    + "GP,d,A1,One,E01000001,FEMALE,4\n"
                    + "GP,d,A1,One,E01000002,all,3\n"),
            report);

    assertThat(rs)
        .containsExactly(
            new Registration("A1", "E01000001", 10), new Registration("A1", "E01000002", 3));
    assertThat(report.isEmpty()).isTrue();
  }

  @Test
  void maleFemaleFileWithoutAllRowsIsAnError() throws IOException {
    Path f = file(HEADER + "GP,d,A1,One,E01000001,MALE,6\nGP,d,A1,One,E01000001,FEMALE,4\n");

    assertThatThrownBy(() -> RegistrationLoader.read(f, new LoadReport()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("gp-reg-pat-prac-lsoa-all.csv")
        .hasMessageContaining("ALL");
  }

  @Test
  void headerWithByteOrderMarkAnyCaseAndNoSexColumn() throws IOException {
    LoadReport report = new LoadReport();
    List<Registration> rs =
        RegistrationLoader.read(
            file("\uFEFFpractice_code,Lsoa_Code,number_of_patients\nA1,E01000001,7\n"), report);

    assertThat(rs).containsExactly(new Registration("A1", "E01000001", 7));
    assertThat(report.isEmpty()).isTrue();
  }

  @Test
  void missingColumnNamesTheFileAndColumn() throws IOException {
    Path f = file("PRACTICE_CODE,NUMBER_OF_PATIENTS\nA1,7\n");

    assertThatThrownBy(() -> RegistrationLoader.read(f, new LoadReport()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("gp-reg-pat-prac-lsoa-all.csv")
        .hasMessageContaining("LSOA_CODE");
  }

  @Test
  void demoCountyRegistrations() {
    LoadReport report = new LoadReport();
    List<Registration> rs =
        RegistrationLoader.read(Path.of("geodata/demo/registrations.csv"), report);

    assertThat(report.isEmpty()).isTrue();
    assertThat(rs).hasSize(8541);
    assertThat(rs.stream().mapToLong(Registration::patients).sum()).isEqualTo(711_845);
  }
}
