package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 *   <li>{@code cumulative-share}: each PCN gets the fewest LSOAs that together hold at least the
 *       share of its registered patients. Its LSOAs are sorted by its patients there, most first,
 *       equal counts by LSOA code (ascending), and the catchment is the shortest prefix of that
 *       list whose sum reaches the share of the PCN's total: the prefix sum {@code s} reaches it
 *       when {@code (double) s / total >= share}, the comparison {@code registration-min-share}
 *       makes, so a share written as a decimal is met exactly when the counts meet it. So of two
 *       LSOAs with equal counts at the threshold the one with the lower code is taken, and only it
 *       when that reaches the share; share 1 takes every LSOA where the PCN has patients and never
 *       one where it has none. The total is the PCN's patients from LSOAs with a polygon (patients
 *       from codes without one are in no catchment under any rule, and are counted in the notes). A
 *       PCN with no patients in any such LSOA (none of its practices has registration rows) gets no
 *       catchment. The share is of the PCN's own patients, not of the LSOA's, so an LSOA can go to
 *       several PCNs (catchments overlap) or to none. No practice catchments, as for {@code
 *       registration-min-share}: the rule is about a PCN's list as a whole.
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

  /** The name of the cumulative-share method. */
  public static final String CUMULATIVE_SHARE = "cumulative-share";

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
    final List<String> cutTies = new ArrayList<>();
  }

  /**
   * How LSOAs are given to PCNs: one rule per method drawn from the registrations.
   *
   * @param kind the rule
   * @param share the share of {@link Kind#MIN_SHARE} (of an LSOA's patients) or of {@link
   *     Kind#CUMULATIVE_SHARE} (of a PCN's), 0 &lt; share &le; 1; 0 for {@link Kind#LARGEST_SHARE},
   *     which has none
   */
  public record Rule(Kind kind, double share) {
    /** The rules, each with the name of the method it makes. */
    public enum Kind {
      /** {@code registration}: each LSOA to the PCN with the largest share of its patients. */
      LARGEST_SHARE(FPTP),
      /** {@code registration-min-share}: each LSOA to every PCN with at least the share. */
      MIN_SHARE(RegistrationCatchments.MIN_SHARE),
      /**
       * {@code cumulative-share}: each PCN the fewest LSOAs holding at least the share of its
       * patients, most patients first, ties to the lower LSOA code.
       */
      CUMULATIVE_SHARE(RegistrationCatchments.CUMULATIVE_SHARE);

      private final String method;

      Kind(String method) {
        this.method = method;
      }
    }

    /**
     * @throws IllegalArgumentException naming the value when the share is out of range
     */
    public Rule {
      Objects.requireNonNull(kind, "kind");
      if (kind == Kind.LARGEST_SHARE) {
        if (share != 0) {
          throw new IllegalArgumentException("the largest-share rule takes no share, got " + share);
        }
      } else if (!(share > 0 && share <= 1)) {
        throw new IllegalArgumentException(
            kind.method + ": the share must be greater than 0 and at most 1, got " + share);
      }
    }

    /** First past the post ({@code registration}). */
    public static Rule largestShare() {
      return new Rule(Kind.LARGEST_SHARE, 0);
    }

    /** At least {@code share} of an LSOA's patients ({@code registration-min-share}). */
    public static Rule minShare(double share) {
      return new Rule(Kind.MIN_SHARE, share);
    }

    /**
     * The fewest LSOAs holding at least {@code share} of a PCN's patients ({@code
     * cumulative-share}).
     */
    public static Rule cumulativeShare(double share) {
      return new Rule(Kind.CUMULATIVE_SHARE, share);
    }

    /** The name of the method the rule makes. */
    public String method() {
      return kind.method;
    }

    /** True when one LSOA may go to several PCNs. */
    public boolean overlapping() {
      return kind != Kind.LARGEST_SHARE;
    }
  }

  private final Map<String, Map<String, Long>> patients; // LSOA -> practice -> patients
  private final Map<String, Geometry> lsoas;
  private final Rule rule;

  /**
   * @param registrations practice x LSOA registrations; repeated (practice, LSOA) pairs are added
   * @param lsoas LSOA code -> polygon in EPSG:27700
   * @param rule how LSOAs are given to PCNs
   * @throws IllegalArgumentException naming the LSOA whose geometry is not polygonal
   */
  public RegistrationCatchments(
      List<Registration> registrations, Map<String, Geometry> lsoas, Rule rule) {
    this.rule = Objects.requireNonNull(rule, "rule");
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
      Map<String, Map<String, Long>> patients, Map<String, Geometry> lsoas, Rule rule) {
    this.rule = rule;
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
   * The same method (LSOA polygons, rule) over other registrations, e.g. a closed practice's
   * patients given to the practices that take them over. Zero counts are left out.
   *
   * @param patients LSOA -> practice -> patients
   */
  public RegistrationCatchments withPatients(Map<String, Map<String, Long>> patients) {
    return new RegistrationCatchments(patients, lsoas, rule);
  }

  @Override
  public String name() {
    return rule.method();
  }

  /** How LSOAs are given to PCNs. */
  public Rule rule() {
    return rule;
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
    return computed(practices, region, null).catchments();
  }

  /**
   * One catchment's dissolve: the LSOAs it was drawn from (in table order), the geometry, whether
   * the union needed the overlay fallback and whether it was clipped to the study area.
   */
  public record Dissolve(List<String> lsoas, Geometry geometry, boolean fellBack, boolean clipped) {
    public Dissolve {
      lsoas = List.copyOf(lsoas);
    }
  }

  /**
   * What {@link #compute} drew, with each catchment's dissolve, so that a later computation with
   * other practices or registrations ({@link #computed(List, Geometry, Computed)}) dissolves again
   * only the catchments whose LSOAs changed.
   *
   * @param pcns per PCN code, its dissolve
   * @param practices per practice code, its dissolve (first past the post only)
   */
  public record Computed(
      CatchmentSet catchments,
      Map<String, Dissolve> pcns,
      Map<String, Dissolve> practices,
      Map<String, Geometry> lsoaPolygons,
      Geometry region,
      PreparedGeometry preparedRegion) {}

  /**
   * {@link #compute}, reusing the dissolves of {@code previous} (null: none) for every catchment
   * drawn from the same LSOAs, when {@code previous} had the same study area and LSOA polygons (the
   * same objects). Equal to {@link #compute} either way.
   */
  public Computed computed(List<Practice> practices, Geometry region, Computed previous) {
    Objects.requireNonNull(region, "region");
    boolean reuse = previous != null && previous.region() == region && sameLsoas(previous);
    Analysis analysis = analyse(practices);
    List<String> notes = new ArrayList<>(analysis.notes());
    Dissolver dissolver =
        new Dissolver(
            region, reuse ? previous.preparedRegion() : PreparedGeometryFactory.prepare(region));
    Map<String, Dissolve> pcnDissolves =
        pcnDissolves(
            practices, analysis.assignments(), dissolver, reuse ? previous.pcns() : Map.of());
    List<Catchment> pcns = pcnCatchments(practices, pcnDissolves);
    boolean perPractice = rule.kind() == Rule.Kind.LARGEST_SHARE;
    Map<String, Dissolve> practiceDissolves =
        !perPractice
            ? Map.of()
            : practiceDissolves(
                practices,
                analysis.practiceByLsoa(),
                dissolver,
                reuse ? previous.practices() : Map.of());
    List<PracticeCatchment> practiceCatchments =
        perPractice ? practiceCatchments(practices, practiceDissolves) : List.of();
    List<String> empty =
        pcns.stream().filter(c -> c.geometry().isEmpty()).map(Catchment::pcnCode).toList();
    if (!empty.isEmpty()) {
      notes.add(
          empty.size() + " PCNs are given no LSOA and have an empty catchment: " + list(empty));
    }
    Map<String, Dissolve> ordered = new LinkedHashMap<>();
    pcnDissolves.forEach((pcn, d) -> ordered.put("PCN " + pcn, d));
    practiceDissolves.forEach((practice, d) -> ordered.put("practice " + practice, d));
    notes.addAll(Dissolver.notes(ordered));
    CatchmentSet set =
        new CatchmentSet(name(), pcns, practiceCatchments, rule.overlapping(), notes);
    return new Computed(set, pcnDissolves, practiceDissolves, lsoas, region, dissolver.prepared);
  }

  /** True when {@code previous} was drawn from the same LSOA polygons (the same objects). */
  private boolean sameLsoas(Computed previous) {
    Map<String, Geometry> before = previous.lsoaPolygons();
    if (before == lsoas) {
      return true;
    }
    if (!before.keySet().equals(lsoas.keySet())) {
      return false;
    }
    for (Map.Entry<String, Geometry> e : lsoas.entrySet()) {
      if (before.get(e.getKey()) != e.getValue()) {
        return false;
      }
    }
    return true;
  }

  // ---- the shares and the assignment table ----

  private Analysis analyse(List<Practice> practices) {
    Map<String, String> pcnOf = pcnOf(practices);
    Tally tally = new Tally();
    List<LsoaAssignment> table = new ArrayList<>();
    Map<String, String> practiceByLsoa = new TreeMap<>();
    TreeSet<String> codes = new TreeSet<>(lsoas.keySet());
    codes.addAll(patients.keySet());
    List<String> withPatients = new ArrayList<>();
    for (String lsoa : codes) {
      Map<String, Long> atPractice = patients.getOrDefault(lsoa, Map.of());
      long total = atPractice.values().stream().mapToLong(Long::longValue).sum();
      if (!lsoas.containsKey(lsoa)) {
        tally.noPolygon.add(lsoa);
        tally.noPolygonPatients += total;
      } else if (total == 0) {
        tally.noRegistrations.add(lsoa);
      } else {
        withPatients.add(lsoa);
        table.addAll(assignLsoa(lsoa, atPractice, total, pcnOf, tally));
        if (rule.kind() == Rule.Kind.LARGEST_SHARE) {
          String practice = winner(lsoa, listed(atPractice, pcnOf), tally.practiceTies);
          if (practice != null) {
            practiceByLsoa.put(lsoa, practice);
          }
        }
      }
    }
    if (rule.kind() == Rule.Kind.CUMULATIVE_SHARE) {
      table = cumulative(table, rule.share(), tally.cutTies);
    }
    Set<String> assigned = new HashSet<>();
    table.stream().filter(LsoaAssignment::assigned).forEach(a -> assigned.add(a.lsoaCode()));
    withPatients.stream().filter(l -> !assigned.contains(l)).forEach(tally.noPcn::add);
    return new Analysis(table, practiceByLsoa, notes(tally, practices, pcnOf));
  }

  /**
   * {@code cumulative-share}: the table with, for each PCN, the shortest prefix of its rows sorted
   * by its patients (most first, then LSOA code) whose sum {@code s} has {@code (double) s / total
   * >= share} marked assigned, {@code total} being the PCN's patients over all its rows; a PCN
   * whose total is 0 is given none. The table keeps its order. A PCN whose last LSOA taken has as
   * many of its patients as the first left out (the tie broken by LSOA code) is added to {@code
   * ties}.
   */
  private static List<LsoaAssignment> cumulative(
      List<LsoaAssignment> table, double share, List<String> ties) {
    Map<String, List<Integer>> rowsOfPcn = new TreeMap<>();
    for (int i = 0; i < table.size(); i++) {
      rowsOfPcn.computeIfAbsent(table.get(i).pcnCode(), k -> new ArrayList<>()).add(i);
    }
    boolean[] taken = new boolean[table.size()];
    rowsOfPcn.forEach(
        (pcn, rows) -> {
          rows.sort(
              Comparator.comparingLong((Integer i) -> table.get(i).pcnPatients())
                  .reversed()
                  .thenComparing(i -> table.get(i).lsoaCode()));
          long total = rows.stream().mapToLong(i -> table.get(i).pcnPatients()).sum();
          if (total == 0) {
            return;
          }
          long sum = 0;
          int k = 0;
          while ((double) sum / total < share) {
            int i = rows.get(k++);
            taken[i] = true;
            sum += table.get(i).pcnPatients();
          }
          if (k < rows.size()
              && table.get(rows.get(k)).pcnPatients() == table.get(rows.get(k - 1)).pcnPatients()) {
            ties.add(pcn);
          }
        });
    List<LsoaAssignment> out = new ArrayList<>(table.size());
    for (int i = 0; i < table.size(); i++) {
      LsoaAssignment a = table.get(i);
      out.add(
          new LsoaAssignment(
              a.lsoaCode(), a.pcnCode(), a.pcnPatients(), a.lsoaPatients(), a.share(), taken[i]));
    }
    return out;
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

  /**
   * The table rows of one LSOA with patients, and which PCNs it goes to (for {@code
   * cumulative-share}, none yet: that is decided per PCN once every LSOA has its rows).
   */
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
    String fptp = rule.kind() == Rule.Kind.LARGEST_SHARE ? winner(lsoa, perPcn, t.pcnTies) : null;
    if (fptp != null && unlisted > perPcn.get(fptp)) {
      t.outweighed.add(lsoa);
    }
    List<LsoaAssignment> rows = new ArrayList<>();
    perPcn.forEach(
        (pcn, n) -> {
          double share = (double) n / total;
          boolean assigned =
              switch (rule.kind()) {
                case LARGEST_SHARE -> pcn.equals(fptp);
                case MIN_SHARE -> n > 0 && share >= rule.share();
                case CUMULATIVE_SHARE -> false; // decided per PCN, over all its LSOAs
              };
          rows.add(new LsoaAssignment(lsoa, pcn, n, total, share, assigned));
        });
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
    if (rule.kind() == Rule.Kind.MIN_SHARE) {
      notes.add(
          "each LSOA goes to every PCN with at least "
              + rule.share()
              + " of its registered patients; catchments overlap");
    } else if (rule.kind() == Rule.Kind.CUMULATIVE_SHARE) {
      notes.add(
          "each PCN's catchment is the fewest LSOAs that together hold at least "
              + rule.share()
              + " of its registered patients from LSOAs with a polygon, most patients first (ties"
              + " to the lowest LSOA code); catchments overlap");
      notes.add(
          t.cutTies.size()
              + " PCNs reached the share at an LSOA with as many of their patients as the next,"
              + " the lower LSOA code taken"
              + examples(t.cutTies));
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
      String why =
          switch (rule.kind()) {
            case LARGEST_SHARE -> "no listed practice has patients there";
            case MIN_SHARE -> "no listed practice reaches the minimum share";
            case CUMULATIVE_SHARE -> "no PCN needs it to reach the share of its patients";
          };
      notes.add(
          t.noPcn.size() + " LSOAs with patients go to no PCN (" + why + ")" + examples(t.noPcn));
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

  private Map<String, Dissolve> pcnDissolves(
      List<Practice> practices,
      List<LsoaAssignment> table,
      Dissolver dissolver,
      Map<String, Dissolve> previous) {
    Map<String, List<String>> parts = new TreeMap<>();
    for (LsoaAssignment a : table) {
      if (a.assigned()) {
        parts.computeIfAbsent(a.pcnCode(), k -> new ArrayList<>()).add(a.lsoaCode());
      }
    }
    Map<String, Dissolve> out = new TreeMap<>();
    for (Practice p : practices) {
      out.computeIfAbsent(
          p.pcnCode(),
          pcn -> dissolver.apply(parts.getOrDefault(pcn, List.of()), previous.get(pcn), lsoas));
    }
    return out;
  }

  private List<Catchment> pcnCatchments(List<Practice> practices, Map<String, Dissolve> dissolves) {
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
                    dissolves.get(pcn).geometry())));
    return catchments;
  }

  private static String pcnName(String pcn, List<Practice> members) {
    return members.stream()
        .map(Practice::pcnName)
        .filter(n -> n != null && !n.isBlank())
        .findFirst()
        .orElse(pcn);
  }

  private Map<String, Dissolve> practiceDissolves(
      List<Practice> practices,
      Map<String, String> practiceByLsoa,
      Dissolver dissolver,
      Map<String, Dissolve> previous) {
    Map<String, List<String>> parts = new TreeMap<>();
    practiceByLsoa.forEach(
        (lsoa, practice) -> parts.computeIfAbsent(practice, k -> new ArrayList<>()).add(lsoa));
    Map<String, Dissolve> out = new TreeMap<>();
    for (Practice p : practices) {
      out.computeIfAbsent(
          p.code(),
          code -> dissolver.apply(parts.getOrDefault(code, List.of()), previous.get(code), lsoas));
    }
    return out;
  }

  private static List<PracticeCatchment> practiceCatchments(
      List<Practice> practices, Map<String, Dissolve> dissolves) {
    Map<String, Practice> byCode = new TreeMap<>();
    practices.forEach(p -> byCode.putIfAbsent(p.code(), p));
    return byCode.values().stream()
        .map(p -> new PracticeCatchment(p.code(), p.pcnCode(), dissolves.get(p.code()).geometry()))
        .toList();
  }

  /**
   * Dissolves LSOAs into one catchment and clips it to the region where it reaches outside, noting
   * whether it needed the fallback union or a clip; a catchment drawn from the same LSOAs as a
   * previous dissolve given to it is that dissolve.
   */
  private static final class Dissolver {
    private final Geometry region;
    private final PreparedGeometry prepared;

    Dissolver(Geometry region, PreparedGeometry prepared) {
      this.region = region;
      this.prepared = prepared;
    }

    Dissolve apply(List<String> codes, Dissolve previous, Map<String, Geometry> lsoas) {
      if (previous != null && previous.lsoas().equals(codes)) {
        return previous;
      }
      if (codes.isEmpty()) {
        return new Dissolve(codes, GeoUtils.FACTORY.createPolygon(), false, false);
      }
      List<Geometry> parts = codes.stream().map(lsoas::get).toList();
      boolean[] fellBack = new boolean[1];
      Geometry union = union(parts, fellBack);
      if (prepared.containsProperly(union) || prepared.covers(union)) {
        return new Dissolve(codes, union, fellBack[0], false);
      }
      Geometry clipped = polygonal(OverlayNGRobust.overlay(union, region, OverlayNG.INTERSECTION));
      return new Dissolve(codes, clipped, fellBack[0], true);
    }

    private static Geometry union(List<Geometry> parts, boolean[] fellBack) {
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
      fellBack[0] = true;
      return polygonal(OverlayNGRobust.union(parts));
    }

    /** The notes on the dissolves, owners in the order they were dissolved. */
    static List<String> notes(Map<String, Dissolve> byOwner) {
      List<String> fallbacks = new ArrayList<>();
      List<String> clipped = new ArrayList<>();
      byOwner.forEach(
          (owner, d) -> {
            if (d.fellBack()) {
              fallbacks.add(owner);
            }
            if (d.clipped()) {
              clipped.add(owner);
            }
          });
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
