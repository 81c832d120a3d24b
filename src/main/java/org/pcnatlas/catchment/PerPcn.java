package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.locationtech.jts.geom.Geometry;
import org.pcnatlas.model.Practice;

/** PCN catchments as the union of the members' (possibly overlapping) practice polygons. */
final class PerPcn {
  private PerPcn() {}

  /**
   * One catchment per PCN, sorted by code: one robust union of its members' polygons, clipped to
   * the region. A practice without a polygon contributes nothing; a PCN left with no area is noted.
   *
   * @param polygonOf practice code -> polygon (practices without one are absent)
   */
  static List<Catchment> unionAndClip(
      List<Practice> practices, Map<String, Geometry> polygonOf, Region area, List<String> notes) {
    Map<String, List<Practice>> byPcn = Catchments.byPcn(practices);
    List<String> codes = new ArrayList<>(byPcn.keySet());
    Geometry[] geometries = new Geometry[codes.size()];
    IntStream.range(0, codes.size())
        .parallel()
        .forEach(
            k -> {
              List<Geometry> parts =
                  byPcn.get(codes.get(k)).stream()
                      .map(Practice::code)
                      .sorted()
                      .map(polygonOf::get)
                      .filter(g -> g != null)
                      .toList();
              geometries[k] = area.clip(Catchments.union(parts));
            });
    List<Catchment> pcns = new ArrayList<>();
    for (int k = 0; k < codes.size(); k++) {
      String code = codes.get(k);
      List<Practice> members = byPcn.get(code);
      if (geometries[k].isEmpty()) {
        notes.add("PCN " + code + " has no area in the study area");
      }
      pcns.add(
          new Catchment(
              code, Catchments.pcnName(code, members), Catchments.codes(members), geometries[k]));
    }
    return pcns;
  }
}
