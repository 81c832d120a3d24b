package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.UnitAttributes;

/**
 * Reads a CSV of numeric attributes by population unit code ({@code --unit-attributes}) and says
 * how each column adds up over a catchment ({@link UnitAttributes.Kind}):
 *
 * <ul>
 *   <li>the English Indices of Deprivation file (a column {@code IMD_decile}): every {@code
 *       *_decile} column is a national decile (1 = most deprived), every {@code *_score} column a
 *       score averaged by residents; the {@code *_rank} columns are left out (a rank does not
 *       average), and so said in the load report.
 *   <li>the Census residents by age file (columns {@code age_*}): every {@code age_*} column counts
 *       residents; its total column is the population itself (given by {@code --population-counts})
 *       and is left out.
 *   <li>any other file: every column whose values are all numbers (or empty, {@code NA}) is a
 *       figure averaged by residents; a column with text is left out and reported.
 * </ul>
 *
 * <p>A row without a code is rejected, a repeated code keeps the first row (both reported), a value
 * that is not a number in a numeric column is reported and read as missing.
 */
public final class UnitAttributeLoader {
  /** Columns never read as attributes: codes and names. */
  private static final List<String> NAME_COLUMNS =
      List.of("lsoa21_name", "lsoa11_name", "lsoa21nm", "lsoa11nm", "name");

  private UnitAttributeLoader() {}

