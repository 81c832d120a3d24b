package org.pcnatlas.propose;

import java.util.List;
import org.pcnatlas.scenario.Change;

/**
 * A proposed configuration: the scenario that makes it and the report on it.
 *
 * @param spec what was asked
 * @param name the name of the scenario it emits
 * @param description the scenario's description (what was asked, what came out)
 * @param changes the scenario's changes, in the order they apply
 * @param networks the proposed networks, by code
 * @param areas per area of the alignment layer, what its practices list and could hold
 * @param unmet each constraint that is not met, and why
 * @param before the configuration of today, measured as the proposal is
 * @param after the proposed configuration
 * @param practicesMoved practices whose network changes (= the practices the changes move)
 * @param seconds the time the proposal took, table and search
 * @param steps the search's tabu steps
 * @param timedOut true when the time limit ended the search
 */
public record Proposal(
    ProposalSpec spec,
    String name,
    String description,
    List<Change> changes,
    List<Network> networks,
    List<AreaRow> areas,
    List<Unmet> unmet,
    Totals before,
    Totals after,
    int practicesMoved,
    double seconds,
    long steps,
    boolean timedOut) {

  public Proposal {
    changes = List.copyOf(changes);
    networks = List.copyOf(networks);
    areas = List.copyOf(areas);
    unmet = List.copyOf(unmet);
  }

  /**
   * One proposed network.
   *
   * @param status {@code kept} (today's network unchanged), {@code changed} (today's code, other
   *     practices) or {@code new}
   * @param practices its practices, sorted
   * @param joined its practices that were in another network today
   * @param registeredList the practices' registered lists
   * @param residents the residents of its practices' catchment cells
   * @param dominantArea the code of the area of the layer holding most of its residents (null when
   *     none)
   * @param dominantShare that area's share of its residents (0 when none)
   * @param areasOver5Percent areas holding at least 5% of its residents
   * @param inBand its size (list or residents, as the band is measured) is within the band
   * @param contiguous its practices' catchment cells are connected
   */
  public record Network(
      String code,
      String name,
      String status,
      List<String> practices,
      List<String> joined,
      long registeredList,
      double residents,
      String dominantArea,
      String dominantAreaName,
      double dominantShare,
      int areasOver5Percent,
      boolean inBand,
      boolean contiguous) {}

  /**
   * An area of the alignment layer and the networks it can hold.
   *
   * @param practices the practices whose cell's residents live mostly in it (its home practices)
   * @param registeredList their lists
   * @param residents the residents of the area in the practices' cells
   * @param mostNetworks the most networks its home practices can make within the band (floor of the
   *     size over the lower bound), 0 when they cannot make one
   * @param fewestNetworks the fewest networks that hold them within the band (ceiling of the size
   *     over the upper bound)
   */
  public record AreaRow(
      String code,
      String name,
      int practices,
      long registeredList,
      double residents,
      long mostNetworks,
      long fewestNetworks) {}

  /**
   * A constraint not met.
   *
   * @param constraint {@code band}, {@code single-area}, {@code contiguity}, {@code max-moves},
   *     {@code time-limit} or {@code area-too-small}
   * @param subject the network or area code it is about ("" for the whole proposal)
   * @param reason a sentence for the planner
   */
  public record Unmet(String constraint, String subject, String reason) {}

  /** Figures of a whole configuration. */
  public record Totals(
      int networks, int inBand, int insideOneArea, int contiguous, double residentsOutside) {}
}
