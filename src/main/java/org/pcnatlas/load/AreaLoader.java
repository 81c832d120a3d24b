package org.pcnatlas.load;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Polygonal;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Feature;
import org.pcnatlas.model.FeatureLayer;

/**
 * Builds an area layer (districts, localities, wards) from a loaded polygon layer: each feature's
 * code, name and, optionally, group (a district's network area). Rows without a code, repeated
 * codes and non-polygonal geometries are reported with their location and left out.
 */
public final class AreaLoader {
  /** Column names recognised for the code, in order, when none is given. */
  static final List<String> CODE_NAMES =
      List.of(
          "code",
          "district_code",
          "ltla24_code",
          "lad24cd",
          "lad23cd",
          "lad_cd",
          "locality_code",
          "ward_code",
          "ward22_code",
          "wd22cd",
          "lsoa_code",
          "lsoa21_code",
          "lsoa21cd",
          "area_code");

  /** Column names recognised for the name. */
  static final List<String> NAME_NAMES =
      List.of(
          "name",
          "district_name",
          "ltla24_name",
          "lad24nm",
          "lad23nm",
          "lad_nm",
          "locality_name",
          "ward_name",
          "ward22_name",
          "wd22nm",
          "lsoa_name",
          "lsoa21_name",
          "lsoa21nm",
          "area_name");

  /** The columns of a layer: the code's, the name's (null: none) and the group's (null: none). */
  public record Columns(String code, String name, String group) {}

  private AreaLoader() {}

  /** The code and name columns found among the recognised names, no group. */
  public static Columns detect(LoadedLayer loaded) {
    FeatureLayer layer = loaded.layer();
    String code =
        layer
            .findAttribute(CODE_NAMES)
            .orElseThrow(
                () ->
                    new LoadException(
                        loaded.file(),
                        "no area code column (looked for "
                            + String.join(", ", CODE_NAMES)
                            + "; the attributes are "
                            + String.join(", ", layer.attributes().keySet())
                            + ")"));
    return new Columns(code, layer.findAttribute(NAME_NAMES).orElse(null), null);
  }

  /**
   * The areas of a loaded layer.
   *
   * @param name the layer's name in the analysis ({@code districts}, {@code localities}, ...)
   */
  public static AreaLayer read(
      LoadedLayer loaded, String name, Columns columns, LoadReport report) {
    FeatureLayer layer = loaded.layer();
    for (String c : new String[] {columns.code(), columns.name(), columns.group()}) {
      if (c != null && !layer.attributes().containsKey(c)) {
        throw new LoadException(
            loaded.file(),
            "no attribute '"
                + c
                + "' (the attributes are "
                + String.join(", ", layer.attributes().keySet())
                + ")");
      }
    }
    String unit = loaded.format() == SourceFormat.CSV ? "row " : "feature ";
    String file = loaded.file().getFileName().toString();
    List<Area> areas = new ArrayList<>();
    Map<String, String> seen = new HashMap<>();
    for (Feature f : layer.features()) {
      String where = file + ":" + unit + f.index();
      String code = f.text(columns.code());
      if (code == null || code.isBlank()) {
        report.add(ProblemCode.MISSING_CODE, where, "no value in " + columns.code());
        continue;
      }
      if (!(f.geometry() instanceof Polygonal)) {
        report.add(
            ProblemCode.UNSUPPORTED_GEOMETRY,
            where,
            code + " is a " + f.geometry().getGeometryType() + ", not a polygon");
        continue;
      }
      String first = seen.putIfAbsent(code, where);
      if (first != null) {
        report.add(
            ProblemCode.DUPLICATE_CODE, where, code + " already read at " + first + "; left out");
        continue;
      }
      String areaName = columns.name() == null ? code : f.text(columns.name());
      String group = columns.group() == null ? null : f.text(columns.group());
      areas.add(new Area(code, areaName, f.geometry(), group));
    }
    return new AreaLayer(name, areas);
  }
}
