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
    return regroup(layer, name, null, null);
  }

  /**
   * {@link #dissolve}, reusing the areas of {@code before} (the groups of {@code beforeLayer}) for
   * every group made of the same areas (the same geometries, in the same order): regrouping one
   * district dissolves again only the two groups it leaves and joins. Equal to {@link #dissolve}.
   */
  public static AreaLayer regroup(
      AreaLayer layer, String name, AreaLayer beforeLayer, AreaLayer before) {
    Map<String, List<Area>> groups = members(layer);
    Map<String, List<Area>> old = beforeLayer == null ? Map.of() : members(beforeLayer);
    Map<String, Area> previous = new TreeMap<>();
    if (before != null) {
      before.areas().forEach(a -> previous.put(a.code(), a));
    }
    List<Area> out = new ArrayList<>();
    groups.forEach(
        (group, parts) -> {
          Area kept = previous.get(group);
          if (kept != null && sameParts(parts, old.get(group))) {
            out.add(kept);
          } else {
            List<Geometry> geometries = parts.stream().map(Area::geometry).toList();
            out.add(new Area(group, group, union(geometries, true), null));
          }
        });
    return new AreaLayer(name, out);
  }

  /** The number of groups of {@code layer} not made of the same areas in {@code beforeLayer}. */
  public static int changedGroups(AreaLayer layer, AreaLayer beforeLayer) {
    Map<String, List<Area>> now = members(layer);
    Map<String, List<Area>> old = members(beforeLayer);
    int n = 0;
    for (Map.Entry<String, List<Area>> e : now.entrySet()) {
      n += sameParts(e.getValue(), old.get(e.getKey())) ? 0 : 1;
    }
    for (String g : old.keySet()) {
      n += now.containsKey(g) ? 0 : 1;
    }
    return n;
  }

  private static Map<String, List<Area>> members(AreaLayer layer) {
    Map<String, List<Area>> groups = new TreeMap<>();
    for (Area a : layer.areas()) {
      if (a.group() == null || a.group().isBlank()) {
        throw new IllegalArgumentException(
            layer.name() + " " + a.code() + " (" + a.name() + ") belongs to no group");
      }
      groups.computeIfAbsent(a.group(), g -> new ArrayList<>()).add(a);
    }
    return groups;
  }

  private static boolean sameParts(List<Area> a, List<Area> b) {
    if (b == null || a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).code().equals(b.get(i).code()) || a.get(i).geometry() != b.get(i).geometry()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The union of polygons: the checked coverage union when they are said to be a coverage
   * (edge-matched, not overlapping), else the robust overlay union.
   */
  public static Geometry union(List<Geometry> parts, boolean coverage) {
    return coverage ? Catchments.dissolveCoverage(parts).geometry() : Catchments.union(parts);
  }
}
