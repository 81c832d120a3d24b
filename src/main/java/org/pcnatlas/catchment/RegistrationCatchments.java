package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.TreeSet;
import org.locationtech.jts.coverage.CoverageUnion;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.Polygonal;
import org.locationtech.jts.geom.TopologyException;
import org.locationtech.jts.geom.prep.PreparedGeometry;
import org.locationtech.jts.geom.prep.PreparedGeometryFactory;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.locationtech.jts.operation.overlayng.OverlayNG;
import org.locationtech.jts.operation.overlayng.OverlayNGRobust;
import org.pcnatlas.geo.GeoUtils;
import org.pcnatlas.model.Practice;
import org.pcnatlas.model.Registration;

/**
 * PCN catchments from where registered patients live: the NHS practice x LSOA registrations, as in
 * the SW AHSN reference method. For each LSOA, a PCN's share is its member practices' patients from
 * that LSOA over all patients registered from it (at any practice, the unallocated pseudo-PCN
 * {@code U} and practices outside the practice list included).
 *
 * <ul>
 *   <li>{@code registration} (first past the post): each LSOA goes to the PCN with the largest
 *       share; a tie goes to the lowest PCN code. Practice catchments are drawn the same way, ties
 *       to the lowest practice code. Catchments do not overlap.
 *   <li>{@code registration-min-share}: each LSOA goes to every PCN whose share is at least the
 *       minimum share; catchments overlap. No practice catchments.
 * </ul>
 *
 * <p>The LSOAs of a catchment are dissolved with {@link CoverageUnion} (LSOA polygons are
 * edge-matched), falling back to {@link OverlayNGRobust} when that fails, and clipped to the region
 * only where they reach outside it. LSOAs without registrations, registrations to LSOAs without a
 * polygon and patients of practices outside the practice list are counted in the notes.
 */
public final class RegistrationCatchments implements CatchmentMethod {
  /** The name of the first-past-the-post method. */
  public static final String FPTP = "registration";

  /** The name of the minimum-share method. */
  public static final String MIN_SHARE = "registration-min-share";

  private static final int EXAMPLES = 5;

  /**
   * One PCN's registered patients from one LSOA (only LSOAs with a polygon and PCNs of the practice
   * list with at least one registration row there).
   *
   * @param pcnPatients patients from this LSOA at the PCN's member practices
   * @param lsoaPatients patients from this LSOA at any practice
   * @param share {@code pcnPatients / lsoaPatients}; 0 when the LSOA has no patients
   * @param assigned true when the method gives this LSOA to this PCN
   */
  public record LsoaAssignment(
      String lsoaCode,
      String pcnCode,
      long pcnPatients,
      long lsoaPatients,
      double share,
      boolean assigned) {}

  /** Everything {@link #analyse} found: the table, the practice winners and the notes. */
  private record Analysis(
      List<LsoaAssignment> assignments, Map<String, String> practiceByLsoa, List<String> notes) {}

  /** The counts of one pass over the LSOAs, turned into notes at the end. */
  private static final class Tally {
    final List<String> noRegistrations = new ArrayList<>();
    final List<String> noPolygon = new ArrayList<>();
    long noPolygonPatients;
    final List<String> noPcn = new ArrayList<>();
    final List<String> pcnTies = new ArrayList<>();
    final List<String> practiceTies = new ArrayList<>();
    final List<String> outweighed = new ArrayList<>();
  }

  private final Map<String, Map<String, Long>> patients; // LSOA -> practice -> patients
  private final Map<String, Geometry> lsoas;
  private final OptionalDouble minShare;

