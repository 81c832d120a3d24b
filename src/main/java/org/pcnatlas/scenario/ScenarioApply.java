package org.pcnatlas.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.catchment.CatchmentMethod;
import org.pcnatlas.catchment.GivenCatchments;
import org.pcnatlas.catchment.NearestPractice;
import org.pcnatlas.catchment.RegistrationCatchments;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.load.PracticeLoader;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.Practice;

/**
 * Applies a scenario's changes, in order, to the baseline inputs: the changed inputs of each
 * method, ready for {@code Analysis.run} or {@link IncrementalAnalysis}. Each change is checked
 * against the state the earlier changes left, and a {@link ScenarioException} (code {@code
 * UnknownCode}, {@code InvalidChange} or {@code OutsideStudyArea}) names the field, e.g. {@code
 * changes[2].toPcn}.
 *
 * <p>What each change does:
 *
 * <ul>
 *   <li>{@code move-practice}: the practice takes the PCN's code and name.
 *   <li>{@code merge-pcns}: every practice of the merged PCNs takes the new code and name; the
 *       unallocated pseudo-PCN {@code U} cannot be merged.
 *   <li>{@code split-pcn}: the practices named, all of the PCN and not all of it, take the new code
 *       (not in use) and name.
 *   <li>{@code add-site}: a new practice at the site (inside the study area), with its list size.
 *       It has no registration rows, so the registration methods give it no LSOA.
 *   <li>{@code close-practice}: the practice goes, and its list is shared out, as the method
 *       implies, to the practices that take over its catchment: for {@code voronoi}, in proportion
 *       to the residents of its cell now nearest each remaining practice (other practices at the
 *       same site take it all, by their lists); for the registration methods, its patients in each
 *       LSOA go to the other practices registered there, in proportion to their patients there (to
 *       the practice nearest the LSOA when there is none), and the list follows the patients; for
 *       {@code distance} and {@code given}, the nearest remaining practice. Counts are whole
 *       patients, shared by largest remainder.
 *   <li>{@code regroup-network-areas}: the districts take the network areas given.
 * </ul>
 */
public final class ScenarioApply {
  private ScenarioApply() {}

  /**
   * The changed inputs per method name, in the baseline's method order; each holds that one method.
   *
   * @throws ScenarioException when a change does not fit the state the earlier ones left
   */
  public static Map<String, AnalysisInputs> apply(AnalysisInputs baseline, List<Change> changes) {
    Map<String, AnalysisInputs> out = new LinkedHashMap<>();
    PreparedGeometry region = PreparedGeometryFactory.prepare(baseline.region());
    for (CatchmentMethod method : baseline.methods()) {
      State state = new State(baseline, method);
      for (int i = 0; i < changes.size(); i++) {
        state.apply(changes.get(i), "changes[" + i + "]", region);
      }
      out.put(method.name(), state.inputs());
    }
    return out;
  }

  /**
   * Checks the changes against the baseline without keeping the result.
   *
   * @throws ScenarioException naming the first field that does not fit
   */
  public static void validate(AnalysisInputs baseline, List<Change> changes) {
    apply(baseline.withMethods(List.of(new VoronoiCatchments())), changes);
  }

  /** The configuration as the changes so far left it, for one method. */
  private static final class State {
    final AnalysisInputs baseline;
    final Map<String, Practice> practices = new LinkedHashMap<>();
    final Map<String, String> pcnNames = new TreeMap<>();
    final Map<String, String> groups = new LinkedHashMap<>();
    final Map<String, String> closedBy = new HashMap<>();
    CatchmentMethod method;
    boolean regrouped;

    State(AnalysisInputs baseline, CatchmentMethod method) {
      this.baseline = baseline;
      this.method = method;
      baseline.practices().forEach(p -> practices.put(p.code(), p));
      baseline.pcns().forEach(p -> pcnNames.put(p.code(), p.name()));
      baseline.districts().areas().forEach(a -> groups.put(a.code(), a.group()));
    }

