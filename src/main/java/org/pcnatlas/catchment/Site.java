package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.locationtech.jts.geom.Coordinate;
import org.pcnatlas.model.Practice;

/**
 * One practice location and the practices at it (several practices may share a building, hence one
 * Voronoi cell).
 *
 * @param location the site in EPSG:27700 (do not modify)
 * @param practices the practices at this exact location, sorted by code
 */
public record Site(Coordinate location, List<Practice> practices) {
  public Site {
    location = new Coordinate(location.x, location.y);
    practices =
        practices.size() == 1
            ? List.of(practices.get(0))
            : practices.stream().sorted(Comparator.comparing(Practice::code)).toList();
  }

  /** The codes of the practices at the site, sorted. */
  public List<String> practiceCodes() {
    return practices.size() == 1
        ? List.of(practices.get(0).code())
        : practices.stream().map(Practice::code).toList();
  }

  /** The distinct PCN codes of the practices at the site, sorted. */
  public List<String> pcnCodes() {
    return practices.size() == 1
        ? List.of(practices.get(0).pcnCode())
        : practices.stream().map(Practice::pcnCode).distinct().sorted().toList();
  }

  /**
   * The distinct practice locations, sorted by x then y (a sort of the practices by location, then
   * one site per run of equal locations: called for every scenario change, so no map of them).
   */
  static List<Site> of(List<Practice> practices) {
    Practice[] sorted = practices.toArray(Practice[]::new);
    Arrays.sort(
        sorted,
        (a, b) -> {
          int x = Double.compare(a.location().getX(), b.location().getX());
          return x != 0 ? x : Double.compare(a.location().getY(), b.location().getY());
        });
    List<Site> sites = new ArrayList<>();
    int start = 0;
    for (int i = 1; i <= sorted.length; i++) {
      if (i == sorted.length || !sameLocation(sorted[i], sorted[start])) {
        List<Practice> at = new ArrayList<>(i - start);
        for (int k = start; k < i; k++) {
          at.add(sorted[k]);
        }
        Practice first = sorted[start];
        sites.add(new Site(new Coordinate(first.location().getX(), first.location().getY()), at));
        start = i;
      }
    }
    return sites;
  }

  private static boolean sameLocation(Practice a, Practice b) {
    return a.location().getX() == b.location().getX() && a.location().getY() == b.location().getY();
  }
}