  /**
   * @param registrations practice x LSOA registrations; repeated (practice, LSOA) pairs are added
   * @param lsoas LSOA code -> polygon in EPSG:27700
   * @param minShare empty for first past the post; else the minimum share, 0 &lt; share &le; 1
   * @throws IllegalArgumentException naming the value when the minimum share is out of range, or
   *     the LSOA whose geometry is not polygonal
   */
  public RegistrationCatchments(
      List<Registration> registrations, Map<String, Geometry> lsoas, OptionalDouble minShare) {
    Objects.requireNonNull(minShare, "minShare");
    if (minShare.isPresent() && !(minShare.getAsDouble() > 0 && minShare.getAsDouble() <= 1)) {
      throw new IllegalArgumentException(
          "min share must be greater than 0 and at most 1, got " + minShare.getAsDouble());
    }
    this.minShare = minShare;
    this.lsoas = new TreeMap<>();
    lsoas.forEach(
        (code, geometry) -> {
          if (!(geometry instanceof Polygonal)) {
            throw new IllegalArgumentException(
                "LSOA " + code + " is not a polygon: " + (geometry == null ? "null" : geometry));
          }
          this.lsoas.put(code, geometry);
        });
    this.patients = new TreeMap<>();
    for (Registration r : registrations) {
      patients
          .computeIfAbsent(r.lsoaCode(), k -> new TreeMap<>())
          .merge(r.practiceCode(), r.patients(), Long::sum);
    }
  }

  private RegistrationCatchments(
      Map<String, Map<String, Long>> patients,
      Map<String, Geometry> lsoas,
      OptionalDouble minShare) {
    this.minShare = minShare;
    this.lsoas = lsoas;
    this.patients = new TreeMap<>();
    patients.forEach(
        (lsoa, byPractice) -> {
          Map<String, Long> copy = new TreeMap<>();
          byPractice.forEach(
              (practice, n) -> {
                if (n < 0) {
                  throw new IllegalArgumentException(
                      "negative patients for practice " + practice + " in LSOA " + lsoa);
                }
                if (n > 0) {
                  copy.put(practice, n);
                }
              });
          if (!copy.isEmpty()) {
            this.patients.put(lsoa, copy);
          }
        });
  }

  /** The registrations the method draws from: LSOA -> practice -> patients, both sorted. */
  public Map<String, Map<String, Long>> patients() {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    patients.forEach((lsoa, byPractice) -> copy.put(lsoa, new TreeMap<>(byPractice)));
    return copy;
  }

  /** The LSOA polygons the method dissolves (code -> polygon, sorted by code). */
  public Map<String, Geometry> lsoas() {
    return java.util.Collections.unmodifiableMap(lsoas);
  }

  /**
   * The same method (LSOA polygons, minimum share) over other registrations, e.g. a closed
   * practice's patients given to the practices that take them over. Zero counts are left out.
   *
   * @param patients LSOA -> practice -> patients
   */
  public RegistrationCatchments withPatients(Map<String, Map<String, Long>> patients) {
    return new RegistrationCatchments(patients, lsoas, minShare);
  }

  @Override
  public String name() {
    return minShare.isPresent() ? MIN_SHARE : FPTP;
  }

  /**
   * The per-LSOA table: for every LSOA with a polygon and every PCN of these practices registered
   * there, its patients, the LSOA's patients, the share and whether the LSOA goes to it. Sorted by
   * LSOA code, then PCN code.
   */
  public List<LsoaAssignment> assignments(List<Practice> practices) {
    return analyse(practices).assignments();
  }

  @Override
  public CatchmentSet compute(List<Practice> practices, Geometry region) {
    Objects.requireNonNull(region, "region");
    Analysis analysis = analyse(practices);
    List<String> notes = new ArrayList<>(analysis.notes());
    Dissolver dissolver = new Dissolver(region);
    List<Catchment> pcns = pcnCatchments(practices, analysis.assignments(), dissolver);
    List<PracticeCatchment> practiceCatchments =
        minShare.isPresent()
            ? List.of()
            : practiceCatchments(practices, analysis.practiceByLsoa(), dissolver);
    List<String> empty =
        pcns.stream().filter(c -> c.geometry().isEmpty()).map(Catchment::pcnCode).toList();
    if (!empty.isEmpty()) {
      notes.add(
          empty.size() + " PCNs are given no LSOA and have an empty catchment: " + list(empty));
    }
    notes.addAll(dissolver.notes());
    return new CatchmentSet(name(), pcns, practiceCatchments, minShare.isPresent(), notes);
  }