    void apply(Change change, String field, PreparedGeometry region) {
      if (change instanceof Change.MovePractice m) {
        Practice p = practice(m.practice(), field + ".practice");
        pcn(m.toPcn(), field + ".toPcn");
        if (p.pcnCode().equals(m.toPcn())) {
          throw new ScenarioException(
              "InvalidChange",
              field + ".toPcn",
              field + ": practice " + p.code() + " is already in PCN " + m.toPcn());
        }
        practices.put(p.code(), withPcn(p, m.toPcn(), pcnNames.get(m.toPcn())));
      } else if (change instanceof Change.MergePcns m) {
        for (int j = 0; j < m.pcns().size(); j++) {
          String f = field + ".pcns[" + j + "]";
          pcn(m.pcns().get(j), f);
          if (Practice.UNALLOCATED.equals(m.pcns().get(j))) {
            throw new ScenarioException(
                "InvalidChange",
                f,
                f + ": the unallocated practices (U) are not a PCN and cannot be merged");
          }
        }
        if (Practice.UNALLOCATED.equals(m.intoCode())
            || (pcnNames.containsKey(m.intoCode()) && !m.pcns().contains(m.intoCode()))) {
          throw new ScenarioException(
              "InvalidChange",
              field + ".into.code",
              field
                  + ".into.code: "
                  + m.intoCode()
                  + " is another PCN's code; merge into one of the merged PCNs' codes or a new"
                  + " code");
        }
        m.pcns().forEach(pcnNames::remove);
        pcnNames.put(m.intoCode(), m.intoName());
        for (Practice p : List.copyOf(practices.values())) {
          if (m.pcns().contains(p.pcnCode())) {
            practices.put(p.code(), withPcn(p, m.intoCode(), m.intoName()));
          }
        }
      } else if (change instanceof Change.SplitPcn m) {
        pcn(m.pcn(), field + ".pcn");
        if (Practice.UNALLOCATED.equals(m.pcn())) {
          throw new ScenarioException(
              "InvalidChange",
              field + ".pcn",
              field + ".pcn: the unallocated practices (U) are not a PCN and cannot be split");
        }
        for (int j = 0; j < m.practices().size(); j++) {
          String f = field + ".practices[" + j + "]";
          Practice p = practice(m.practices().get(j), f);
          if (!p.pcnCode().equals(m.pcn())) {
            throw new ScenarioException(
                "InvalidChange",
                f,
                f + ": practice " + p.code() + " is in PCN " + p.pcnCode() + ", not " + m.pcn());
          }
        }
        long members = practices.values().stream().filter(p -> p.pcnCode().equals(m.pcn())).count();
        if (members == m.practices().size()) {
          throw new ScenarioException(
              "InvalidChange",
              field + ".practices",
              field
                  + ".practices: these are all the practices of "
                  + m.pcn()
                  + "; a split leaves some behind");
        }
        if (pcnNames.containsKey(m.intoCode()) || Practice.UNALLOCATED.equals(m.intoCode())) {
          throw new ScenarioException(
              "InvalidChange",
              field + ".into.code",
              field
                  + ".into.code: "
                  + m.intoCode()
                  + " is already a PCN's code; a split needs a new one");
        }
        pcnNames.put(m.intoCode(), m.intoName());
        for (String code : m.practices()) {
          practices.put(code, withPcn(practices.get(code), m.intoCode(), m.intoName()));
        }
      } else if (change instanceof Change.AddSite a) {
        if (practices.containsKey(a.code()) || closedBy.containsKey(a.code())) {
          throw new ScenarioException(
              "InvalidChange",
              field + ".code",
              field + ".code: practice code " + a.code() + " is already in use");
        }
        pcn(a.pcn(), field + ".pcn");
        if (!region.covers(a.location())) {
          String f = field + (a.lon() != null ? ".lon" : ".easting");
          String where =
              a.lon() != null
                  ? "lon " + a.lon() + ", lat " + a.lat()
                  : "easting " + a.easting() + ", northing " + a.northing();
          throw new ScenarioException(
              "OutsideStudyArea", f, f + ": the site (" + where + ") is outside the study area");
        }
        practices.put(
            a.code(),
            new Practice(
                a.code(),
                a.name(),
                a.pcn(),
                pcnNames.get(a.pcn()),
                a.listSize(),
                a.location(),
                true));
      } else if (change instanceof Change.ClosePractice c) {
        Practice p = practice(c.practice(), field + ".practice");
        if (practices.size() == 1) {
          throw new ScenarioException(
              "InvalidChange",
              field + ".practice",
              field + ": " + p.code() + " is the last practice and cannot be closed");
        }
        close(p);
        closedBy.put(p.code(), field);
      } else if (change instanceof Change.RegroupNetworkAreas r) {
        for (String d : r.districts().keySet()) {
          if (!groups.containsKey(d)) {
            throw new ScenarioException(
                "UnknownCode",
                field + ".districts." + d,
                field + ".districts." + d + ": there is no district " + d);
          }
        }
        groups.putAll(r.districts());
        if (groups.values().stream().anyMatch(g -> g == null || g.isBlank())) {
          throw new ScenarioException(
              "InvalidChange",
              field + ".districts",
              field
                  + ".districts: the baseline has no network areas, so every district needs one;"
                  + " missing: "
                  + String.join(
                      ", ",
                      groups.entrySet().stream()
                          .filter(e -> e.getValue() == null || e.getValue().isBlank())
                          .map(Map.Entry::getKey)
                          .toList()));
        }
        regrouped = true;
      }
    }

