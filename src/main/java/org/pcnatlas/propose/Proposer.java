package org.pcnatlas.propose;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.DoubleConsumer;
import org.pcnatlas.analysis.Analysis;
import org.pcnatlas.analysis.AnalysisInputs;
import org.pcnatlas.analysis.AnalysisResult;
import org.pcnatlas.analysis.SiteTable;
import org.pcnatlas.catchment.Site;
import org.pcnatlas.catchment.VoronoiCatchments;
import org.pcnatlas.model.AreaLayer;
import org.pcnatlas.model.Pcn;
import org.pcnatlas.model.Practice;
import org.pcnatlas.scenario.Change;
import org.pcnatlas.scenario.ScenarioException;

/**
 * Makes a {@link Proposal} from a baseline run and a {@link ProposalSpec}: the practice table from
 * the run's nearest-practice cells ({@link SiteTable}), the {@link Search}, then the scenario and
 * the report.
 *
 * <p><b>Nodes.</b> The search moves nodes, not practices: the practices at one site share one cell,
 * so they are one node (as are the practices of a group the specification names, with their sites).
 * A node's network of today is the PCN of most of its list; when its practices are in several PCNs
 * today, putting them in one network moves the others, and the report counts them. Moves are
 * counted in nodes by the search and in practices by the report.
 */
public final class Proposer {
  /** The prefix of the codes of new networks ({@code PROP01}, ...), made unique. */
  static final String NEW_CODE = "PROP";

  private Proposer() {}

  /**
   * Proposes.
   *
   * @throws ScenarioException naming the field of the specification a code or layer does not fit
   */
  public static Proposal propose(
      AnalysisResult baseline, ProposalSpec spec, DoubleConsumer progress) {
    long start = System.nanoTime();
    Table t = table(baseline, spec);
    Instance in = t.instance;
    Search.Options o =
        new Search.Options(
            spec.forbidCrossing(),
            t.fixed,
            t.locked,
            spec.maxMoves() == null ? -1 : spec.maxMoves(),
            spec.seed(),
            Search.defaultPatience(in),
            start + (long) (spec.timeLimitSeconds() * 1e9) - System.nanoTime(),
            progress);
    Search.Result r = Search.run(in, o);
    return report(baseline, spec, t, r, (System.nanoTime() - start) / 1e9);
  }

  /**
   * The baseline run a proposal starts from in batch: the inputs analysed by the nearest-practice
   * method alone, whatever methods they name, as the proposal reads its cells.
   */
  public static AnalysisResult baseline(AnalysisInputs inputs) {
    return Analysis.run(inputs.withMethods(List.of(new VoronoiCatchments())));
  }

  /**
   * Checks the specification's codes and layer against the run, without searching.
   *
   * @throws ScenarioException naming the field that does not fit
   * @throws IllegalArgumentException when the run cannot be proposed from (no voronoi method)
   */
  public static void check(AnalysisResult baseline, ProposalSpec spec) {
    table(baseline, spec);
  }

  /** The instance the search runs on for this run and specification (nodes: sites and groups). */
  public static Instance instance(AnalysisResult baseline, ProposalSpec spec) {
    return table(baseline, spec).instance;
  }

  /** The nodes of a run and what the search needs of them. */
  static final class Table {
    Instance instance;
    SiteTable sites;
    List<List<Practice>> nodePractices = new ArrayList<>();
    double[] total;
    boolean[] fixed;
    boolean[] locked;
    List<Pcn> pcns;
    Map<String, Pcn> pcnByCode = new HashMap<>();
    Map<String, Practice> practiceByCode = new HashMap<>();
  }

