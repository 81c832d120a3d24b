package org.pcnatlas.analysis;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.catchment.CatchmentSet;
import org.pcnatlas.catchment.RegistrationCatchments;
import org.pcnatlas.catchment.VoronoiCatchments;

/**
 * The catchment stage of one method: the practices (and the method's own inputs) to one catchment
 * per PCN. For {@code voronoi} the cells are kept with the catchments (the later stages work on
 * cells), for the registration methods the LSOA table and dissolves.
 *
 * <p>{@link #redraw} draws the catchments of changed inputs from a previous drawing: voronoi cells
 * only where the Delaunay neighbourhood changed and only those PCNs dissolved again ({@link
 * VoronoiCatchments#redraw}); registration dissolves only where the LSOAs changed ({@link
 * RegistrationCatchments#computed}); any other method is drawn whole and compared PCN by PCN.
 * Either way it says which PCNs' catchments changed, so the later stages redo only those.
 */
final class CatchmentStage {
  private CatchmentStage() {}

  /**
   * One method's catchments.
   *
   * @param changed PCNs whose catchment geometry differs from the previous drawing's (new and gone
   *     ones included); every PCN for a drawing made whole
   * @param origin voronoi after a redraw: per cell, the index of the same cell in the previous
   *     drawing, or -1; null otherwise
   */
  record Drawn(
      CatchmentMethod method,
      CatchmentSet set,
      Map<String, Catchment> byCode,
      VoronoiCatchments.Drawn voronoi,
      RegistrationCatchments.Computed registration,
      Set<String> changed,
      int[] origin,
      int cellsRedrawn,
      int pcnsDissolved) {
    Drawn {
      changed = Collections.unmodifiableSet(changed);
    }

    boolean exclusive() {
      return !set.overlapping();
    }
  }

  static Drawn draw(CatchmentMethod method, AnalysisInputs in, StageTimer timer) {
    String m = method.name();
    if (method instanceof VoronoiCatchments v) {
      var cells = timer.time(m + ".cells", () -> v.cells(in.practices(), in.region()));
      VoronoiCatchments.Drawn drawn = timer.time(m + ".catchments", () -> v.dissolved(cells));
      return whole(method, drawn.catchments(), drawn, null, cells.size());
    }
    if (method instanceof RegistrationCatchments r) {
      RegistrationCatchments.Computed c =
          timer.time(m + ".catchments", () -> r.computed(in.practices(), in.region(), null));
      return whole(method, c.catchments(), null, c, 0);
    }
    CatchmentSet set =
        timer.time(m + ".catchments", () -> method.compute(in.practices(), in.region()));
    return whole(method, set, null, null, 0);
  }

  private static Drawn whole(
      CatchmentMethod method,
      CatchmentSet set,
      VoronoiCatchments.Drawn voronoi,
      RegistrationCatchments.Computed registration,
      int cells) {
    Map<String, Catchment> byCode = byCode(set);
    return new Drawn(
        method,
        set,
        byCode,
        voronoi,
        registration,
        new TreeSet<>(byCode.keySet()),
        null,
        cells,
        byCode.size());
  }

  /**
   * The catchments of changed inputs, from the previous drawing of the same method over the same
   * study area.
   */
  static Drawn redraw(Drawn previous, CatchmentMethod method, AnalysisInputs in, StageTimer timer) {
    String m = method.name();
    return timer.time(
        m + ".catchments",
        () -> {
          if (method instanceof VoronoiCatchments v && previous.voronoi() != null) {
            VoronoiCatchments.Redrawn r = v.redraw(previous.voronoi(), in.practices());
            CatchmentSet set = r.drawn().catchments();
            return new Drawn(
                method,
                set,
                byCode(set),
                r.drawn(),
                null,
                new TreeSet<>(r.changedPcns()),
                r.origin(),
                r.cellsRedrawn(),
                r.pcnsDissolved());
          }
          if (method instanceof RegistrationCatchments r && previous.registration() != null) {
            RegistrationCatchments.Computed before = previous.registration();
            RegistrationCatchments.Computed c = r.computed(in.practices(), in.region(), before);
            Set<String> changed = new TreeSet<>(before.pcns().keySet());
            changed.removeAll(c.pcns().keySet());
            c.pcns()
                .forEach(
                    (pcn, d) -> {
                      if (before.pcns().get(pcn) != d) {
                        changed.add(pcn);
                      }
                    });
            return new Drawn(
                method,
                c.catchments(),
                byCode(c.catchments()),
                null,
                c,
                changed,
                null,
                0,
                changed.size());
          }
          CatchmentSet set = method.compute(in.practices(), in.region());
          Map<String, Catchment> now = byCode(set);
          Set<String> changed = new TreeSet<>(previous.byCode().keySet());
          changed.addAll(now.keySet());
          now.forEach(
              (code, c) -> {
                Catchment old = previous.byCode().get(code);
                if (old != null && old.geometry().equalsExact(c.geometry())) {
                  changed.remove(code);
                }
              });
          return new Drawn(method, set, now, null, null, changed, null, 0, now.size());
        });
  }

  private static Map<String, Catchment> byCode(CatchmentSet set) {
    Map<String, Catchment> out = new TreeMap<>();
    set.pcns().forEach(c -> out.put(c.pcnCode(), c));
    return Collections.unmodifiableMap(out);
  }
}
