package org.pcnatlas.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.pcnatlas.model.PopulationUnit;
import org.pcnatlas.model.ProfileSpec;
import org.pcnatlas.model.UnitAttributes;

/**
 * Who lives in a group of population units (a catchment, a (catchment, area) piece, an area): the
 * figures of its profile from the units' attributes, each unit counted with the share of its
 * residents the group holds (1 for a centroid inside it; the area-weighted share for a polygon).
 *
 * <p>Every figure is a ratio of sums over the units, so a group's profile is made by adding the
 * units' vectors ({@link #vector}) weighted by their shares and reading the sums ({@link
 * #figures}):
 *
 * <ul>
 *   <li>residents by age band ({@code age_*} columns, counts): summed; {@code share_under_16} and
 *       {@code share_65_plus} are the bands {@code age_0_15} and {@code age_65_plus} over the sum
 *       of all the age bands.
 *   <li>the IMD ({@code IMD_decile}, {@code IMD_score}): {@code imd_mean_score}, the mean score
 *       weighted by residents; {@code imd_decile_1} to {@code imd_decile_10}, residents in units of
 *       each national decile; {@code core20_share}, the share of residents in deciles 1 and 2 (the
 *       most deprived 20% of England's LSOAs, NHS England's Core20).
 *   <li>each domain named ({@code --profile-domains Income}): {@code income_mean_score} and {@code
 *       income_core20_share}, the same way.
 *   <li>any other numeric column {@code x}: {@code x_mean}, weighted by residents.
 * </ul>
 *
 * <p>A unit without a value of a column counts in neither the numerator nor the denominator of that
 * column's figures; a figure with no residents to weigh is null.
 */
public final class Profiles {
  private final ProfileSpec spec;
  private final List<Figure> figures = new ArrayList<>();
  private int width = 1; // slot 0: residents

  /** How one named figure is read from the sums. */
  private record Figure(String name, int numerator, int[] denominator) {}

  /** One column's slots in a unit's vector. */
  private record Slots(int column, UnitAttributes.Kind kind, int first, boolean used) {}

  private final List<Slots> slots = new ArrayList<>();

  private Profiles(ProfileSpec spec) {
    this.spec = spec;
    UnitAttributes a = spec.attributes();
    Set<String> deprivation = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    deprivation.add("IMD");
    deprivation.addAll(spec.domains());
    boolean deprivationFile =
        a.columns().stream().anyMatch(c -> c.kind() == UnitAttributes.Kind.DECILE);
    for (String d : spec.domains()) {
      if (column(d + "_decile") < 0) {
        Set<String> there = new TreeSet<>();
        for (UnitAttributes.Column c : a.columns()) {
          if (c.kind() == UnitAttributes.Kind.DECILE) {
            there.add(c.name().substring(0, c.name().length() - "_decile".length()));
          }
        }
        throw new IllegalArgumentException(
            "--profile-domains: no column "
                + d
                + "_decile in the unit attribute files; the domains there are "
                + (there.isEmpty() ? "none" : String.join(", ", there)));
      }
    }
    List<Integer> ageBands = new ArrayList<>();
    for (int i = 0; i < a.columns().size(); i++) {
      UnitAttributes.Column c = a.columns().get(i);
      String lower = c.name().toLowerCase(Locale.ROOT);
      switch (c.kind()) {
        case COUNT -> {
          slots.add(new Slots(i, c.kind(), width, true));
          figures.add(new Figure(lower, width, null));
          if (lower.startsWith("age_")) {
            ageBands.add(width);
          }
          width++;
        }
        case DECILE -> {
          String prefix = lower.substring(0, lower.length() - "_decile".length());
          boolean used = deprivation.contains(prefix);
          slots.add(new Slots(i, c.kind(), width, used));
          if (used) {
            int known = width + 10;
            boolean imd = prefix.equals("imd");
            if (imd) {
              for (int d = 1; d <= 10; d++) {
                figures.add(new Figure("imd_decile_" + d, width + d - 1, null));
              }
            }
            figures.add(
                new Figure(
                    imd ? "core20_share" : prefix + "_core20_share",
                    -1 - width, // the sum of deciles 1 and 2
                    new int[] {known}));
            width += 11;
          }
        }
        case MEAN -> {
          boolean score = lower.endsWith("_score") && deprivationFile;
          String prefix = score ? lower.substring(0, lower.length() - "_score".length()) : lower;
          boolean used = !score || deprivation.contains(prefix);
          slots.add(new Slots(i, c.kind(), width, used));
          if (used) {
            figures.add(
                new Figure(
                    score ? prefix + "_mean_score" : lower + "_mean",
                    width,
                    new int[] {width + 1}));
            width += 2;
          }
        }
      }
    }
    int under16 = column("age_0_15");
    int over65 = column("age_65_plus");
    if (!ageBands.isEmpty()) {
      int[] all = ageBands.stream().mapToInt(Integer::intValue).toArray();
      if (under16 >= 0) {
        figures.add(new Figure("share_under_16", slotOf(under16), all));
      }
      if (over65 >= 0) {
        figures.add(new Figure("share_65_plus", slotOf(over65), all));
      }
    }
  }