  // ---- the shares and the assignment table ----

  private Analysis analyse(List<Practice> practices) {
    Map<String, String> pcnOf = pcnOf(practices);
    Tally tally = new Tally();
    List<LsoaAssignment> table = new ArrayList<>();
    Map<String, String> practiceByLsoa = new TreeMap<>();
    TreeSet<String> codes = new TreeSet<>(lsoas.keySet());
    codes.addAll(patients.keySet());
    for (String lsoa : codes) {
      Map<String, Long> atPractice = patients.getOrDefault(lsoa, Map.of());
      long total = atPractice.values().stream().mapToLong(Long::longValue).sum();
      if (!lsoas.containsKey(lsoa)) {
        tally.noPolygon.add(lsoa);
        tally.noPolygonPatients += total;
      } else if (total == 0) {
        tally.noRegistrations.add(lsoa);
      } else {
        table.addAll(assignLsoa(lsoa, atPractice, total, pcnOf, tally));
        if (minShare.isEmpty()) {
          String practice = winner(lsoa, listed(atPractice, pcnOf), tally.practiceTies);
          if (practice != null) {
            practiceByLsoa.put(lsoa, practice);
          }
        }
      }
    }
    return new Analysis(table, practiceByLsoa, notes(tally, practices, pcnOf));
  }

  /** Practice code -> PCN code; a practice listed twice with different PCNs is an error. */
  private static Map<String, String> pcnOf(List<Practice> practices) {
    Map<String, String> pcnOf = new LinkedHashMap<>();
    for (Practice p : practices) {
      String before = pcnOf.putIfAbsent(p.code(), p.pcnCode());
      if (before != null && !before.equals(p.pcnCode())) {
        throw new IllegalArgumentException(
            "practice " + p.code() + " is listed in PCN " + before + " and in " + p.pcnCode());
      }
    }
    return pcnOf;
  }

  /** The table rows of one LSOA with patients, and which PCNs it goes to. */
  private List<LsoaAssignment> assignLsoa(
      String lsoa, Map<String, Long> atPractice, long total, Map<String, String> pcnOf, Tally t) {
    Map<String, Long> perPcn = new TreeMap<>();
    long unlisted = 0;
    for (Map.Entry<String, Long> e : atPractice.entrySet()) {
      String pcn = pcnOf.get(e.getKey());
      if (pcn == null) {
        unlisted += e.getValue();
      } else {
        perPcn.merge(pcn, e.getValue(), Long::sum);
      }
    }
    String fptp = minShare.isPresent() ? null : winner(lsoa, perPcn, t.pcnTies);
    if (fptp != null && unlisted > perPcn.get(fptp)) {
      t.outweighed.add(lsoa);
    }
    List<LsoaAssignment> rows = new ArrayList<>();
    perPcn.forEach(
        (pcn, n) -> {
          double share = (double) n / total;
          boolean assigned =
              minShare.isPresent() ? n > 0 && share >= minShare.getAsDouble() : pcn.equals(fptp);
          rows.add(new LsoaAssignment(lsoa, pcn, n, total, share, assigned));
        });
    if (rows.stream().noneMatch(LsoaAssignment::assigned)) {
      t.noPcn.add(lsoa);
    }
    return rows;
  }

  /** The patients of the listed practices only. */
  private static Map<String, Long> listed(Map<String, Long> atPractice, Map<String, String> pcnOf) {
    Map<String, Long> listed = new TreeMap<>(atPractice);
    listed.keySet().retainAll(pcnOf.keySet());
    return listed;
  }

