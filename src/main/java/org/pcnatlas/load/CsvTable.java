package org.pcnatlas.load;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read as a table: a header row and data rows, UTF-8 with or without a byte-order mark,
 * RFC 4180 quoting (quoted fields may hold commas, quotes and line breaks). Rows are numbered as a
 * spreadsheet numbers them: the header is row 1, the first data row is row 2. A row whose field
 * count differs from the header's is reported as {@link ProblemCode#MALFORMED_ROW} and left out.
 */
public final class CsvTable {
  /**
   * One data row: its row number and its values by column name (blank fields are empty strings).
   */
  public record Row(long number, Map<String, String> values) {
    public String get(String column) {
      return values.get(column);
    }
  }

  private final Path file;
  private final List<String> header;
  private final List<Row> rows;
  private final long rowsRead;

  private CsvTable(Path file, List<String> header, List<Row> rows, long rowsRead) {
    this.file = file;
    this.header = List.copyOf(header);
    this.rows = List.copyOf(rows);
    this.rowsRead = rowsRead;
  }

  /**
   * Reads the whole file.
   *
   * @throws LoadException naming the file when it is empty, has a blank or repeated column name, or
   *     is not CSV
   */
  public static CsvTable read(Path file, LoadReport report) {
    CSVFormat format = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(false).get();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser = CSVParser.parse(in, format)) {
      List<String> header = null;
      List<Row> rows = new ArrayList<>();
      long read = 0;
      for (CSVRecord record : parser) {
        if (header == null) {
          header = header(file, record);
          continue;
        }
        if (record.size() == 1 && record.get(0).isBlank()) {
          continue; // a blank line, e.g. at the end of the file
        }
        read++;
        long number = record.getRecordNumber();
        if (record.size() != header.size()) {
          report.add(
              ProblemCode.MALFORMED_ROW,
              file.getFileName() + ":row " + number,
              record.size() + " fields where the header has " + header.size());
          continue;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
          values.put(header.get(i), record.get(i).strip());
        }
        rows.add(new Row(number, values));
      }
      if (header == null) {
        throw new LoadException(file, "empty file: no header row");
      }
      return new CsvTable(file, header, rows, read);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new LoadException(file, "not a readable CSV file: " + e.getMessage(), e);
    }
  }

  private static List<String> header(Path file, CSVRecord record) {
    List<String> header = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < record.size(); i++) {
      String name = record.get(i).strip();
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1).strip();
      }
      if (name.isEmpty()) {
        name = i == 0 ? "row_id" : "";
      }
      if (name.isEmpty()) {
        throw new LoadException(file, "column " + (i + 1) + " of the header has no name");
      }
      if (!seen.add(name)) {
        throw new LoadException(file, "column name '" + name + "' appears twice in the header");
      }
      header.add(name);
    }
    return header;
  }

  public Path file() {
    return file;
  }

  public List<String> header() {
    return header;
  }

  public List<Row> rows() {
    return rows;
  }

  /** Data rows in the file, including malformed ones that were left out. */
  public long rowsRead() {
    return rowsRead;
  }

  /** The column of that name, compared case-insensitively, as it is spelled in the header. */
  public Optional<String> column(String name) {
    return header.stream().filter(h -> h.equalsIgnoreCase(name)).findFirst();
  }

  /** The first of the names that is a column (case-insensitive), as spelled in the header. */
  public Optional<String> firstColumn(List<String> names) {
    for (String n : names) {
      Optional<String> c = column(n);
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /**
   * The column of that name, or a LoadException naming the file, the column and what the file has.
   */
  public String requireColumn(String name) {
    return column(name)
        .orElseThrow(
            () ->
                new LoadException(
                    file,
                    "no column '" + name + "' (columns are: " + String.join(", ", header) + ")"));
  }

  /** "file.csv:row 12". */
  public String location(Row row) {
    return file.getFileName() + ":row " + row.number();
  }

  /** A whole number of zero or more (people, patients) from a field, or -1 when it is not one. */
  public static long parseCount(String text) {
    if (text == null) {
      return -1;
    }
    try {
      return Math.max(-1, Long.parseLong(text.strip()));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