    private Practice practice(String code, String field) {
      Practice p = practices.get(code);
      if (p == null) {
        String why =
            closedBy.containsKey(code)
                ? "practice " + code + " was closed by " + closedBy.get(code)
                : "there is no practice " + code;
        throw new ScenarioException("UnknownCode", field, field + ": " + why);
      }
      return p;
    }

    private void pcn(String code, String field) {
      if (!pcnNames.containsKey(code)) {
        throw new ScenarioException(
            "UnknownCode", field, field + ": there is no PCN " + code + " (now)");
      }
    }

    private static Practice withPcn(Practice p, String pcn, String pcnName) {
      return new Practice(
          p.code(), p.name(), pcn, pcnName, p.listSize(), p.location(), p.insideStudyArea());
    }

    private static Practice withList(Practice p, long added) {
      long list = (p.listSize() == null ? 0 : p.listSize()) + added;
      return new Practice(
          p.code(), p.name(), p.pcnCode(), p.pcnName(), list, p.location(), p.insideStudyArea());
    }

    /** Removes the practice and shares its list out as the method implies. */
    private void close(Practice closed) {
      practices.remove(closed.code());
      List<Practice> remaining = List.copyOf(practices.values());
      Map<String, Double> weights;
      if (method instanceof RegistrationCatchments r) {
        weights = closeRegistrations(r, closed, remaining);
      } else if (method instanceof VoronoiCatchments) {
        weights = voronoiWeights(closed, remaining);
      } else {
        if (method instanceof GivenCatchments g) {
          Map<String, Geometry> polygons = new TreeMap<>(g.polygons());
          polygons.remove(closed.code());
          method = new GivenCatchments(polygons);
        }
        weights = Map.of(nearest(closed.location().getCoordinate(), remaining).code(), 1.0);
      }
      if (closed.listSize() == null || closed.listSize() == 0) {
        return;
      }
      if (weights.isEmpty()) {
        weights = Map.of(nearest(closed.location().getCoordinate(), remaining).code(), 1.0);
      }
      largestRemainder(closed.listSize(), weights)
          .forEach((code, n) -> practices.put(code, withList(practices.get(code), n)));
    }

    /**
     * Voronoi: the residents of the closed practice's cell (units whose nearest practice it was) go
     * to their nearest remaining practice; other practices at the same site take the cell whole, by
     * their lists.
     */
    private Map<String, Double> voronoiWeights(Practice closed, List<Practice> remaining) {
      Coordinate site = closed.location().getCoordinate();
      Map<String, Double> weights = new TreeMap<>();
      for (Practice p : remaining) {
        if (p.location().getCoordinate().equals2D(site)) {
          weights.put(p.code(), Math.max(1.0, p.listSize() == null ? 0.0 : p.listSize()));
        }
      }
      if (!weights.isEmpty()) {
        return weights;
      }
      List<Practice> before = new ArrayList<>(remaining);
      before.add(closed);
      // the 2-d tree over the remaining sites rules out, without a scan of every practice, each
      // unit that a remaining practice is strictly nearer than the closed one (most of them); the
      // few left are decided by the scan, with its tie rule
      NearestPractice others = NearestPractice.of(remaining);
      for (PopulationUnit u : baseline.population()) {
        Coordinate c = unitPoint(u);
        if (c == null || u.population() <= 0) {
          continue;
        }
        Coordinate other = others.nearest(c).location();
        if (distanceSq(c, site) > distanceSq(c, other)) {
          continue;
        }
        if (nearest(c, before) == closed) {
          weights.merge(nearest(c, remaining).code(), (double) u.population(), Double::sum);
        }
      }
      return weights;
    }