  /**
   * The key with the most patients (more than none), the lowest key among equals; the LSOA is added
   * to {@code ties} when that broke a tie. {@code counts} is sorted by key.
   */
  private static String winner(String lsoa, Map<String, Long> counts, List<String> ties) {
    String best = null;
    long most = 0;
    boolean tied = false;
    for (Map.Entry<String, Long> e : counts.entrySet()) {
      if (e.getValue() > most) {
        best = e.getKey();
        most = e.getValue();
        tied = false;
      } else if (best != null && e.getValue() == most) {
        tied = true;
      }
    }
    if (tied) {
      ties.add(lsoa);
    }
    return best;
  }

  // ---- notes ----

  private List<String> notes(Tally t, List<Practice> practices, Map<String, String> pcnOf) {
    List<String> notes = new ArrayList<>();
    if (minShare.isPresent()) {
      notes.add(
          "each LSOA goes to every PCN with at least "
              + minShare.getAsDouble()
              + " of its registered patients; catchments overlap");
    } else {
      notes.add(
          t.pcnTies.size()
              + " LSOAs tied between PCNs, each given to the lowest PCN code"
              + examples(t.pcnTies));
      notes.add(
          t.practiceTies.size()
              + " LSOAs tied between practices, each given to the lowest practice code"
              + examples(t.practiceTies));
    }
    if (!t.noRegistrations.isEmpty()) {
      notes.add(
          t.noRegistrations.size()
              + " LSOAs have no registered patients and are in no catchment"
              + examples(t.noRegistrations));
    }
    if (!t.noPolygon.isEmpty()) {
      notes.add(
          t.noPolygonPatients
              + " patients are registered from "
              + t.noPolygon.size()
              + " LSOA codes that have no polygon and are in no catchment"
              + examples(t.noPolygon));
    }
    unlistedPracticesNote(pcnOf).ifPresent(notes::add);
    if (!t.noPcn.isEmpty()) {
      notes.add(
          t.noPcn.size()
              + " LSOAs with patients go to no PCN (no listed practice"
              + (minShare.isPresent() ? " reaches the minimum share" : " has patients there")
              + ")"
              + examples(t.noPcn));
    }
    if (!t.outweighed.isEmpty()) {
      notes.add(
          t.outweighed.size()
              + " LSOAs go to a PCN with fewer of their patients than practices outside the"
              + " practice list have together"
              + examples(t.outweighed));
    }
    return notes;
  }

  /** Patients at practices that are not in the practice list, if any. */
  private Optional<String> unlistedPracticesNote(Map<String, String> pcnOf) {
    Map<String, Long> unlisted = new TreeMap<>();
    patients.values().stream()
        .flatMap(m -> m.entrySet().stream())
        .filter(e -> !pcnOf.containsKey(e.getKey()))
        .forEach(e -> unlisted.merge(e.getKey(), e.getValue(), Long::sum));
    if (unlisted.isEmpty()) {
      return Optional.empty();
    }
    long n = unlisted.values().stream().mapToLong(Long::longValue).sum();
    return Optional.of(
        n
            + " patients of "
            + unlisted.size()
            + " practices not in the practice list count in their LSOA's total but in no PCN"
            + examples(new ArrayList<>(unlisted.keySet())));
  }

  private static String examples(List<String> codes) {
    return codes.isEmpty() ? "" : " (" + list(codes) + ")";
  }

  private static String list(List<String> codes) {
    String shown = String.join(", ", codes.subList(0, Math.min(EXAMPLES, codes.size())));
    return codes.size() > EXAMPLES ? shown + ", ..." : shown;
  }

  // ---- geometry ----

  private List<Catchment> pcnCatchments(
      List<Practice> practices, List<LsoaAssignment> table, Dissolver dissolver) {
    Map<String, List<Geometry>> parts = new TreeMap<>();
    for (LsoaAssignment a : table) {
      if (a.assigned()) {
        parts.computeIfAbsent(a.pcnCode(), k -> new ArrayList<>()).add(lsoas.get(a.lsoaCode()));
      }
    }
    Map<String, List<Practice>> members = new TreeMap<>();
    practices.forEach(p -> members.computeIfAbsent(p.pcnCode(), k -> new ArrayList<>()).add(p));
    List<Catchment> catchments = new ArrayList<>();
    members.forEach(
        (pcn, ps) ->
            catchments.add(
                new Catchment(
                    pcn,
                    pcnName(pcn, ps),
                    ps.stream().map(Practice::code).distinct().sorted().toList(),
                    dissolver.apply("PCN " + pcn, parts.getOrDefault(pcn, List.of())))));
    return catchments;
  }

