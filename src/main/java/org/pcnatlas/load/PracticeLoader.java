package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.Practice;

/**
 * Builds the practices and PCNs from a layer of practice points, optionally joined to the NHS
 * practice -> PCN map (which then decides each practice's PCN) and to the NHS list sizes ({@code
 * gp-reg-pat-prac-all}: {@code CODE}, {@code NUMBER_OF_PATIENTS}), which fill list sizes the points
 * file lacks.
 *
 * <p>Reported, with the row: a practice without a code (left out), a duplicate practice code (the
 * first kept), a practice whose PCN is missing or not in the map (kept, as unallocated {@code U}),
 * a practice without a list size (kept, list size unknown) and a practice outside the study area
 * (kept, flagged).
 */
public final class PracticeLoader {

  /** The columns of the practice points layer; null for a column the file does not have. */
  public record Columns(String code, String name, String pcnCode, String pcnName, String listSize) {
    /** The columns of a recognised preset. */
    public static Columns of(CsvPreset preset) {
      return new Columns(
          preset.codeColumn(),
          preset.nameColumn(),
          preset.pcnCodeColumn(),
          preset.pcnNameColumn(),
          preset.countColumn());
    }
  }

  /** A practice's PCN from the NHS mapping file. */
  public record PcnAssignment(String pcnCode, String pcnName, String location) {}

  /** The loaded practices, their PCNs (sorted by code) and everything reported on the way. */
  public record Result(List<Practice> practices, List<Pcn> pcns, LoadReport report) {}

  private PracticeLoader() {}

  /**
   * Practices from a loaded points layer.
   *
   * @param pcnMap practice code -> PCN (from {@link #readPcnMap}), or null to use the layer's own
   *     PCN columns
   * @param listSizes practice code -> registered patients (from {@link #readListSizes}), or null
   * @param studyArea the study area in the analysis CRS, or null to skip that check
   */
  public static Result load(
      LoadedLayer points,
      Columns columns,
      Map<String, PcnAssignment> pcnMap,
      Map<String, Long> listSizes,
      Geometry studyArea) {
    LoadReport report = new LoadReport();
    report.addAll(points.report());
    String file = points.file().getFileName().toString();
    AreaCover area = studyArea == null ? null : AreaCover.of(studyArea);
    String unit = file + ":" + (points.format() == SourceFormat.CSV ? "row " : "feature ");
    Map<String, Practice> byCode = new LinkedHashMap<>(2 * points.layer().size());
    Map<String, Long> firstRow = new HashMap<>(2 * points.layer().size());
    for (Feature f : points.layer().features()) {
      // the location is written only for a practice with a problem
      Supplier<String> where = () -> unit + f.index();
      String code = columns.code() == null ? f.id() : f.text(columns.code());
      if (code == null || code.isBlank()) {
        report.add(
            ProblemCode.MISSING_CODE,
            where.get(),
            "no practice code" + (columns.code() == null ? "" : " in " + columns.code()));
        continue;
      }
      code = code.strip();
      if (byCode.containsKey(code)) {
        report.add(
            ProblemCode.DUPLICATE_PRACTICE,
            where.get(),
            code + " already read at " + unit + firstRow.get(code) + "; this row is left out");
        continue;
      }
      String name = columns.name() == null ? null : f.text(columns.name());
      String pcnCode;
      String pcnName;
      if (pcnMap != null) {
        PcnAssignment a = pcnMap.get(code);
        pcnCode = a == null ? null : a.pcnCode();
        pcnName = a == null ? null : a.pcnName();
        if (a == null) {
          report.add(
              ProblemCode.UNKNOWN_PCN,
              where.get(),
              code + " is not in the practice -> PCN map; counted as unallocated (U)");
        }
      } else {
        pcnCode = columns.pcnCode() == null ? null : f.text(columns.pcnCode());
        pcnName = columns.pcnName() == null ? null : f.text(columns.pcnName());
        if (pcnCode == null || pcnCode.isBlank()) {
          report.add(
              ProblemCode.UNKNOWN_PCN,
              where.get(),
              code + " has no PCN code; counted as unallocated (U)");
        }
      }
      if (pcnCode == null || pcnCode.isBlank()) {
        pcnCode = Practice.UNALLOCATED;
        pcnName = "Unallocated";
      }
      Long listSize = listSize(f, columns, listSizes, code);
      if (listSize != null && listSize < 0) {
        report.add(
            ProblemCode.UNPARSABLE_VALUE,
            where.get(),
            code + " has a negative list size (" + listSize + "); read as unknown");
        listSize = null;
      } else if (listSize == null
          && columns.listSize() != null
          && f.properties().get(columns.listSize()) instanceof String text
          && !text.isBlank()
          && wholeNumber(text) == null) {
        report.add(
            ProblemCode.UNPARSABLE_VALUE,
            where.get(),
            code + "'s list size '" + text + "' in " + columns.listSize() + " is not a number");
      }
      if (listSize == null) {
        report.add(
            ProblemCode.MISSING_LIST_SIZE, where.get(), code + " has no registered list size");
      }
      Point site = (Point) f.geometry();
      boolean inside = area == null || area.covers(site);
      if (!inside) {
        report.add(
            ProblemCode.OUTSIDE_STUDY_AREA,
            where.get(),
            code
                + " at "
                + site.getX()
                + " "
                + site.getY()
                + " (EPSG:"
                + points.layer().epsg()
                + ") lies outside the study area; kept and flagged");
      }
      byCode.put(code, new Practice(code, name, pcnCode.strip(), pcnName, listSize, site, inside));
      firstRow.put(code, f.index());
    }
    List<Practice> practices = new ArrayList<>(byCode.values());
    return new Result(practices, pcns(practices), report);
  }