  /** The profile of these attributes and domains (null when there are none). */
  public static Profiles of(ProfileSpec spec) {
    return spec == null || spec.isEmpty() ? null : new Profiles(spec);
  }

  private int column(String name) {
    List<UnitAttributes.Column> cs = spec.attributes().columns();
    for (int i = 0; i < cs.size(); i++) {
      if (cs.get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    return -1;
  }

  private int slotOf(int column) {
    for (Slots s : slots) {
      if (s.column() == column) {
        return s.first();
      }
    }
    throw new IllegalStateException("no slot of column " + column);
  }

  /** The length of a vector. */
  public int width() {
    return width;
  }

  /** The names of the figures, in output order. */
  public List<String> names() {
    return figures.stream().map(Figure::name).toList();
  }

  /** A unit's vector: what it adds to a group holding all its residents. */
  public double[] vector(PopulationUnit unit) {
    double[] v = new double[width];
    double r = unit.population();
    v[0] = r;
    double[] values = spec.attributes().of(unit.code());
    for (Slots s : slots) {
      if (!s.used()) {
        continue;
      }
      double x = values == null ? Double.NaN : values[s.column()];
      switch (s.kind()) {
        case COUNT -> v[s.first()] = Double.isNaN(x) ? 0 : x;
        case DECILE -> {
          if (!Double.isNaN(x)) {
            v[s.first() + (int) x - 1] = r;
            v[s.first() + 10] = r;
          }
        }
        case MEAN -> {
          if (!Double.isNaN(x)) {
            v[s.first()] = r * x;
            v[s.first() + 1] = r;
          }
        }
      }
    }
    return v;
  }

  /** The vectors of all the units, in order. */
  public double[][] vectors(List<PopulationUnit> units) {
    double[][] out = new double[units.size()][];
    for (int u = 0; u < out.length; u++) {
      out[u] = vector(units.get(u));
    }
    return out;
  }

  /** {@code into += share * v}. */
  public static void add(double[] into, double[] v, double share) {
    for (int i = 0; i < v.length; i++) {
      into[i] += share * v[i];
    }
  }

  /** The named figures of a group's sums (null where there is nothing to weigh). */
  public Map<String, Double> figures(double[] sums) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (Figure f : figures) {
      double num =
          f.numerator() >= 0
              ? sums[f.numerator()]
              : sums[-1 - f.numerator()] + sums[-1 - f.numerator() + 1];
      if (f.denominator() == null) {
        out.put(f.name(), num);
        continue;
      }
      double den = 0;
      for (int d : f.denominator()) {
        den += sums[d];
      }
      out.put(f.name(), den > 0 ? num / den : null);
    }
    return out;
  }

  /** The figures of a group holding nothing. */
  public Map<String, Double> empty() {
    return figures(new double[width]);
  }
}