  /** Checks the specification's codes and layer against the run and builds the nodes. */
  static Table table(AnalysisResult baseline, ProposalSpec spec) {
    if (baseline.layers().stream().noneMatch(l -> l.name().equals(spec.layer()))) {
      throw new ScenarioException(
          "UnknownCode",
          "layer",
          "layer: there is no area layer "
              + spec.layer()
              + "; this run has "
              + String.join(", ", baseline.layers().stream().map(AreaLayer::name).toList()));
    }
    Table t = new Table();
    t.pcns = baseline.inputs().pcns();
    t.pcns.forEach(p -> t.pcnByCode.put(p.code(), p));
    Map<String, Practice> practices = t.practiceByCode;
    baseline.inputs().practices().forEach(p -> practices.put(p.code(), p));
    for (int i = 0; i < spec.fixedPcns().size(); i++) {
      String code = spec.fixedPcns().get(i);
      if (!t.pcnByCode.containsKey(code)) {
        throw new ScenarioException(
            "UnknownCode", "fixedPcns[" + i + "]", "fixedPcns[" + i + "]: there is no PCN " + code);
      }
    }
    for (int i = 0; i < spec.fixedPractices().size(); i++) {
      known(practices, spec.fixedPractices().get(i), "fixedPractices[" + i + "]");
    }
    for (int g = 0; g < spec.groups().size(); g++) {
      List<String> group = spec.groups().get(g);
      Set<String> fixedIn = new TreeSet<>();
      for (int j = 0; j < group.size(); j++) {
        Practice p = known(practices, group.get(j), "groups[" + g + "][" + j + "]");
        if (spec.fixedPcns().contains(p.pcnCode())) {
          fixedIn.add(p.pcnCode());
        }
      }
      if (!fixedIn.isEmpty()) {
        for (int j = 0; j < group.size(); j++) {
          String pcn = practices.get(group.get(j)).pcnCode();
          if (!fixedIn.contains(pcn) || fixedIn.size() > 1) {
            throw new ScenarioException(
                "InvalidSpecification",
                "groups[" + g + "]",
                "groups["
                    + g
                    + "] puts practices of the fixed PCN "
                    + String.join(", ", fixedIn)
                    + " with practices of another PCN; a fixed PCN takes none in");
          }
        }
      }
    }
    SiteTable sites = SiteTable.of(baseline, spec.layer());
    t.sites = sites;
    int s = sites.sites().size();
    Map<String, Integer> siteOf = new HashMap<>();
    for (int i = 0; i < s; i++) {
      for (Practice p : sites.sites().get(i).practices()) {
        siteOf.put(p.code(), i);
      }
    }
    int[] parent = new int[s];
    for (int i = 0; i < s; i++) {
      parent[i] = i;
    }
    for (List<String> group : spec.groups()) {
      for (int j = 1; j < group.size(); j++) {
        union(parent, siteOf.get(group.get(0)), siteOf.get(group.get(j)));
      }
    }
    Map<Integer, Integer> nodeOfRoot = new LinkedHashMap<>();
    int[] nodeOfSite = new int[s];
    for (int i = 0; i < s; i++) {
      int root = find(parent, i);
      Integer node = nodeOfRoot.get(root);
      if (node == null) {
        node = nodeOfRoot.size();
        nodeOfRoot.put(root, node);
        t.nodePractices.add(new ArrayList<>());
      }
      nodeOfSite[i] = node;
      t.nodePractices.get(node).addAll(sites.sites().get(i).practices());
    }
    int n = nodeOfRoot.size();
    int areas = sites.areas().size();
    long[] list = new long[n];
    double[] x = new double[n];
    double[] y = new double[n];
    double[] w = new double[n];
    double[][] residents = new double[n][areas];
    t.total = new double[n];
    List<TreeSet<Integer>> adj = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      adj.add(new TreeSet<>());
    }
    for (int i = 0; i < s; i++) {
      int node = nodeOfSite[i];
      Site site = sites.sites().get(i);
      long siteList = 0;
      for (Practice p : site.practices()) {
        siteList += p.listSize() == null ? 0 : p.listSize();
      }
      list[node] += siteList;
      double wi = Math.max(1, siteList);
      x[node] += wi * site.location().x;
      y[node] += wi * site.location().y;
      w[node] += wi;
      for (int k = 0; k < areas; k++) {
        residents[node][k] += sites.residents()[i][k];
      }
      t.total[node] += sites.total()[i];
      for (int j : sites.neighbours()[i]) {
        if (nodeOfSite[j] != node) {
          adj.get(node).add(nodeOfSite[j]);
          adj.get(nodeOfSite[j]).add(node);
        }
      }
    }
    List<String> networks = t.pcns.stream().map(Pcn::code).toList();
    Map<String, Integer> networkIndex = new HashMap<>();
    for (int k = 0; k < networks.size(); k++) {
      networkIndex.put(networks.get(k), k);
    }
    int[] today = new int[n];
    List<String> names = new ArrayList<>();
    int[][] neighbours = new int[n][];
    t.fixed = new boolean[n];
    t.locked = new boolean[networks.size()];
    for (String code : spec.fixedPcns()) {
      t.locked[networkIndex.get(code)] = true;
    }
    Integer u = networkIndex.get(Practice.UNALLOCATED);
    if (u != null) {
      t.locked[u] = true; // no practice joins the unallocated ones; they may join a network
    }
    Set<String> fixedPractices = new HashSet<>(spec.fixedPractices());
    for (int i = 0; i < n; i++) {
      x[i] /= w[i];
      y[i] /= w[i];
      List<Practice> ps = t.nodePractices.get(i);
      ps.sort(Comparator.comparing(Practice::code));
      Map<String, Long> byPcn = new TreeMap<>();
      for (Practice p : ps) {
        byPcn.merge(p.pcnCode(), p.listSize() == null ? 0 : p.listSize(), Long::sum);
        t.fixed[i] |= fixedPractices.contains(p.code()) || spec.fixedPcns().contains(p.pcnCode());
      }
      String main =
          byPcn.entrySet().stream()
              .max(
                  Map.Entry.<String, Long>comparingByValue()
                      .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
              .orElseThrow()
              .getKey();
      today[i] = networkIndex.get(main);
      names.add(String.join("+", ps.stream().map(Practice::code).toList()));
      neighbours[i] = adj.get(i).stream().mapToInt(Integer::intValue).toArray();
    }
    t.instance =
        new Instance(
            names,
            list,
            x,
            y,
            residents,
            sites.areas(),
            neighbours,
            networks,
            today,
            spec.band(),
            u == null ? -1 : u);
    return t;
  }

