package org.pcnatlas.catchment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
    practices = practices.stream().sorted(Comparator.comparing(Practice::code)).toList();
  }

  /** The codes of the practices at the site, sorted. */
  public List<String> practiceCodes() {
    return practices.stream().map(Practice::code).toList();
  }

  /** The distinct PCN codes of the practices at the site, sorted. */
  public List<String> pcnCodes() {
    return practices.stream().map(Practice::pcnCode).distinct().sorted().toList();
  }

  /** The distinct practice locations, sorted by x then y. */
  static List<Site> of(List<Practice> practices) {
    Map<Coordinate, List<Practice>> at = new TreeMap<>();
    for (Practice p : practices) {
      Coordinate c = new Coordinate(p.location().getX(), p.location().getY());
      at.computeIfAbsent(c, k -> new ArrayList<>()).add(p);
    }
    List<Site> sites = new ArrayList<>();
    at.forEach((c, ps) -> sites.add(new Site(c, ps)));
    return sites;
  }
}
