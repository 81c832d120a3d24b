package org.pcnatlas.overlay;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.catchment.Catchments;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;

/**
 * Dissolves the areas of a layer by their group: districts into network areas. The areas of one
 * group are edge-matched, so they are dissolved with the coverage union; if they are not (a layer
 * from two sources), with the robust overlay union ({@link Catchments#dissolveCoverage}).
 */
public final class AreaGroups {
  private AreaGroups() {}

  /**
   * One area per group, code and name = the group, sorted by group.
   *
   * @throws IllegalArgumentException naming the first area that has no group
   */
  public static AreaLayer dissolve(AreaLayer layer, String name) {
    Map<String, List<Geometry>> groups = new TreeMap<>();
    for (Area a : layer.areas()) {
      if (a.group() == null || a.group().isBlank()) {
        throw new IllegalArgumentException(
            layer.name() + " " + a.code() + " (" + a.name() + ") belongs to no group");
      }
      groups.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a.geometry());
    }
    List<Area> out = new ArrayList<>();
    groups.forEach((group, parts) -> out.add(new Area(group, group, union(parts, true), null)));
    return new AreaLayer(name, out);
  }

  /**
   * The union of polygons: the checked coverage union when they are said to be a coverage
   * (edge-matched, not overlapping), else the robust overlay union.
   */
  public static Geometry union(List<Geometry> parts, boolean coverage) {
    return coverage ? Catchments.dissolveCoverage(parts).geometry() : Catchments.union(parts);
  }
}