  private static Practice known(Map<String, Practice> practices, String code, String field) {
    Practice p = practices.get(code);
    if (p == null) {
      throw new ScenarioException("UnknownCode", field, field + ": there is no practice " + code);
    }
    return p;
  }

  private static int find(int[] parent, int i) {
    while (parent[i] != i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  }

  private static void union(int[] parent, int a, int b) {
    int ra = find(parent, a);
    int rb = find(parent, b);
    if (ra != rb) {
      parent[Math.max(ra, rb)] = Math.min(ra, rb);
    }
  }

  // ---- the report and the scenario ----

  private static Proposal report(
      AnalysisResult baseline, ProposalSpec spec, Table t, Search.Result r, double seconds) {
    Instance in = t.instance;
    List<int[]> groups = Objective.groups(r.network());
    int[] codes = r.codes().clone();
    // a new network that holds the whole of a PCN whose code no network keeps takes that code
    Set<Integer> used = new HashSet<>();
    for (int c : codes) {
      if (c >= 0) {
        used.add(c);
      }
    }
    for (int g = 0; g < groups.size(); g++) {
      if (codes[g] >= 0) {
        continue;
      }
      Set<String> members = practiceCodes(t, groups.get(g));
      for (int k = 0; k < t.pcns.size(); k++) {
        Pcn p = t.pcns.get(k);
        if (!used.contains(k)
            && !p.code().equals(Practice.UNALLOCATED)
            && !p.practiceCodes().isEmpty()
            && members.containsAll(p.practiceCodes())) {
          codes[g] = k;
          used.add(k);
          break;
        }
      }
    }
    Set<String> taken = new HashSet<>(t.pcnByCode.keySet());
    baseline.inputs().practices().forEach(p -> taken.add(p.code()));
    String[] code = new String[groups.size()];
    String[] name = new String[groups.size()];
    int fresh = 0;
    for (int g = 0; g < groups.size(); g++) {
      if (codes[g] >= 0) {
        code[g] = t.pcns.get(codes[g]).code();
        name[g] = t.pcns.get(codes[g]).name();
      } else {
        String c;
        do {
          fresh++;
          c = String.format(Locale.ROOT, "%s%02d", NEW_CODE, fresh);
        } while (taken.contains(c));
        taken.add(c);
        code[g] = c;
        name[g] = "Proposed network " + fresh + " (from " + largestSource(t, groups.get(g)) + ")";
      }
    }
    Map<String, String> target = new TreeMap<>(); // practice -> proposed code
    for (int g = 0; g < groups.size(); g++) {
      for (String p : practiceCodes(t, groups.get(g))) {
        target.put(p, code[g]);
      }
    }
    List<Change> changes = changes(baseline, t, groups, code, name, target);
    int moved = 0;
    Map<String, String> pcnToday = new HashMap<>();
    for (Practice p : baseline.inputs().practices()) {
      pcnToday.put(p.code(), p.pcnCode());
      if (!target.get(p.code()).equals(p.pcnCode())) {
        moved++;
      }
    }
    List<Proposal.Network> networks = new ArrayList<>();
    int[] label = r.network();
    for (int g = 0; g < groups.size(); g++) {
      networks.add(network(t, groups.get(g), label, code[g], name[g], pcnToday));
    }
    networks.sort(Comparator.comparing(Proposal.Network::code));
    List<Proposal.AreaRow> areas = areaRows(t);
    List<Proposal.Unmet> unmet = unmet(t, spec, networks, areas, r, groups, code, moved);
    Proposal.Totals before = totals(t, in.today());
    Proposal.Totals after = totals(t, label);
    String proposalName =
        spec.name() != null
            ? spec.name()
            : String.format(
                Locale.ROOT,
                "Proposal: %s–%s on %s, %s (seed %d)",
                count(spec.lower()),
                count(spec.upper()),
                spec.layer(),
                spec.onResidents() ? "residents" : "registered list",
                spec.seed());
    String description =
        String.format(
            Locale.ROOT,
            "Proposed by pcn-atlas propose: %d networks, %d in the band, %d inside one area of %s,"
                + " %d practices moved (today: %d networks, %d in the band, %d inside one area).",
            after.networks(),
            after.inBand(),
            after.insideOneArea(),
            spec.layer(),
            moved,
            before.networks(),
            before.inBand(),
            before.insideOneArea());
    return new Proposal(
        spec,
        proposalName,
        description,
        changes,
        networks,
        areas,
        unmet,
        before,
        after,
        moved,
        seconds,
        r.steps(),
        r.timedOut());
  }

  private static String count(double v) {
    return String.format(Locale.UK, "%,.0f", v);
  }

  private static Set<String> practiceCodes(Table t, int[] nodes) {
    Set<String> out = new TreeSet<>();
    for (int i : nodes) {
      t.nodePractices.get(i).forEach(p -> out.add(p.code()));
    }
    return out;
  }

  private static String largestSource(Table t, int[] nodes) {
    Map<String, Long> byPcn = new TreeMap<>();
    for (int i : nodes) {
      for (Practice p : t.nodePractices.get(i)) {
        byPcn.merge(p.pcnCode(), p.listSize() == null ? 0 : p.listSize(), Long::sum);
      }
    }
    String best =
        byPcn.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    Pcn p = t.pcnByCode.get(best);
    return p == null ? best : p.name();
  }

  /**
   * The changes that make the proposal from today's configuration: merges of whole PCNs into the
   * network that keeps one of their codes, splits that start each new network from the PCN most of
   * it comes from, then a move for every practice still elsewhere.
   */
  private static List<Change> changes(
      AnalysisResult baseline,
      Table t,
      List<int[]> groups,
      String[] code,
      String[] name,
      Map<String, String> target) {
    List<Change> out = new ArrayList<>();
    Map<String, String> now = new HashMap<>(); // practice -> PCN after the changes so far
    Map<String, List<String>> members = new TreeMap<>();
    for (Practice p : baseline.inputs().practices()) {
      now.put(p.code(), p.pcnCode());
      members.computeIfAbsent(p.pcnCode(), k -> new ArrayList<>()).add(p.code());
    }
    // merges
    for (int g = 0; g < groups.size(); g++) {
      String c = code[g];
      if (!t.pcnByCode.containsKey(c)) {
        continue;
      }
      List<String> whole = new ArrayList<>();
      for (Map.Entry<String, List<String>> e : members.entrySet()) {
        String pcn = e.getKey();
        if (pcn.equals(c) || pcn.equals(Practice.UNALLOCATED) || e.getValue().isEmpty()) {
          continue;
        }
        if (e.getValue().stream().allMatch(p -> target.get(p).equals(c))) {
          whole.add(pcn);
        }
      }
      if (!whole.isEmpty()) {
        List<String> pcns = new ArrayList<>();
        pcns.add(c);
        pcns.addAll(whole);
        out.add(new Change.MergePcns(pcns, c, name[g]));
        for (String pcn : whole) {
          for (String p : members.get(pcn)) {
            now.put(p, c);
          }
          members.get(c).addAll(members.get(pcn));
          members.get(pcn).clear();
        }
      }
    }
    // new networks
    for (int g = 0; g < groups.size(); g++) {
      String c = code[g];
      if (t.pcnByCode.containsKey(c)) {
        continue;
      }
      Map<String, List<String>> bySource = new TreeMap<>();
      for (String p : practiceCodes(t, groups.get(g))) {
        bySource.computeIfAbsent(now.get(p), k -> new ArrayList<>()).add(p);
      }
      String source = null;
      for (Map.Entry<String, List<String>> e : bySource.entrySet()) {
        String pcn = e.getKey();
        boolean partial =
            !pcn.equals(Practice.UNALLOCATED) && e.getValue().size() < members.get(pcn).size();
        if (partial && (source == null || e.getValue().size() > bySource.get(source).size())) {
          source = pcn;
        }
      }
      if (source != null) {
        out.add(new Change.SplitPcn(source, bySource.get(source), c, name[g]));
        for (String p : bySource.get(source)) {
          now.put(p, c);
        }
        members.get(source).removeAll(bySource.get(source));
        members.put(c, new ArrayList<>(bySource.get(source)));
      } else {
        // every part is a whole PCN (or unallocated): merge the whole ones into the new code
        List<String> whole =
            bySource.keySet().stream().filter(pcn -> !pcn.equals(Practice.UNALLOCATED)).toList();
        if (whole.size() >= 2) {
          out.add(new Change.MergePcns(whole, c, name[g]));
          List<String> all = new ArrayList<>();
          for (String pcn : whole) {
            for (String p : members.get(pcn)) {
              now.put(p, c);
            }
            all.addAll(members.get(pcn));
            members.get(pcn).clear();
          }
          members.put(c, all);
        } else {
          throw new IllegalStateException(
              "network " + c + " has no practices to start from: " + bySource);
        }
      }
    }
    // moves
    for (Map.Entry<String, String> e : target.entrySet()) {
      if (!now.get(e.getKey()).equals(e.getValue())) {
        out.add(new Change.MovePractice(e.getKey(), e.getValue()));
        now.put(e.getKey(), e.getValue());
      }
    }
    return out;
  }

  private static Proposal.Network network(
      Table t, int[] nodes, int[] label, String code, String name, Map<String, String> pcnToday) {
    Instance in = t.instance;
    Objective.Network f = Objective.figures(in, nodes);
    double residents = 0;
    long list = 0;
    for (int i : nodes) {
      residents += t.total[i];
      list += in.list()[i];
    }
    List<String> practices = new ArrayList<>(practiceCodes(t, nodes));
    List<String> joined = practices.stream().filter(p -> !pcnToday.get(p).equals(code)).toList();
    boolean known = t.pcnByCode.containsKey(code);
    String status =
        !known
            ? "new"
            : joined.isEmpty()
                    && new TreeSet<>(t.pcnByCode.get(code).practiceCodes())
                        .equals(new TreeSet<>(practices))
                ? "kept"
                : "changed";
    String dominant = f.dominant() < 0 ? null : in.areas().get(f.dominant());
    String dominantName = f.dominant() < 0 ? null : t.sites.areaNames().get(f.dominant());
    double share = f.dominant() < 0 || residents <= 0 ? 0 : f.residents()[f.dominant()] / residents;
    return new Proposal.Network(
        code,
        name,
        status,
        practices,
        joined,
        list,
        residents,
        dominant,
        dominantName,
        share,
        f.present(),
        in.band().contains(f.size()),
        Objective.connected(in, label, nodes));
  }

  private static List<Proposal.AreaRow> areaRows(Table t) {
    Instance in = t.instance;
    int[] home = in.homes();
    int k = in.areas().size();
    int[] practices = new int[k];
    long[] list = new long[k];
    double[] size = new double[k];
    double[] residents = new double[k];
    for (int i = 0; i < in.size(); i++) {
      if (home[i] >= 0) {
        practices[home[i]] += t.nodePractices.get(i).size();
        list[home[i]] += in.list()[i];
        size[home[i]] += in.sizeOf(i);
      }
      for (int a = 0; a < k; a++) {
        residents[a] += in.residents()[i][a];
      }
    }
    List<Proposal.AreaRow> out = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      long most = (long) Math.floor(size[a] / in.band().lower());
      long fewest = (long) Math.ceil(size[a] / in.band().upper());
      out.add(
          new Proposal.AreaRow(
              in.areas().get(a),
              t.sites.areaNames().get(a),
              practices[a],
              list[a],
              residents[a],
              most,
              fewest));
    }
    return out;
  }

