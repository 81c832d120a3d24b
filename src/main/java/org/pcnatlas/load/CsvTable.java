package org.pcnatlas.load;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A CSV file read as a table: a header row and data rows, UTF-8 with or without a byte-order mark,
 * RFC 4180 quoting (quoted fields may hold commas, quotes and line breaks). Rows are numbered as a
 * spreadsheet numbers them: the header is row 1, the first data row is row 2. A row whose field
 * count differs from the header's is reported as {@link ProblemCode#MALFORMED_ROW} and left out.
 *
 * <p>A file in the plain form of nearly every CSV file (each field either unquoted, with no quote
 * or lone carriage return in it, or wholly quoted; lines ending in LF or CRLF) is split in one pass
 * over its text; anything else (a quote inside an unquoted field, text after a closing quote, an
 * unterminated quote, a lone CR, a file that is not UTF-8) is read by Commons CSV, whose reading
 * and error messages decide such files. The two split plain files into the same records.
 */
public final class CsvTable {
  /**
   * One data row: its row number and its values by column name (blank fields are empty strings), in
   * header order; the map is a read-only view of the row's fields.
   */
  public record Row(long number, Map<String, String> values) {
    public String get(String column) {
      return values.get(column);
    }
  }

  private final Path file;
  private final Columns header;
  private final String[][] values;
  private final long[] numbers;
  private final long rowsRead;

  /** The rows as views made when asked for: a table of 340,000 rows keeps only their fields. */
  private final List<Row> rows =
      new RowList() {
        @Override
        public Row get(int i) {
          return new Row(numbers[i], new RowValues(header, values[i]));
        }

        @Override
        public int size() {
          return values.length;
        }
      };

  private abstract static class RowList extends AbstractList<Row> implements RandomAccess {}

  private CsvTable(Path file, Columns header, String[][] values, long[] numbers, long rowsRead) {
    this.file = file;
    this.header = header;
    this.values = values;
    this.numbers = numbers;
    this.rowsRead = rowsRead;
  }

  /**
   * Reads the whole file.
   *
   * @throws LoadException naming the file when it is empty, has a blank or repeated column name, or
   *     is not CSV
   */
  public static CsvTable read(Path file, LoadReport report) {
    List<String[]> plain = null;
    try {
      plain = PlainCsv.records(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      // not readable as UTF-8 text: Commons CSV says why
    }
    if (plain != null) {
      List<String[]> records = plain;
      return table(
          file,
          new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
              return next < records.size();
            }

            @Override
            public Numbered next() {
              next++;
              return new Numbered(records.get(next - 1), next);
            }
          },
          report);
    }
    return readWithCommonsCsv(file, report);
  }

  /** The file read by Commons CSV: the reference for plain files, the reader of all others. */
  static CsvTable readWithCommonsCsv(Path file, LoadReport report) {
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        CSVParser parser =
            CSVParser.parse(
                in, CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(false).get())) {
      Iterator<CSVRecord> records = parser.iterator();
      return table(
          file,
          new Iterator<>() {
            @Override
            public boolean hasNext() {
              return records.hasNext();
            }

            @Override
            public Numbered next() {
              CSVRecord r = records.next();
              return new Numbered(r.values(), r.getRecordNumber());
            }
          },
          report);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new LoadException(file, "not a readable CSV file: " + e.getMessage(), e);
    }
  }

  /** One record's fields and its number in the file (the header is record 1). */
  private record Numbered(String[] fields, long number) {}

  private static CsvTable table(Path file, Iterator<Numbered> records, LoadReport report) {
    Columns header = null;
    List<String[]> values = new ArrayList<>();
    long[] numbers = new long[16];
    long read = 0;
    while (records.hasNext()) {
      Numbered record = records.next();
      String[] fields = record.fields();
      if (header == null) {
        header = new Columns(header(file, fields));
        continue;
      }
      if (fields.length == 1 && fields[0].isBlank()) {
        continue; // a blank line, e.g. at the end of the file
      }
      read++;
      long number = record.number();
      if (fields.length != header.names().size()) {
        report.add(
            ProblemCode.MALFORMED_ROW,
            file.getFileName() + ":row " + number,
            fields.length + " fields where the header has " + header.names().size());
        continue;
      }
      for (int i = 0; i < fields.length; i++) {
        fields[i] = fields[i].strip(); // the record's own array, used by nothing else
      }
      if (values.size() == numbers.length) {
        numbers = Arrays.copyOf(numbers, 2 * numbers.length);
      }
      numbers[values.size()] = number;
      values.add(fields);
    }
    if (header == null) {
      throw new LoadException(file, "empty file: no header row");
    }
    return new CsvTable(
        file, header, values.toArray(new String[0][]), Arrays.copyOf(numbers, values.size()), read);
  }

  /** The header's column names and where each is in a row. */
  private record Columns(List<String> names, Map<String, Integer> index) {
    Columns(List<String> names) {
      this(List.copyOf(names), indexOf(names));
    }

    private static Map<String, Integer> indexOf(List<String> names) {
      Map<String, Integer> index = new HashMap<>();
      for (int i = 0; i < names.size(); i++) {
        index.put(names.get(i), i);
      }
      return index;
    }
  }

  /** A row's values by column name, in header order: a read-only view of its fields. */
  private static final class RowValues extends AbstractMap<String, String> {
    private final Columns columns;
    private final String[] values;

    RowValues(Columns columns, String[] values) {
      this.columns = columns;
      this.values = values;
    }

    @Override
    public String get(Object column) {
      Integer i = columns.index().get(column);
      return i == null ? null : values[i];
    }

    @Override
    public boolean containsKey(Object column) {
      return columns.index().containsKey(column);
    }

    @Override
    public int size() {
      return values.length;
    }

    @Override
    public Set<Map.Entry<String, String>> entrySet() {
      return new AbstractSet<>() {
        @Override
        public Iterator<Map.Entry<String, String>> iterator() {
          return new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
              return next < values.length;
            }

            @Override
            public Map.Entry<String, String> next() {
              if (next >= values.length) {
                throw new java.util.NoSuchElementException();
              }
              next++;
              return new SimpleImmutableEntry<>(columns.names().get(next - 1), values[next - 1]);
            }
          };
        }

        @Override
        public int size() {
          return values.length;
        }
      };
    }
  }

  private static List<String> header(Path file, String[] record) {
    List<String> header = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < record.length; i++) {
      String name = record[i].strip();
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
    return header.names();
  }

  public List<Row> rows() {
    return rows;
  }

  /** The number of rows, for a reader walking them by index without a {@link Row} each. */
  int size() {
    return values.length;
  }

  /** The row number of the row at this index. */
  long number(int row) {
    return numbers[row];
  }

  /** The value of a column (by its index in the header) in the row at this index. */
  String value(int row, int column) {
    return values[row][column];
  }

  /** The index in the header of a column spelled as the header spells it. */
  int columnIndex(String column) {
    Integer i = header.index().get(column);
    if (i == null) {
      throw new IllegalArgumentException("no column " + column + " in " + header.names());
    }
    return i;
  }

  /** "file.csv:row 12" of the row at this index. */
  String location(int row) {
    return file.getFileName() + ":row " + numbers[row];
  }

  /** Data rows in the file, including malformed ones that were left out. */
  public long rowsRead() {
    return rowsRead;
  }

  /** The column of that name, compared case-insensitively, as it is spelled in the header. */
  public Optional<String> column(String name) {
    return header.names().stream().filter(h -> h.equalsIgnoreCase(name)).findFirst();
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
                    "no column '"
                        + name
                        + "' (columns are: "
                        + String.join(", ", header.names())
                        + ")"));
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
