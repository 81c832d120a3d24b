package org.pcnatlas.load;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygonal;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.PopulationUnit;

/**
 * Population units from a layer of population-weighted centroids (points) or of small-area
 * polygons, with a population column (such as the demo's {@code lsoa_centroids.csv}) or with counts
 * joined by code from a separate table (such as the Census 2021 usual residents by LSOA joined onto
 * the ONS population-weighted centroids). Rows without a code or a whole, non-negative population,
 * and repeated codes, are reported and left out.
 */
public final class PopulationLoader {
  /** Unit code columns recognised in a counts table, in order. */
  static final List<String> CODE_NAMES =
      List.of("lsoa21_code", "lsoa21cd", "lsoa_code", "lsoa11_code", "lsoa11cd", "code");

  /** Count columns recognised in a counts table, in order. */
  static final List<String> COUNT_NAMES =
      List.of("population", "total_usual_residents", "usual_residents", "residents", "count");

  private PopulationLoader() {}

  /**
   * Resident counts by unit code from a CSV table.
   *
   * @param codeColumn the code column, or null to detect one of {@link #CODE_NAMES}
   * @param countColumn the count column, or null to detect one of {@link #COUNT_NAMES}
   */
  public static Map<String, Long> readCounts(
      Path file, String codeColumn, String countColumn, LoadReport report) {
    return readCounts(
        file, codeColumn, countColumn, report, java.nio.charset.StandardCharsets.UTF_8);
  }

  /** The same, of a file in this encoding ({@code --encoding}). */
  public static Map<String, Long> readCounts(
      Path file,
      String codeColumn,
      String countColumn,
      LoadReport report,
      java.nio.charset.Charset encoding) {
    CsvTable table = CsvTable.read(file, encoding, report);
    String code = column(table, codeColumn, CODE_NAMES, "unit code");
    String count = column(table, countColumn, COUNT_NAMES, "population count");
    Map<String, Long> counts = new LinkedHashMap<>();
    for (CsvTable.Row row : table.rows()) {
      String c = row.get(code);
      if (c.isEmpty()) {
        report.add(ProblemCode.MISSING_CODE, table.location(row), "no value in " + code);
        continue;
      }
      long n = CsvTable.parseCount(row.get(count));
      if (n < 0) {
        report.add(
            ProblemCode.UNPARSABLE_VALUE,
            table.location(row),
            "'" + row.get(count) + "' in " + count + " is not a number of residents");
        continue;
      }
      if (counts.putIfAbsent(c, n) != null) {
        report.add(ProblemCode.DUPLICATE_CODE, table.location(row), c + " appears again; left out");
      }
    }
    return counts;
  }

  private static String column(CsvTable table, String given, List<String> names, String what) {
    if (given != null && table.column(given).isPresent()) {
      return table.column(given).get();
    }
    return table
        .firstColumn(names)
        .orElseThrow(
            () ->
                new LoadException(
                    table.file(),
                    "no "
                        + what
                        + " column (looked for "
                        + (given == null ? "" : given + ", ")
                        + String.join(", ", names)
                        + "; the columns are "
                        + String.join(", ", table.header())
                        + ")"));
  }

  /**
   * Population units from points or polygons, keeping those in the study area.
   *
   * @param populationColumn the layer's count column (ignored when {@code counts} is given)
   * @param counts counts by unit code joined onto the layer, or null to use {@code
   *     populationColumn}
   * @param region the study area: units outside it (points not in it, polygons not meeting it) are
   *     left out and reported as one {@link ProblemCode#UNITS_OUTSIDE_STUDY_AREA} line with their
   *     number; null keeps every unit
   */
  public static List<PopulationUnit> read(
      LoadedLayer loaded,
      String codeColumn,
      String nameColumn,
      String populationColumn,
      Map<String, Long> counts,
      Geometry region,
      LoadReport report) {
    if (!loaded.layer().attributes().containsKey(codeColumn)) {
      throw new LoadException(
          loaded.file(),
          "no column '"
              + codeColumn
              + "' (the columns are "
              + String.join(", ", loaded.layer().attributes().keySet())
              + ")");
    }
    if (counts == null && !loaded.layer().attributes().containsKey(populationColumn)) {
      throw new LoadException(
          loaded.file(),
          "no column '"
              + populationColumn
              + "' and no counts file to join (the columns are "
              + String.join(", ", loaded.layer().attributes().keySet())
              + ")");
    }
    String file = loaded.file().getFileName().toString();
    String unit = loaded.format() == SourceFormat.CSV ? ":row " : ":feature ";
    AreaCover area = region == null ? null : AreaCover.of(region);
    Set<String> seen = new HashSet<>(2 * loaded.layer().size());
    List<PopulationUnit> units = new ArrayList<>(loaded.layer().size());
    int outsideUnits = 0;
    for (Feature f : loaded.layer().features()) {
      // the location is written only for a unit with a problem
      Supplier<String> where = () -> file + unit + f.index();
      String code = f.text(codeColumn);
      if (code == null || code.isBlank()) {
        report.add(ProblemCode.MISSING_CODE, where.get(), "no value in " + codeColumn);
        continue;
      }
      Geometry g = f.geometry();
      if (!(g instanceof Point) && !(g instanceof Polygonal)) {
        report.add(
            ProblemCode.UNSUPPORTED_GEOMETRY,
            where.get(),
            code + " is a " + g.getGeometryType() + ", not a point or polygon; left out");
        continue;
      }
      if (area != null && (g instanceof Point p ? !area.covers(p) : !area.intersects(g))) {
        outsideUnits++;
        continue;
      }
      long n;
      if (counts != null) {
        Long c = counts.get(code);
        if (c == null) {
          report.add(
              ProblemCode.NO_POPULATION_COUNT,
              where.get(),
              code + " has no count in the counts file");
          continue;
        }
        n = c;
      } else {
        // a whole-number column holds Longs: their count without writing them out and back
        n =
            f.properties().get(populationColumn) instanceof Long l
                ? Math.max(-1, l)
                : CsvTable.parseCount(f.text(populationColumn));
        if (n < 0) {
          report.add(
              ProblemCode.UNPARSABLE_VALUE,
              where.get(),
              "'"
                  + f.text(populationColumn)
                  + "' in "
                  + populationColumn
                  + " is not a number of residents");
          continue;
        }
      }
      if (!seen.add(code)) {
        report.add(ProblemCode.DUPLICATE_CODE, where.get(), code + " appears again; left out");
        continue;
      }
      String name = nameColumn == null ? code : f.text(nameColumn);
      units.add(
          g instanceof Point p
              ? new PopulationUnit(code, name, n, p, null)
              : new PopulationUnit(code, name, n, null, g));
    }
    if (outsideUnits > 0) {
      report.add(
          ProblemCode.UNITS_OUTSIDE_STUDY_AREA,
          file,
          outsideUnits
              + " of "
              + loaded.layer().size()
              + " units lie outside the study area and are not part of this analysis");
    }
    return units;
  }

  /** Every unit of a layer with its own population column, wherever it lies. */
  public static List<PopulationUnit> fromPoints(
      LoadedLayer loaded,
      String codeColumn,
      String nameColumn,
      String populationColumn,
      LoadReport report) {
    return read(loaded, codeColumn, nameColumn, populationColumn, null, null, report);
  }
}