  private static List<Proposal.Unmet> unmet(
      Table t,
      ProposalSpec spec,
      List<Proposal.Network> networks,
      List<Proposal.AreaRow> areas,
      Search.Result r,
      List<int[]> groups,
      String[] code,
      int moved) {
    Instance in = t.instance;
    Map<String, Integer> groupOf = new HashMap<>();
    for (int g = 0; g < code.length; g++) {
      groupOf.put(code[g], g);
    }
    String measure = spec.onResidents() ? "residents" : "registered patients";
    List<Proposal.Unmet> out = new ArrayList<>();
    for (Proposal.AreaRow a : areas) {
      if (a.mostNetworks() == 0) {
        double size = spec.onResidents() ? a.residents() : a.registeredList();
        out.add(
            new Proposal.Unmet(
                "area-too-small",
                a.code(),
                String.format(
                    Locale.UK,
                    "%s (%s): its %d home practices (whose catchments' residents live mostly in it)"
                        + " have %,.0f %s, fewer than the lower bound of %,.0f, so it cannot hold a"
                        + " network of its own; its practices share a network with another area's.",
                    a.name(),
                    a.code(),
                    a.practices(),
                    size,
                    measure,
                    spec.lower())));
      } else if (a.fewestNetworks() > a.mostNetworks()) {
        out.add(
            new Proposal.Unmet(
                "band",
                a.code(),
                String.format(
                    Locale.UK,
                    "%s (%s): its home practices (%,.0f) cannot be shared into networks that are all"
                        + " within %,.0f–%,.0f.",
                    a.name(),
                    a.code(),
                    spec.onResidents() ? a.residents() : (double) a.registeredList(),
                    spec.lower(),
                    spec.upper())));
      }
    }
    int[] home = in.homes();
    for (Proposal.Network nw : networks) {
      double size = spec.onResidents() ? nw.residents() : nw.registeredList();
      int g = groupOf.get(nw.code());
      if (!nw.inBand()) {
        out.add(
            new Proposal.Unmet(
                "band", nw.code(), bandReason(t, spec, nw, size, g, groups, r.network(), code)));
      }
      if (nw.areasOver5Percent() > 1) {
        out.add(
            new Proposal.Unmet("single-area", nw.code(), areaReason(t, nw, groups.get(g), home)));
      }
      if (!nw.contiguous()) {
        out.add(
            new Proposal.Unmet(
                "contiguity",
                nw.code(),
                nw.code()
                    + " ("
                    + nw.name()
                    + ") is not contiguous: it is a fixed PCN, or making it contiguous would move"
                    + " more practices than the limit allows."));
      }
    }
    if (spec.maxMoves() != null && moved > spec.maxMoves()) {
      out.add(
          new Proposal.Unmet(
              "max-moves",
              "",
              "the proposal moves "
                  + moved
                  + " practices, more than the limit of "
                  + spec.maxMoves()
                  + ": practices at one site (or in one group) move together, and some were in"
                  + " different PCNs today."));
    }
    if (r.timedOut()) {
      out.add(
          new Proposal.Unmet(
              "time-limit",
              "",
              String.format(
                  Locale.ROOT,
                  "the search stopped at the time limit (%.0f s) before it finished; a longer"
                      + " limit may find a better proposal.",
                  spec.timeLimitSeconds())));
    }
    return out;
  }

