package org.pcnatlas.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcnatlas.load.CsvTable;
import org.pcnatlas.load.LoadReport;

class CsvWriterTest {
  @TempDir Path dir;

  @Test
  void valuesThatNeedQuotingReadBackUnchanged() throws Exception {
    Path f = dir.resolve("t.csv");
    List<String> tricky = Arrays.asList("plain", "a, b", "say \"hi\"", "two\nlines", null);
    CsvWriter.write(f, List.of("c1", "c2", "c3", "c4", "c5"), List.of(tricky));
    assertThat(Files.readString(f))
        .isEqualTo("c1,c2,c3,c4,c5\nplain,\"a, b\",\"say \"\"hi\"\"\",\"two\nlines\",\n");
    LoadReport report = new LoadReport();
    CsvTable t = CsvTable.read(f, report);
    assertThat(report.isEmpty()).isTrue();
    assertThat(t.rows().get(0).values().values())
        .containsExactly("plain", "a, b", "say \"hi\"", "two\nlines", "");
  }

  @Test
  void aTableOfRowsWritesListsJoinedBySemicolonsAndNullsEmpty() {
    java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
    row.put("code", "E1");
    row.put("pcns", List.of("U1", "U2"));
    row.put("share", 0.5);
    row.put("none", null);
    assertThat(CsvWriter.table(List.of("code", "pcns", "share", "none"), List.of(row)))
        .isEqualTo("code,pcns,share,none\nE1,U1;U2,0.5,\n");
    assertThat(CsvWriter.text(List.of())).isEmpty();
  }

  @Test
  void numbersAreFixedPointWithoutTrailingZeros() {
    assertThat(CsvWriter.number(454418.0, 3)).isEqualTo("454418");
    assertThat(CsvWriter.number(454418.12345, 3)).isEqualTo("454418.123");
    assertThat(CsvWriter.number(1e9, 3)).isEqualTo("1000000000");
  }
}
