package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygonal;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.geo.GeometryRepair;
import org.pcnatlas.model.Practice;

/**
 * Catchments drawn by the user: a polygon per practice, unioned per PCN and clipped to the study
 * area. User polygons may overlap, so {@code overlapping} is true. A practice without a polygon is
 * noted and given an empty catchment; a polygon for a practice not among the practices is an error
 * naming the code; an invalid polygon is repaired by {@link GeometryRepair} and noted.
 */
public final class GivenCatchments implements CatchmentMethod {
  /** The method's name. */
  public static final String NAME = "given";

  private final Map<String, Geometry> polygons;

  /**
   * @param polygons practice code -> catchment polygon or multipolygon in EPSG:27700
   */
  public GivenCatchments(Map<String, Geometry> polygons) {
    Map<String, Geometry> copy = new TreeMap<>();
    polygons.forEach(
        (code, g) -> {
          if (!(g instanceof Polygonal)) {
            throw new IllegalArgumentException(
                "the catchment of practice "
                    + code
                    + " must be a polygon or multipolygon, not "
                    + (g == null ? "missing" : "a " + g.getGeometryType()));
          }
          copy.put(code, g);
        });
    this.polygons = copy;
  }

  /** The polygons per practice code, sorted by code. */
  public Map<String, Geometry> polygons() {
    return java.util.Collections.unmodifiableMap(polygons);
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public CatchmentSet compute(List<Practice> practices, Geometry region) {
    Region area = Region.of(region);
    Catchments.requireUniqueCodes(practices);
    Set<String> known = new HashSet<>();
    practices.forEach(p -> known.add(p.code()));
    for (String code : polygons.keySet()) {
      if (!known.contains(code)) {
        throw new IllegalArgumentException(
            "a catchment polygon is given for practice "
                + code
                + ", which is not a known practice");
      }
    }
    List<String> notes = new ArrayList<>();
    Map<String, Geometry> usable = repaired(notes);
    List<PracticeCatchment> practiceCatchments = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (Practice p : practices.stream().sorted(Comparator.comparing(Practice::code)).toList()) {
      Geometry g = usable.get(p.code());
      if (g == null) {
        missing.add(p.code());
      }
      practiceCatchments.add(
          new PracticeCatchment(
              p.code(), p.pcnCode(), g == null ? Catchments.empty() : area.clip(g)));
    }
    if (!missing.isEmpty()) {
      notes.add(
          "practices without a catchment polygon, left out of their PCN's catchment: "
              + String.join(", ", missing));
    }
    List<Catchment> pcns = PerPcn.unionAndClip(practices, usable, area, notes);
    return new CatchmentSet(NAME, pcns, practiceCatchments, true, notes);
  }

  private Map<String, Geometry> repaired(List<String> notes) {
    Map<String, Geometry> usable = new TreeMap<>();
    polygons.forEach(
        (code, g) -> {
          if (g.isValid()) {
            usable.put(code, g);
            return;
          }
          GeometryRepair.Outcome o = GeometryRepair.repair(g, GeoUtils.MILLIMETRE);
          notes.add(
              "the catchment polygon of practice "
                  + code
                  + " was invalid and was repaired ("
                  + (o.repaired() ? o.reason() : "fixed by rounding to the millimetre")
                  + ")");
          usable.put(code, Catchments.polygonal(o.geometry()));
        });
    return usable;
  }
}
