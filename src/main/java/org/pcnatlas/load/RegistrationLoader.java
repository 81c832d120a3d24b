package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pcnatlas.model.Registration;

/**
 * Reads the NHS "Patients Registered at a GP Practice" practice x LSOA file ({@code
 * gp-reg-pat-prac-lsoa-all.csv}: {@code PRACTICE_CODE}, {@code LSOA_CODE}, {@code
 * NUMBER_OF_PATIENTS}, optionally {@code SEX}; column names compared case-insensitively, other
 * columns ignored). LSOA codes are kept as the file gives them: older vintages hold LSOA 2011
 * codes.
 *
 * <p>Where the file has a {@code SEX} column only the {@code ALL} rows count; the male/female rows
 * are a breakdown of the same patients. Reported, with the row, and left out: a row without a
 * practice or LSOA code ({@code missing-code}), a count that is not a whole number of zero or more
 * ({@code unparsable-value}) and a repeated (practice, LSOA) pair ({@code duplicate-code}, the
 * first row kept). Zero counts are kept.
 */
public final class RegistrationLoader {
  private RegistrationLoader() {}

  /** The column names, as spelled in one file's header. */
  private record Columns(String practice, String lsoa, String count, Optional<String> sex) {
    static Columns of(CsvTable table) {
      return new Columns(
          table.requireColumn("PRACTICE_CODE"),
          table.requireColumn("LSOA_CODE"),
          table.requireColumn("NUMBER_OF_PATIENTS"),
          table.column("SEX"));
    }
  }

  /**
   * The registrations of the file, in file order.
   *
   * @throws LoadException naming the file when it is not a readable CSV, lacks a required column,
   *     or has a {@code SEX} column but no {@code ALL} row (the male/female file, whose rows would
   *     have to be added up)
   */
  public static List<Registration> read(Path file, LoadReport report) {
    return read(file, report, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The same, of a file in this encoding ({@code --encoding}). */
  public static List<Registration> read(
      Path file, LoadReport report, java.nio.charset.Charset encoding) {
    CsvTable table = CsvTable.read(file, encoding, report);
    Columns columns = Columns.of(table);
    List<Registration> registrations = new ArrayList<>();
    Map<String, String> firstRow = new HashMap<>();
    long breakdownRows = 0;
    long allRows = 0;
    for (CsvTable.Row row : table.rows()) {
      if (columns.sex().isPresent() && !"ALL".equalsIgnoreCase(row.get(columns.sex().get()))) {
        breakdownRows++;
        continue; // a male or female row: a breakdown of the ALL row, not more patients
      }
      allRows++;
      Registration r = registration(table, columns, row, report);
      if (r != null && isFirst(table, row, r, firstRow, report)) {
        registrations.add(r);
      }
    }
    if (allRows == 0 && breakdownRows > 0) {
      throw new LoadException(
          file,
          "no row has "
              + columns.sex().orElseThrow()
              + " = ALL ("
              + breakdownRows
              + " male/female rows); use the all-persons file gp-reg-pat-prac-lsoa-all.csv");
    }
    return registrations;
  }

  /** The row as a registration, or null after reporting why it is left out. */
  private static Registration registration(
      CsvTable table, Columns columns, CsvTable.Row row, LoadReport report) {
    String practice = row.get(columns.practice());
    String lsoa = row.get(columns.lsoa());
    String count = row.get(columns.count());
    String where = table.location(row);
    if (practice.isEmpty()) {
      report.add(
          ProblemCode.MISSING_CODE,
          where,
          "no value in " + columns.practice() + (lsoa.isEmpty() ? "" : " (LSOA " + lsoa + ")"));
      return null;
    }
    if (lsoa.isEmpty()) {
      report.add(
          ProblemCode.MISSING_CODE,
          where,
          "no value in " + columns.lsoa() + " for practice " + practice);
      return null;
    }
    long patients = CsvTable.parseCount(count);
    if (patients < 0) {
      report.add(
          ProblemCode.UNPARSABLE_VALUE,
          where,
          "'"
              + count
              + "' in "
              + columns.count()
              + " is not a count of patients (practice "
              + practice
              + ", LSOA "
              + lsoa
              + ")");
      return null;
    }
    return new Registration(practice, lsoa, patients);
  }

  /** True for the first row of its (practice, LSOA) pair; a repeat is reported. */
  private static boolean isFirst(
      CsvTable table,
      CsvTable.Row row,
      Registration r,
      Map<String, String> firstRow,
      LoadReport report) {
    String key = r.practiceCode() + "\u0000" + r.lsoaCode();
    String first = firstRow.putIfAbsent(key, table.location(row));
    if (first == null) {
      return true;
    }
    report.add(
        ProblemCode.DUPLICATE_CODE,
        table.location(row),
        "practice "
            + r.practiceCode()
            + " and LSOA "
            + r.lsoaCode()
            + " already read at "
            + first
            + "; this row is left out");
    return false;
  }
}
