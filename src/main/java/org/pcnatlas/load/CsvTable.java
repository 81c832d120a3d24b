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
  private final Storage values;
  private final long rowsRead;

  /** The rows as views made when asked for: the table keeps only its fields. */
  private final List<Row> rows =
      new RowList() {
        @Override
        public Row get(int i) {
          return new Row(values.numbers[i], new RowValues(CsvTable.this, i));
        }

        @Override
        public int size() {
          return values.rows;
        }
      };

  private abstract static class RowList extends AbstractList<Row> implements RandomAccess {}

  private CsvTable(Path file, Columns header, Storage values, long rowsRead) {
    this.file = file;
    this.header = header;
    this.values = values;
    this.rowsRead = rowsRead;
  }

  /**
   * The kept rows' values, stripped, row after row: from a plain file, where each lies in its text
   * (with the few that are not a piece of it, unescaped quotes, aside); from Commons CSV, strings.
   */
  private static final class Storage {
    final int columns;
    int rows;
    long[] numbers = new long[256];
    final String text;
    int[] start;
    int[] end;
    final Map<Integer, String> aside = new HashMap<>();
    String[] strings;

    Storage(int columns, String text) {
      this.columns = columns;
      this.text = text;
      if (text != null) {
        start = new int[256 * columns];
        end = new int[256 * columns];
      } else {
        strings = new String[256 * columns];
      }
    }

    /** Room for one more row; its first field's index. */
    int add(long number) {
      if (rows == numbers.length) {
        numbers = Arrays.copyOf(numbers, 2 * rows);
        if (text != null) {
          start = Arrays.copyOf(start, 2 * rows * columns);
          end = Arrays.copyOf(end, 2 * rows * columns);
        } else {
          strings = Arrays.copyOf(strings, 2 * rows * columns);
        }
      }
      numbers[rows] = number;
      return rows++ * columns;
    }

    String value(int row, int column) {
      int k = row * columns + column;
      if (text == null) {
        return strings[k];
      }
      if (start[k] < 0) {
        return aside.get(k);
      }
      return start[k] == end[k] ? "" : text.substring(start[k], end[k]);
    }
  }

  /**
   * Reads the whole file.
   *
   * @throws LoadException naming the file when it is empty, has a blank or repeated column name, or
   *     is not CSV
   */
  public static CsvTable read(Path file, LoadReport report) {
    return read(file, StandardCharsets.UTF_8, report);
  }

  /** {@link #read(Path, LoadReport)} of a file in this encoding ({@code --encoding}). */
  public static CsvTable read(Path file, java.nio.charset.Charset encoding, LoadReport report) {
    // bounded lines, no NUL, and (for UTF-8) valid UTF-8: a named error before any parsing
    TextCheck.check(file, encoding.equals(StandardCharsets.UTF_8));
    PlainCsv.Split plain = null;
    try {
      plain = PlainCsv.split(Files.readString(file, encoding));
    } catch (IOException e) {
      // not readable as UTF-8 text: Commons CSV says why
    }
    if (plain != null) {
      return plain(file, plain, report);
    }
    return readWithCommonsCsv(file, encoding, report);
  }

  /** The file read by Commons CSV: the reference for plain files, the reader of all others. */
  static CsvTable readWithCommonsCsv(Path file, LoadReport report) {
    return readWithCommonsCsv(file, StandardCharsets.UTF_8, report);
  }

  static CsvTable readWithCommonsCsv(
      Path file, java.nio.charset.Charset encoding, LoadReport report) {
    try (Reader in = Files.newBufferedReader(file, encoding);
        CSVParser parser =
            CSVParser.parse(
                in, CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(false).get())) {
      Columns header = null;
      Storage values = null;
      long read = 0;
      for (CSVRecord record : parser) {
        String[] fields = record.values();
        if (header == null) {
          header = new Columns(header(file, fields));
          values = new Storage(header.names().size(), null);
          continue;
        }
        if (fields.length == 1 && fields[0].isBlank()) {
          continue; // a blank line, e.g. at the end of the file
        }
        read++;
        if (!wellFormed(file, header, fields.length, record.getRecordNumber(), report)) {
          continue;
        }
        int k = values.add(record.getRecordNumber());
        for (int i = 0; i < fields.length; i++) {
          values.strings[k + i] = fields[i].strip();
        }
      }
      return table(file, header, values, read);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new LoadException(file, "not a readable CSV file: " + e.getMessage(), e);
    }
  }

  /** The table of a plain file's records (the header is record 1). */
  private static CsvTable plain(Path file, PlainCsv.Split split, LoadReport report) {
    Columns header = null;
    Storage values = null;
    long read = 0;
    String text = split.text();
    for (int r = 0; r < split.records(); r++) {
      int first = split.firstField()[r];
      int count = split.fields(r);
      if (header == null) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++) {
          names[i] = split.value(first + i);
        }
        header = new Columns(header(file, names));
        values = new Storage(count, text);
        continue;
      }
      if (count == 1 && isBlank(split, first)) {
        continue; // a blank line, e.g. at the end of the file
      }
      read++;
      if (!wellFormed(file, header, count, r + 1, report)) {
        continue;
      }
      int k = values.add(r + 1);
      for (int i = 0; i < count; i++) {
        int f = first + i;
        String unescaped = split.unescaped().get(f);
        if (unescaped != null) {
          values.start[k + i] = -1;
          values.aside.put(k + i, unescaped.strip());
          continue;
        }
        // the bounds of the field's value, stripped as String.strip strips it
        int s = split.start()[f];
        int e = split.end()[f];
        while (s < e && Character.isWhitespace(text.charAt(s))) {
          s++;
        }
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
          e--;
        }
        values.start[k + i] = s;
        values.end[k + i] = e;
      }
    }
    return table(file, header, values, read);
  }

  private static boolean isBlank(PlainCsv.Split split, int field) {
    String unescaped = split.unescaped().get(field);
    if (unescaped != null) {
      return unescaped.isBlank();
    }
    for (int i = split.start()[field]; i < split.end()[field]; i++) {
      if (!Character.isWhitespace(split.text().charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether a record has the header's number of fields; reported when it has not. */
  private static boolean wellFormed(
      Path file, Columns header, int fields, long number, LoadReport report) {
    if (fields == header.names().size()) {
      return true;
    }
    report.add(
        ProblemCode.MALFORMED_ROW,
        file.getFileName() + ":row " + number,
        fields + " fields where the header has " + header.names().size());
    return false;
  }

  private static CsvTable table(Path file, Columns header, Storage values, long read) {
    if (header == null) {
      throw new LoadException(file, "empty file: no header row");
    }
    return new CsvTable(file, header, values, read);
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
    private final CsvTable table;
    private final int row;

    RowValues(CsvTable table, int row) {
      this.table = table;
      this.row = row;
    }

    @Override
    public String get(Object column) {
      Integer i = table.header.index().get(column);
      return i == null ? null : table.value(row, i);
    }

    @Override
    public boolean containsKey(Object column) {
      return table.header.index().containsKey(column);
    }

    @Override
    public int size() {
      return table.header.names().size();
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
              return next < size();
            }

            @Override
            public Map.Entry<String, String> next() {
              if (next >= size()) {
                throw new java.util.NoSuchElementException();
              }
              next++;
              return new SimpleImmutableEntry<>(
                  table.header.names().get(next - 1), table.value(row, next - 1));
            }
          };
        }

        @Override
        public int size() {
          return table.header.names().size();
        }
      };
    }
  }

  private static List<String> header(Path file, String[] record) {
    if (record.length == 1) {
      for (String d : new String[] {";", "\t", "|"}) {
        if (record[0].contains(d)) {
          throw new LoadException(
              file,
              "the header is one column, '"
                  + (record[0].length() > 80 ? record[0].substring(0, 80) + "..." : record[0])
                  + "': the file looks "
                  + (d.equals("\t") ? "tab" : "'" + d + "'")
                  + "-separated; pcn-atlas reads comma-separated CSV (save it as CSV with commas)");
        }
      }
    }
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
    return values.rows;
  }

  /** The row number of the row at this index. */
  long number(int row) {
    return values.numbers[row];
  }

  /** The value of a column (by its index in the header) in the row at this index. */
  String value(int row, int column) {
    return values.value(row, column);
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
    return file.getFileName() + ":row " + values.numbers[row];
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
