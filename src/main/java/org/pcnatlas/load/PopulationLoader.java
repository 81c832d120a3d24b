package org.pcnatlas.load;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.locationtech.jts.geom.Point;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.PopulationUnit;

/**
 * Population units from a layer of population-weighted centroids with a population column (such as
 * the demo's {@code lsoa_centroids.csv}). Rows without a code or a whole, non-negative population,
 * and repeated codes, are reported and left out.
 */
public final class PopulationLoader {
  private PopulationLoader() {}

  public static List<PopulationUnit> fromPoints(
      LoadedLayer loaded,
      String codeColumn,
      String nameColumn,
      String populationColumn,
      LoadReport report) {
    for (String c : new String[] {codeColumn, populationColumn}) {
      if (!loaded.layer().attributes().containsKey(c)) {
        throw new LoadException(
            loaded.file(),
            "no column '"
                + c
                + "' (the columns are "
                + String.join(", ", loaded.layer().attributes().keySet())
                + ")");
      }
    }
    String file = loaded.file().getFileName().toString();
    String unit = loaded.format() == SourceFormat.CSV ? ":row " : ":feature ";
    Set<String> seen = new HashSet<>();
    List<PopulationUnit> units = new ArrayList<>();
    for (Feature f : loaded.layer().features()) {
      String where = file + unit + f.index();
      String code = f.text(codeColumn);
      if (code == null || code.isBlank()) {
        report.add(ProblemCode.MISSING_CODE, where, "no value in " + codeColumn);
        continue;
      }
      long n = CsvTable.parseCount(f.text(populationColumn));
      if (n < 0) {
        report.add(
            ProblemCode.UNPARSABLE_VALUE,
            where,
            "'"
                + f.text(populationColumn)
                + "' in "
                + populationColumn
                + " is not a number of residents");
        continue;
      }
      if (!seen.add(code)) {
        report.add(ProblemCode.DUPLICATE_CODE, where, code + " appears again; left out");
        continue;
      }
      String name = nameColumn == null ? code : f.text(nameColumn);
      units.add(new PopulationUnit(code, name, n, (Point) f.geometry(), null));
    }
    return units;
  }
}
