package org.pcnatlas.catchment;

import java.util.List;

/**
 * What a catchment method produced.
 *
 * @param method the method's name
 * @param pcns one catchment per PCN, sorted by PCN code
 * @param practices one catchment per practice where the method defines them, sorted by practice
 *     code; empty otherwise
 * @param overlapping true when the method may give one place to several PCNs (min-share,
 *     cumulative-share, distance), so overlaps are expected rather than a defect
 * @param notes what a reader of the results should know about how they were drawn (e.g. practices
 *     sharing a site, PCNs given no area), one sentence each
 */
public record CatchmentSet(
    String method,
    List<Catchment> pcns,
    List<PracticeCatchment> practices,
    boolean overlapping,
    List<String> notes) {
  public CatchmentSet {
    pcns = List.copyOf(pcns);
    practices = List.copyOf(practices);
    notes = List.copyOf(notes);
  }
}