  /** Why network g (its nodes {@code groups.get(g)}, labelled g) is outside the band. */
  private static String bandReason(
      Table t,
      ProposalSpec spec,
      Proposal.Network nw,
      double size,
      int g,
      List<int[]> groups,
      int[] label,
      String[] code) {
    Instance in = t.instance;
    String what =
        String.format(
            Locale.UK,
            "%s (%s) has %,.0f %s, %s the band of %,.0f–%,.0f",
            nw.code(),
            nw.name(),
            size,
            spec.onResidents() ? "residents" : "registered patients",
            size < spec.lower() ? "under" : "over",
            spec.lower(),
            spec.upper());
    Set<String> fixedHere = new TreeSet<>();
    for (String p : nw.practices()) {
      Practice pr = t.practiceByCode.get(p);
      if (spec.fixedPcns().contains(pr.pcnCode())) {
        fixedHere.add(pr.pcnCode());
      }
      if (spec.fixedPractices().contains(p)) {
        fixedHere.add(p);
      }
    }
    if (spec.fixedPcns().contains(nw.code())) {
      return what + ": it is a fixed PCN.";
    }
    if (nw.code().equals(Practice.UNALLOCATED)) {
      return what + ": these practices are unallocated and no network could take them in.";
    }
    TreeMap<String, Integer> adjacent = new TreeMap<>();
    for (int i : groups.get(g)) {
      for (int j : in.neighbours()[i]) {
        if (label[j] != g) {
          adjacent.put(code[label[j]], label[j]);
        }
      }
    }
    if (size < spec.lower()) {
      if (adjacent.isEmpty()) {
        return what + ": its catchment touches no other network's.";
      }
      List<String> sizes = new ArrayList<>();
      boolean allOver = true;
      for (Map.Entry<String, Integer> other : adjacent.entrySet()) {
        double s = Objective.figures(in, groups.get(other.getValue())).size();
        sizes.add(String.format(Locale.UK, "%s %,.0f", other.getKey(), s));
        allOver &= s + size > spec.upper();
      }
      if (allOver) {
        return what
            + ": joining any network its catchment touches ("
            + String.join(", ", sizes)
            + ") would take that network over "
            + count(spec.upper())
            + ", and no practice can leave those without taking them under the band.";
      }
      return what
          + ": the networks its catchment touches ("
          + String.join(", ", sizes)
          + ") could take it in only by crossing the alignment layer, moving more practices than"
          + " allowed, or breaking a fixed PCN"
          + (fixedHere.isEmpty() ? "" : " (fixed here: " + String.join(", ", fixedHere) + ")")
          + "; the search found no change that does better.";
    }
    if (size < 2 * spec.lower()) {
      return what
          + ": it is too small to split into two networks of at least "
          + count(spec.lower())
          + ", and its neighbours could not take a practice from it without leaving the band.";
    }
    List<String> lists = new ArrayList<>();
    for (int i : groups.get(g)) {
      lists.add(String.format(Locale.UK, "%s %,.0f", in.practices().get(i), in.sizeOf(i)));
    }
    return what
        + ": its practices ("
        + String.join(", ", lists)
        + ") gave no split into two connected networks of at least "
        + count(spec.lower())
        + " each"
        + (fixedHere.isEmpty() ? "" : " (fixed here: " + String.join(", ", fixedHere) + ")")
        + ".";
  }

