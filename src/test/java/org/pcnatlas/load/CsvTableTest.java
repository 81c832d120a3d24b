package org.pcnatlas.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-pass reading of plain CSV files against Commons CSV ({@link
 * CsvTable#readWithCommonsCsv}): the same header, rows, row numbers, report and errors.
 */
class CsvTableTest {
  @TempDir Path dir;

  private Path write(String text) throws IOException {
    return Files.write(dir.resolve("t.csv"), text.getBytes(StandardCharsets.UTF_8));
  }

  /** Reads the file both ways and checks they agree; the table, or null when both failed. */
  private static CsvTable agree(Path file) {
    LoadReport commonsReport = new LoadReport();
    Throwable commonsError = catchThrowable(() -> CsvTable.readWithCommonsCsv(file, commonsReport));
    if (commonsError != null) {
      assertThatThrownBy(() -> CsvTable.read(file, new LoadReport()))
          .isInstanceOf(commonsError.getClass())
          .hasMessage(commonsError.getMessage());
      return null;
    }
    LoadReport report = new LoadReport();
    CsvTable plain = CsvTable.read(file, report);
    CsvTable commons = CsvTable.readWithCommonsCsv(file, new LoadReport());
    assertThat(report.problems()).isEqualTo(commonsReport.problems());
    assertThat(plain.header()).isEqualTo(commons.header());
    assertThat(plain.rowsRead()).isEqualTo(commons.rowsRead());
    assertThat(rows(plain)).isEqualTo(rows(commons));
    return plain;
  }

  private static List<String> rows(CsvTable t) {
    List<String> out = new ArrayList<>();
    for (CsvTable.Row r : t.rows()) {
      out.add(r.number() + " " + new LinkedHashMap<>(r.values()));
    }
    return out;
  }

  private CsvTable agree(String text) throws IOException {
    return agree(write(text));
  }

  @Test
  void quotingBlankLinesAndMalformedRowsAsCommonsCsvReadsThem() throws IOException {
    CsvTable t = agree("\uFEFFa,b,c\r\n1,\"x, \"\"quoted\"\"\",3\r\n4,5\r\n\r\n6,7,8\n");
    assertThat(t.header()).containsExactly("a", "b", "c");
    assertThat(t.rows()).hasSize(2);
    assertThat(t.rows().get(0).values().values()).containsExactly("1", "x, \"quoted\"", "3");
    assertThat(t.rows().get(1).number()).isEqualTo(5);
    assertThat(t.location(t.rows().get(1))).isEqualTo("t.csv:row 5");
    assertThat(t.rows().get(1).values()).isEqualTo(Map.of("a", "6", "b", "7", "c", "8"));
    assertThatThrownBy(() -> t.requireColumn("d"))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("no column 'd'")
        .hasMessageContaining("a, b, c");
  }

  @Test
  void plainFilesAgreeWithCommonsCsv() throws IOException {
    String[] texts = {
      "a,b\n1,2\n",
      "a,b\n1,2",
      "a,b\n1,\n",
      "a,b\n1,",
      "a,b\n,\n",
      "a,b\n\n\n1,2\n\n",
      "a,b\r\n1,2\r\n",
      "a,b\n\"1\",\"2\"",
      "a,b\n\"\",\"\"\n",
      "a,b\n\"line\nbreak\",\"cr\r\nlf\"\n",
      "a,b\n\"a,b\",\"say \"\"hi\"\"\"\n",
      "a,b\n  padded  ,\t2\t\n",
      "a,b\n1,2,3\n4\n5,6\n",
      " a , b ,,\n1,2,3,4\n",
      ",b\n1,2\n",
      "a,a\n1,2\n",
      "\n",
      "",
      "\uFEFF",
      "a\n   \n1\n",
      "é,ü\nçà,日本\n",
      "a,b\n\u2003 x\u2003,\u00a0y\u00a0\n\" \"\"q\"\" \",\"\u2003\"\n",
      "a,b\n\"\"\"\"\"\",\" \"\n\"  \"\n",
    };
    for (String text : texts) {
      agree(text);
    }
  }

  @Test
  void whatIsNotPlainCommonsCsvReads() throws IOException {
    String[] texts = {
      "a,b\n1\"2,3\n",
      "a,b\n\"1\"2,3\n",
      "a,b\n\"1\" ,2\n",
      "a,b\n\"unterminated,2\n",
      "a,b\r1,2\r",
      "a,b\n1,2\r3,4\n",
      "\uFEFF\"a\",b\n1,2\n",
    };
    for (String text : texts) {
      assertThat(PlainCsv.split(text)).as(text).isNull();
      agree(text);
    }
    Path latin1 =
        Files.write(
            dir.resolve("latin1.csv"), "a,b\n\u00e9,1\n".getBytes(StandardCharsets.ISO_8859_1));
    // before any parser: the text check names the line and the way out (TextCheckTest)
    assertThatThrownBy(() -> CsvTable.read(latin1, new LoadReport()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("line 2 is not UTF-8 (byte 0xE9)");
    assertThatThrownBy(() -> CsvTable.read(dir.resolve("missing.csv"), new LoadReport()))
        .isInstanceOf(LoadException.class)
        .hasMessageContaining("missing.csv");
  }

  @Test
  void seededRandomTablesAgree() throws IOException {
    SplittableRandom random = new SplittableRandom(11);
    String alphabet = "ab ,\"\n\r\u00e9";
    for (int k = 0; k < 300; k++) {
      StringBuilder sb = new StringBuilder("x,y,z\n");
      int rows = random.nextInt(6);
      for (int r = 0; r < rows; r++) {
        int fields = 2 + random.nextInt(3);
        for (int f = 0; f < fields; f++) {
          if (f > 0) {
            sb.append(',');
          }
          StringBuilder v = new StringBuilder();
          int len = random.nextInt(5);
          for (int i = 0; i < len; i++) {
            v.append(alphabet.charAt(random.nextInt(alphabet.length())));
          }
          if (random.nextBoolean()) {
            sb.append('"').append(v.toString().replace("\"", "\"\"")).append('"');
          } else {
            sb.append(
                v.toString()
                    .replace("\"", "")
                    .replace(",", "")
                    .replace("\n", "")
                    .replace("\r", ""));
          }
        }
        sb.append(random.nextInt(4) == 0 ? "\r\n" : "\n");
      }
      agree(sb.toString());
    }
  }
}