    /**
     * Registration: the closed practice's patients in each LSOA go to the other practices
     * registered there (in proportion), else to the practice nearest the LSOA; returns the patients
     * each took, which its list follows.
     */
    private Map<String, Double> closeRegistrations(
        RegistrationCatchments r, Practice closed, List<Practice> remaining) {
      Map<String, Map<String, Long>> patients = r.patients();
      Map<String, Double> received = new TreeMap<>();
      for (Map.Entry<String, Map<String, Long>> e : patients.entrySet()) {
        Map<String, Long> byPractice = e.getValue();
        Long n = byPractice.remove(closed.code());
        if (n == null || n == 0) {
          continue;
        }
        Map<String, Double> others = new TreeMap<>();
        byPractice.forEach(
            (code, k) -> {
              if (practices.containsKey(code) && k > 0) {
                others.put(code, k.doubleValue());
              }
            });
        if (others.isEmpty()) {
          Geometry lsoa = r.lsoas().get(e.getKey());
          Coordinate c =
              lsoa == null
                  ? closed.location().getCoordinate()
                  : lsoa.getInteriorPoint().getCoordinate();
          others.put(nearest(c, remaining).code(), 1.0);
        }
        largestRemainder(n, others)
            .forEach(
                (code, k) -> {
                  byPractice.merge(code, k, Long::sum);
                  received.merge(code, k.doubleValue(), Double::sum);
                });
      }
      method = r.withPatients(patients);
      return received;
    }

    AnalysisInputs inputs() {
      List<Practice> list = List.copyOf(practices.values());
      AreaLayer districts = baseline.districts();
      if (regrouped) {
        List<Area> areas = new ArrayList<>();
        for (Area a : districts.areas()) {
          areas.add(new Area(a.code(), a.name(), a.geometry(), groups.get(a.code())));
        }
        districts = new AreaLayer(Analysis.DISTRICTS, areas);
      }
      return baseline.withConfiguration(
          list,
          PracticeLoader.pcns(list).stream()
              .map(
                  p ->
                      new org.pcnatlas.model.Pcn(
                          p.code(),
                          pcnNames.getOrDefault(p.code(), p.name()),
                          p.practiceCodes(),
                          p.registeredList()))
              .toList(),
          districts,
          List.of(method));
    }
  }

  private static Coordinate unitPoint(PopulationUnit u) {
    if (u.centroid() != null) {
      return u.centroid().getCoordinate();
    }
    return u.polygon() == null ? null : u.polygon().getInteriorPoint().getCoordinate();
  }

  private static double distanceSq(Coordinate a, Coordinate b) {
    return (a.x - b.x) * (a.x - b.x) + (a.y - b.y) * (a.y - b.y);
  }

  /** The practice nearest the point; ties to the lowest practice code. */
  static Practice nearest(Coordinate c, List<Practice> practices) {
    Practice best = null;
    double bestD = Double.POSITIVE_INFINITY;
    for (Practice p : practices) {
      double d = distanceSq(p.location().getCoordinate(), c);
      if (d < bestD || (d == bestD && best != null && p.code().compareTo(best.code()) < 0)) {
        best = p;
        bestD = d;
      }
    }
    return best;
  }

  /**
   * A whole number shared in proportion to the weights: floors first, then one each to the largest
   * remainders (ties to the first key).
   */
  static Map<String, Long> largestRemainder(long total, Map<String, Double> weights) {
    double sum = weights.values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Long> out = new TreeMap<>();
    if (sum <= 0) {
      String first = weights.keySet().stream().min(Comparator.naturalOrder()).orElseThrow();
      out.put(first, total);
      return out;
    }
    List<Map.Entry<String, Double>> rest = new ArrayList<>();
    long given = 0;
    for (Map.Entry<String, Double> e : new TreeMap<>(weights).entrySet()) {
      double exact = total * e.getValue() / sum;
      long floor = (long) Math.floor(exact);
      out.put(e.getKey(), floor);
      given += floor;
      rest.add(Map.entry(e.getKey(), exact - floor));
    }
    rest.sort(
        Comparator.comparing((Map.Entry<String, Double> e) -> e.getValue())
            .reversed()
            .thenComparing(Map.Entry::getKey));
    for (int i = 0; given < total; i = (i + 1) % rest.size()) {
      out.merge(rest.get(i).getKey(), 1L, Long::sum);
      given++;
    }
    out.values().removeIf(n -> n == 0);
    return out;
  }
}