  private static Long listSize(
      Feature f, Columns columns, Map<String, Long> listSizes, String code) {
    Object v = columns.listSize() == null ? null : f.properties().get(columns.listSize());
    if (v instanceof Number n) {
      return n.longValue();
    }
    // one bad value makes the reader type the whole column as text: read the others as numbers
    Long parsed = v instanceof String text ? wholeNumber(text) : null;
    if (parsed != null) {
      return parsed;
    }
    return listSizes == null ? null : listSizes.get(code);
  }

  /**
   * A list size written as a whole number ("5000", "5,000", "5000.0") by the readers' own number
   * rule ({@link NumberText}), or null.
   */
  static Long wholeNumber(String text) {
    String t = text.strip().replace(",", "");
    if (!NumberText.isNumber(t)) {
      return null;
    }
    double d = NumberText.parse(t);
    return d == Math.rint(d) && Math.abs(d) < 1e12 ? (long) d : null;
  }

  /** PCNs from their member practices, sorted by code; the name is the first non-blank one seen. */
  public static List<Pcn> pcns(List<Practice> practices) {
    Map<String, List<Practice>> members = new TreeMap<>();
    for (Practice p : practices) {
      members.computeIfAbsent(p.pcnCode(), k -> new ArrayList<>()).add(p);
    }
    List<Pcn> pcns = new ArrayList<>(members.size());
    members.forEach(
        (code, ps) -> {
          String name = null;
          String[] codes = new String[ps.size()];
          long list = 0;
          for (int i = 0; i < codes.length; i++) {
            Practice p = ps.get(i);
            if (name == null && p.pcnName() != null && !p.pcnName().isBlank()) {
              name = p.pcnName();
            }
            codes[i] = p.code();
            if (p.listSize() != null) {
              list += p.listSize();
            }
          }
          Arrays.sort(codes);
          pcns.add(new Pcn(code, name == null ? code : name, List.of(codes), list));
        });
    return pcns;
  }

  /**
   * The NHS practice -> PCN map ({@code PRACTICE_CODE}, {@code PCN_CODE}, {@code PCN_NAME}). A row
   * without a practice code is reported; a repeated practice code is reported and the first row
   * kept.
   */
  public static Map<String, PcnAssignment> readPcnMap(Path file, LoadReport report) {
    return readPcnMap(file, report, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The same, of a file in this encoding ({@code --encoding}). */
  public static Map<String, PcnAssignment> readPcnMap(
      Path file, LoadReport report, java.nio.charset.Charset encoding) {
    CsvTable table = CsvTable.read(file, encoding, report);
    String codeCol = table.requireColumn("PRACTICE_CODE");
    String pcnCol = table.requireColumn("PCN_CODE");
    Optional<String> nameCol = table.column("PCN_NAME");
    Map<String, PcnAssignment> map = new LinkedHashMap<>();
    for (CsvTable.Row row : table.rows()) {
      String code = row.get(codeCol);
      if (code.isEmpty()) {
        report.add(ProblemCode.MISSING_CODE, table.location(row), "no value in " + codeCol);
        continue;
      }
      PcnAssignment a =
          new PcnAssignment(
              row.get(pcnCol), nameCol.map(row::get).orElse(null), table.location(row));
      PcnAssignment first = map.putIfAbsent(code, a);
      if (first != null) {
        report.add(
            ProblemCode.DUPLICATE_CODE,
            table.location(row),
            code + " already mapped at " + first.location() + "; this row is left out");
      }
    }
    return map;
  }

  /**
   * List sizes from an NHS "Patients Registered at a GP Practice" totals file ({@code CODE}, {@code
   * NUMBER_OF_PATIENTS}; where the file has {@code SEX}/{@code AGE} columns only the ALL/ALL rows
   * count).
   */
  public static Map<String, Long> readListSizes(Path file, LoadReport report) {
    return readListSizes(file, report, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The same, of a file in this encoding ({@code --encoding}). */
  public static Map<String, Long> readListSizes(
      Path file, LoadReport report, java.nio.charset.Charset encoding) {
    CsvTable table = CsvTable.read(file, encoding, report);
    String codeCol = table.requireColumn("CODE");
    String countCol = table.requireColumn("NUMBER_OF_PATIENTS");
    Optional<String> sex = table.column("SEX");
    Optional<String> age = table.column("AGE");
    Map<String, Long> sizes = new LinkedHashMap<>();
    Map<String, String> where = new HashMap<>();
    for (CsvTable.Row row : table.rows()) {
      if (sex.isPresent() && !"ALL".equalsIgnoreCase(row.get(sex.get()))
          || age.isPresent() && !"ALL".equalsIgnoreCase(row.get(age.get()))) {
        continue; // a breakdown row of the same practice, not a total
      }
      String code = row.get(codeCol);
      String count = row.get(countCol);
      if (code.isEmpty()) {
        report.add(ProblemCode.MISSING_CODE, table.location(row), "no value in " + codeCol);
        continue;
      }
      long n = CsvTable.parseCount(count);
      if (n < 0) {
        report.add(
            ProblemCode.UNPARSABLE_VALUE,
            table.location(row),
            "'" + count + "' in " + countCol + " is not a count of patients");
        continue;
      }
      if (sizes.containsKey(code)) {
        report.add(
            ProblemCode.DUPLICATE_CODE,
            table.location(row),
            code + " already has a list size at " + where.get(code) + "; this row is left out");
        continue;
      }
      sizes.put(code, n);
      where.put(code, table.location(row));
    }
    return sizes;
  }
}