  private static String pcnName(String pcn, List<Practice> members) {
    return members.stream()
        .map(Practice::pcnName)
        .filter(n -> n != null && !n.isBlank())
        .findFirst()
        .orElse(pcn);
  }

  private List<PracticeCatchment> practiceCatchments(
      List<Practice> practices, Map<String, String> practiceByLsoa, Dissolver dissolver) {
    Map<String, List<Geometry>> parts = new TreeMap<>();
    practiceByLsoa.forEach(
        (lsoa, practice) ->
            parts.computeIfAbsent(practice, k -> new ArrayList<>()).add(lsoas.get(lsoa)));
    Map<String, Practice> byCode = new TreeMap<>();
    practices.forEach(p -> byCode.putIfAbsent(p.code(), p));
    return byCode.values().stream()
        .map(
            p ->
                new PracticeCatchment(
                    p.code(),
                    p.pcnCode(),
                    dissolver.apply(
                        "practice " + p.code(), parts.getOrDefault(p.code(), List.of()))))
        .toList();
  }

  /**
   * Dissolves LSOAs into one catchment and clips it to the region where it reaches outside;
   * remembers which catchments needed the fallback union or a clip.
   */
  private static final class Dissolver {
    private final Geometry region;
    private final PreparedGeometry prepared;
    private final List<String> fallbacks = new ArrayList<>();
    private final List<String> clipped = new ArrayList<>();

    Dissolver(Geometry region) {
      this.region = region;
      this.prepared = PreparedGeometryFactory.prepare(region);
    }

    Geometry apply(String owner, List<Geometry> parts) {
      if (parts.isEmpty()) {
        return GeoUtils.FACTORY.createPolygon();
      }
      return clip(owner, union(owner, parts));
    }

    private Geometry union(String owner, List<Geometry> parts) {
      if (parts.size() == 1) {
        return parts.get(0).copy();
      }
      try {
        Geometry union = CoverageUnion.union(parts.toArray(Geometry[]::new));
        if (union != null && union.isValid()) {
          return union;
        }
      } catch (TopologyException | IllegalArgumentException e) {
        // not an edge-matched coverage: fall through to the overlay union
      }
      fallbacks.add(owner);
      return polygonal(OverlayNGRobust.union(parts));
    }

    private Geometry clip(String owner, Geometry catchment) {
      if (prepared.containsProperly(catchment) || prepared.covers(catchment)) {
        return catchment;
      }
      clipped.add(owner);
      return polygonal(OverlayNGRobust.overlay(catchment, region, OverlayNG.INTERSECTION));
    }

    List<String> notes() {
      List<String> notes = new ArrayList<>();
      if (!fallbacks.isEmpty()) {
        notes.add(
            fallbacks.size()
                + " catchments' LSOAs are not an edge-matched coverage; dissolved with"
                + " OverlayNGRobust instead of CoverageUnion"
                + examples(fallbacks));
      }
      if (!clipped.isEmpty()) {
        notes.add(
            clipped.size()
                + " catchments reach outside the study area and were clipped to it"
                + examples(clipped));
      }
      return notes;
    }
  }

  /** The polygons of an overlay result (dropping any lines or points where parts only touch). */
  private static Geometry polygonal(Geometry g) {
    if (g instanceof Polygonal) {
      return g;
    }
    @SuppressWarnings("unchecked")
    List<Polygon> polygons = PolygonExtracter.getPolygons(g);
    return polygons.size() == 1
        ? polygons.get(0)
        : GeoUtils.FACTORY.createMultiPolygon(polygons.toArray(Polygon[]::new));
  }
}