  /**
   * The attributes of one file.
   *
   * @param keyColumn the unit code column, or null to find one of the usual names
   */
  public static UnitAttributes read(Path file, String keyColumn, LoadReport report) {
    return read(file, keyColumn, report, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The same, of a file in this encoding ({@code --encoding}). */
  public static UnitAttributes read(
      Path file, String keyColumn, LoadReport report, java.nio.charset.Charset encoding) {
    CsvTable table = CsvTable.read(file, encoding, report);
    String key = key(table, keyColumn);
    String name = file.getFileName().toString();
    boolean imd = table.header().stream().anyMatch(h -> h.equalsIgnoreCase("IMD_decile"));
    boolean ages =
        table.header().stream().anyMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("age_"));
    List<UnitAttributes.Column> columns = new ArrayList<>();
    List<String> sources = new ArrayList<>();
    for (String h : table.header()) {
      if (h.equals(key) || NAME_COLUMNS.contains(h.toLowerCase(Locale.ROOT))) {
        continue;
      }
      String lower = h.toLowerCase(Locale.ROOT);
      UnitAttributes.Kind kind = null;
      String why = null;
      if (imd) {
        if (lower.endsWith("_decile")) {
          kind = UnitAttributes.Kind.DECILE;
        } else if (lower.endsWith("_score")) {
          kind = UnitAttributes.Kind.MEAN;
        } else {
          why =
              lower.endsWith("_rank")
                  ? "a rank does not average over a catchment"
                  : "not a decile or score";
        }
      } else if (ages && lower.startsWith("age_")) {
        kind = UnitAttributes.Kind.COUNT;
      } else if (ages && PopulationLoader.COUNT_NAMES.contains(lower)) {
        why = "the residents themselves (given by --population-counts)";
      } else if (numeric(table, h)) {
        kind = UnitAttributes.Kind.MEAN;
      } else {
        why = "it holds text, not numbers";
      }
      if (kind == null) {
        report.add(ProblemCode.COLUMN_LEFT_OUT, name, h + " left out: " + why);
        continue;
      }
      columns.add(new UnitAttributes.Column(h, kind, name));
      sources.add(h);
    }
    Map<String, double[]> byCode = new HashMap<>();
    for (CsvTable.Row row : table.rows()) {
      String code = row.get(key).strip();
      if (code.isEmpty()) {
        report.add(ProblemCode.MISSING_CODE, table.location(row), "no value in " + key);
        continue;
      }
      double[] v = new double[columns.size()];
      for (int i = 0; i < v.length; i++) {
        String text = row.get(sources.get(i)).strip();
        v[i] = value(text);
        if (Double.isNaN(v[i]) && !missing(text)) {
          report.add(
              ProblemCode.UNPARSABLE_VALUE,
              table.location(row),
              "'" + text + "' in " + sources.get(i) + " is not a number; read as missing");
        } else if (columns.get(i).kind() == UnitAttributes.Kind.DECILE
            && !Double.isNaN(v[i])
            && (v[i] < 1 || v[i] > 10 || v[i] != Math.rint(v[i]))) {
          report.add(
              ProblemCode.UNPARSABLE_VALUE,
              table.location(row),
              "'" + text + "' in " + sources.get(i) + " is not a decile 1-10; read as missing");
          v[i] = Double.NaN;
        }
      }
      if (byCode.putIfAbsent(code, v) != null) {
        report.add(
            ProblemCode.DUPLICATE_CODE,
            table.location(row),
            code + " appears again; the first row is kept");
      }
    }
    return new UnitAttributes(columns, byCode);
  }

  /**
   * Reports the units without a row and the rows for no unit (one line each, with a count and
   * examples), so that nothing goes unmatched silently.
   */
  public static void reportMatches(
      UnitAttributes attributes, List<PopulationUnit> units, LoadReport report) {
    if (attributes.isEmpty()) {
      return;
    }
    List<String> without = new ArrayList<>();
    java.util.Set<String> codes = new java.util.HashSet<>();
    for (PopulationUnit u : units) {
      codes.add(u.code());
      if (attributes.of(u.code()) == null) {
        without.add(u.code());
      }
    }
    if (!without.isEmpty()) {
      report.add(
          ProblemCode.ATTRIBUTES_UNMATCHED,
          "--unit-attributes",
          without.size()
              + " of "
              + units.size()
              + " population units have no row in the unit attribute files (their figures count as"
              + " missing), e.g. "
              + String.join(", ", without.subList(0, Math.min(5, without.size()))));
    }
    long unused = attributes.byCode().keySet().stream().filter(c -> !codes.contains(c)).count();
    if (unused > 0) {
      report.add(
          ProblemCode.ATTRIBUTES_UNMATCHED,
          "--unit-attributes",
          unused
              + " of "
              + attributes.byCode().size()
              + " rows of the unit attribute files are for no population unit of this analysis"
              + " (outside the study area or another geography)");
    }
  }

  private static String key(CsvTable table, String given) {
    if (given != null) {
      return table
          .column(given)
          .orElseThrow(
              () ->
                  new LoadException(
                      table.file(),
                      "no column '"
                          + given
                          + "' for the unit code; the columns are "
                          + String.join(", ", table.header())));
    }
    return table
        .firstColumn(PopulationLoader.CODE_NAMES)
        .orElseThrow(
            () ->
                new LoadException(
                    table.file(),
                    "no unit code column (looked for "
                        + String.join(", ", PopulationLoader.CODE_NAMES)
                        + "; name it with --unit-attributes FILE:COLUMN; the columns are "
                        + String.join(", ", table.header())
                        + ")"));
  }

  private static boolean numeric(CsvTable table, String column) {
    boolean any = false;
    for (CsvTable.Row row : table.rows()) {
      String t = row.get(column).strip();
      if (missing(t)) {
        continue;
      }
      if (Double.isNaN(value(t))) {
        return false;
      }
      any = true;
    }
    return any;
  }

  private static boolean missing(String text) {
    return text.isEmpty() || text.equals("NA") || text.equals("..") || text.equals("-");
  }

  /** The finite value of a field, by the readers' own number rule ({@link NumberText}), or NaN. */
  private static double value(String text) {
    if (missing(text) || !NumberText.isNumber(text)) {
      return Double.NaN;
    }
    double d = NumberText.parse(text);
    return Double.isFinite(d) ? d : Double.NaN;
  }
}
