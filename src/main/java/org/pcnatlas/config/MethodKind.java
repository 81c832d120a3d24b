package org.pcnatlas.config;

import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * The catchment methods a user can ask for: the one registry of their names, what each needs and
 * what it draws, read by the command line ({@code --method}), the configuration's checks, the
 * loader (which inputs to read), the OpenAPI document and the map.
 */
public enum MethodKind {
  VORONOI(
      "voronoi",
      "Nearest practice",
      "The places nearer to one of the PCN's practice sites than to any other site (several"
          + " practices at one site share a cell), clipped to the study area.",
      List.of(),
      true,
      true,
      "none of the study area is nearer to its practice sites than to another site's (its sites lie outside the study area or share a site elsewhere)"),
  REGISTRATION(
      "registration",
      "Registered patients, largest share",
      "The LSOAs where the PCN has the largest share of the registered patients (ties to the"
          + " lowest PCN code).",
      List.of(Input.REGISTRATIONS, Input.LSOAS),
      true,
      true,
      "no LSOA has more of its registered patients at this PCN's practices than at any other PCN's (or none of its practices has registration rows)"),
  REGISTRATION_MIN_SHARE(
      "registration-min-share",
      "Registered patients, minimum share",
      "Every LSOA where the PCN has at least the minimum share of the registered patients;"
          + " catchments overlap, and the overlaps are reported.",
      List.of(Input.REGISTRATIONS, Input.LSOAS),
      false,
      false,
      "no LSOA has at least the minimum share of its registered patients at this PCN's practices (or none of its practices has registration rows)"),
  CUMULATIVE_SHARE(
      "cumulative-share",
      "Registered patients, cumulative share",
      "The fewest LSOAs that together hold at least the share of the PCN's registered patients,"
          + " taken by most of its patients first (ties to the lowest LSOA code); catchments"
          + " overlap, and the overlaps are reported.",
      List.of(Input.REGISTRATIONS, Input.LSOAS),
      false,
      false,
      "none of its practices has registration rows (or only rows with no patients, or for LSOAs without a polygon)"),
  DISTANCE(
      "distance",
      "Distance from the practices",
      "Discs of a radius in metres (one for all, or per practice) round the practices, clipped to"
          + " the study area; catchments overlap.",
      List.of(Input.RADIUS),
      false,
      true,
      "no disc round its practices reaches into the study area"),
  GIVEN(
      "given",
      "Given practice boundaries",
      "The practice polygons supplied, unioned per PCN and clipped to the study area; catchments"
          + " may overlap.",
      List.of(Input.CATCHMENTS),
      false,
      true,
      "no catchment polygon of its practices was given, or none reaches into the study area");

  /** What a method needs beyond the practices, districts and population. */
  public enum Input {
    REGISTRATIONS("--registrations FILE"),
    LSOAS("--lsoa FILE"),
    RADIUS("--radius METRES or --radius-column NAME"),
    CATCHMENTS("--catchments FILE");

    private final String option;

    Input(String option) {
      this.option = option;
    }

    /** The command-line option that gives it. */
    public String option() {
      return option;
    }
  }

  private final String id;
  private final String title;
  private final String description;
  private final List<Input> needs;
  private final boolean coverage;
  private final boolean perPractice;
  private final String noCatchment;

  MethodKind(
      String id,
      String title,
      String description,
      List<Input> needs,
      boolean coverage,
      boolean perPractice,
      String noCatchment) {
    this.id = id;
    this.title = title;
    this.description = description;
    this.needs = needs;
    this.coverage = coverage;
    this.perPractice = perPractice;
    this.noCatchment = noCatchment;
  }

  /** The name users write ({@code --method voronoi}) and the outputs carry. */
  public String id() {
    return id;
  }

  /** A short title for a legend or a menu. */
  public String title() {
    return title;
  }

  /** One sentence on what a catchment is under this method. */
  public String description() {
    return description;
  }

  /** The inputs it needs beyond the practices, districts and population. */
  public List<Input> needs() {
    return needs;
  }

  /**
   * True when its catchments tile the study area without overlapping (a coverage); false when they
   * may overlap by design.
   */
  public boolean coverage() {
    return coverage;
  }

  /** True when it also draws one catchment per practice. */
  public boolean perPractice() {
    return perPractice;
  }

  /**
   * Why a PCN can end up with no catchment under this method: the note the tables give it (a PCN
   * without a catchment has no place on a map layer, so it is listed in the tables instead).
   */
  public String noCatchment() {
    return noCatchment;
  }

  /** Every method's id, in registry order. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(MethodKind::id).toList();
  }

  /**
   * The method of this id.
   *
   * @throws IllegalArgumentException naming {@code --method} and the methods there are
   */
  public static MethodKind of(String id) {
    for (MethodKind m : values()) {
      if (m.id.equals(id)) {
        return m;
      }
    }
    throw new IllegalArgumentException(
        "--method: unknown method '" + id + "'; the methods are " + String.join(", ", ids()));
  }

  /** The ids, for picocli's {@code ${COMPLETION-CANDIDATES}} in the {@code --method} help. */
  public static final class Ids implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
      return ids().iterator();
    }
  }
}
