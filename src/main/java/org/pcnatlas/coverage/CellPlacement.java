package org.pcnatlas.coverage;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.stream.IntStream;
import org.pcnatlas.catchment.NearestPractice;
import org.pcnatlas.catchment.VoronoiCells;

/**
 * Which Voronoi cell holds each population unit, without a point-in-polygon test against the
 * catchments: the cell of the unit's nearest practice site ({@link NearestPractice}, a 2-d tree;
 * ties go to the first site in site order). Only when that cell crosses the study area boundary is
 * the point tested against the study area; a point outside it is in no cell. A PCN's residents are
 * then the units of its cells; a cell shared by practices of several PCNs counts in each.
 *
 * <p>{@link #update} places again only the units that an edit of the diagram can move: those of the
 * cells that were drawn again or removed, and those inside the envelope of a new or redrawn cell.
 * Immutable.
 */
public final class CellPlacement {
  private final int[] cellOf;
  private final int[][] unitsOf;

  /** Cells of the update whose units differ from those of the cell they came from. */
  private final BitSet changedCells;

  private final int placedAgain;

  private CellPlacement(int[] cellOf, int[][] unitsOf, BitSet changedCells, int placedAgain) {
    this.cellOf = cellOf;
    this.unitsOf = unitsOf;
    this.changedCells = changedCells;
    this.placedAgain = placedAgain;
  }

  /** Every unit placed. */
  public static CellPlacement of(VoronoiCells cells, UnitPoints units) {
    int[] cellOf = new int[units.size()];
    NearestPractice nearest = cells.size() == 0 ? null : cells.nearest();
    IntStream.range(0, units.size())
        .parallel()
        .forEach(u -> cellOf[u] = place(cells, nearest, units, u));
    int[][] unitsOf = group(cellOf, cells.size());
    BitSet all = new BitSet();
    all.set(0, cells.size());
    return new CellPlacement(cellOf, unitsOf, all, units.size());
  }

  private static int place(VoronoiCells cells, NearestPractice nearest, UnitPoints units, int u) {
    if (nearest == null) {
      return -1;
    }
    double x = units.x(u);
    double y = units.y(u);
    int cell = nearest.nearestIndex(x, y);
    if (cells.crossesBoundary(cell) && !cells.inStudyArea(x, y)) {
      return -1;
    }
    return cell;
  }

  private static int[][] group(int[] cellOf, int cells) {
    int[] count = new int[cells];
    for (int c : cellOf) {
      if (c >= 0) {
        count[c]++;
      }
    }
    int[][] out = new int[cells][];
    for (int c = 0; c < cells; c++) {
      out[c] = new int[count[c]];
    }
    int[] fill = new int[cells];
    for (int u = 0; u < cellOf.length; u++) {
      int c = cellOf[u];
      if (c >= 0) {
        out[c][fill[c]++] = u;
      }
    }
    return out;
  }

  /**
   * The placement under the cells of an edited diagram ({@code origin}: per new cell, the index of
   * the same cell in the diagram these units were placed in, or -1), equal to {@link #of} on {@code
   * now}.
   */
  public CellPlacement update(VoronoiCells now, int[] origin, UnitPoints units) {
    int m = now.size();
    int oldCells = unitsOf.length;
    boolean[] kept = new boolean[oldCells];
    for (int o : origin) {
      if (o >= 0) {
        kept[o] = true;
      }
    }
    // the units to place again: in cells that went or were drawn again, or in a new cell's reach
    BitSet candidates = new BitSet(units.size());
    for (int c = 0; c < oldCells; c++) {
      if (!kept[c]) {
        for (int u : unitsOf[c]) {
          candidates.set(u);
        }
      }
    }
    for (int j = 0; j < m; j++) {
      if (origin[j] < 0) {
        for (int u : units.within(now.unclippedCell(j).getEnvelopeInternal())) {
          candidates.set(u);
        }
      }
    }
    // every unit keeps its cell (renumbered) unless it is placed again
    int[] cellOf = new int[units.size()];
    int[] newIndexOf = new int[oldCells];
    Arrays.fill(newIndexOf, -1);
    for (int j = 0; j < m; j++) {
      if (origin[j] >= 0) {
        newIndexOf[origin[j]] = j;
      }
    }
    for (int u = 0; u < cellOf.length; u++) {
      int c = this.cellOf[u];
      cellOf[u] = c >= 0 ? newIndexOf[c] : -1;
    }
    int[] todo = candidates.stream().toArray();
    NearestPractice nearest = m == 0 || todo.length == 0 ? null : now.nearest();
    int[] placed = new int[todo.length];
    IntStream.range(0, todo.length)
        .parallel()
        .forEach(k -> placed[k] = place(now, nearest, units, todo[k]));
    BitSet changed = new BitSet(m);
    for (int j = 0; j < m; j++) {
      if (origin[j] < 0) {
        changed.set(j);
      }
    }
    for (int k = 0; k < todo.length; k++) {
      int u = todo[k];
      if (cellOf[u] != placed[k]) {
        if (cellOf[u] >= 0) {
          changed.set(cellOf[u]);
        }
        if (placed[k] >= 0) {
          changed.set(placed[k]);
        }
        cellOf[u] = placed[k];
      }
    }
    int[][] units2 = new int[m][];
    List<Integer> rebuild = new ArrayList<>();
    for (int j = 0; j < m; j++) {
      if (changed.get(j)) {
        rebuild.add(j);
      } else {
        units2[j] = unitsOf[origin[j]];
      }
    }
    if (!rebuild.isEmpty()) {
      int[] count = new int[m];
      BitSet want = new BitSet(m);
      rebuild.forEach(want::set);
      for (int u = 0; u < cellOf.length; u++) {
        if (cellOf[u] >= 0 && want.get(cellOf[u])) {
          count[cellOf[u]]++;
        }
      }
      int[] fill = new int[m];
      for (int j : rebuild) {
        units2[j] = new int[count[j]];
      }
      for (int u = 0; u < cellOf.length; u++) {
        int c = cellOf[u];
        if (c >= 0 && want.get(c)) {
          units2[c][fill[c]++] = u;
        }
      }
    }
    return new CellPlacement(cellOf, units2, changed, todo.length);
  }

  /** The cell holding unit {@code u}, or -1 when it lies outside the study area. */
  public int cellOf(int u) {
    return cellOf[u];
  }

  /** The units in cell {@code c}, ascending. */
  public int[] unitsOf(int c) {
    return unitsOf[c];
  }

  /** The number of cells. */
  public int cells() {
    return unitsOf.length;
  }

  /**
   * True when cell {@code c}'s units may differ from those of the cell it came from (every cell of
   * a placement made whole).
   */
  public boolean changed(int c) {
    return changedCells.get(c);
  }

  /** Units placed (every unit for a placement made whole). */
  public int placedAgain() {
    return placedAgain;
  }
}