  /** Why the network of these nodes straddles the layer. */
  private static String areaReason(Table t, Proposal.Network nw, int[] nodes, int[] home) {
    Instance in = t.instance;
    Set<String> homes = new TreeSet<>();
    List<String> straddlingCells = new ArrayList<>();
    for (int i : nodes) {
      if (home[i] >= 0) {
        homes.add(t.sites.areaNames().get(home[i]));
      }
      if (Objective.figures(in, new int[] {i}).straddles()) {
        straddlingCells.add(in.practices().get(i));
      }
    }
    String base =
        String.format(
            Locale.UK,
            "%s (%s) has %d areas with 5%% or more of its residents (%s holds %.1f%%)",
            nw.code(),
            nw.name(),
            nw.areasOver5Percent(),
            nw.dominantAreaName(),
            100 * nw.dominantShare());
    if (homes.size() > 1) {
      return base
          + ": its practices' home areas are "
          + String.join(", ", homes)
          + "; a network inside one of them would be outside the band or leave another out of it.";
    }
    if (!straddlingCells.isEmpty()) {
      return base
          + ": the catchment of "
          + String.join(", ", straddlingCells)
          + " itself crosses the boundary, so any network holding it crosses it too.";
    }
    return base + ": the cells together cross the boundary.";
  }

  private static Proposal.Totals totals(Table t, int[] label) {
    Instance in = t.instance;
    List<int[]> groups = Objective.groups(label);
    int inBand = 0;
    int one = 0;
    int contiguous = 0;
    double outside = 0;
    for (int[] g : groups) {
      Objective.Network f = Objective.figures(in, g);
      inBand += in.band().contains(f.size()) ? 1 : 0;
      one += f.straddles() ? 0 : 1;
      contiguous += Objective.connected(in, label, g) ? 1 : 0;
      outside += f.outside();
    }
    return new Proposal.Totals(groups.size(), inBand, one, contiguous, outside);
  }
}
