package org.pcnatlas.testing;

import static org.pcnatlas.geo.GeoUtils.rectangle;

import java.util.List;
import org.pcnatlas.catchment.Catchment;
import org.pcnatlas.model.Area;
import org.pcnatlas.model.AreaLayer;

/**
 * Three 100 m x 100 m catchments side by side (A: x 0-100, B: 100-200, C: 200-300) and two
 * districts splitting them at x = 150 (D1 West, D2 East): every overlay figure is known by hand.
 */
public final class StripFixture {
  private StripFixture() {}

  public static final List<Catchment> CATCHMENTS =
      List.of(
          new Catchment("A", "PCN A", List.of("a1"), rectangle(0, 0, 100, 100)),
          new Catchment("B", "PCN B", List.of("b1"), rectangle(100, 0, 200, 100)),
          new Catchment("C", "PCN C", List.of("c1"), rectangle(200, 0, 300, 100)));

  public static final AreaLayer DISTRICTS =
      new AreaLayer(
          "districts",
          List.of(
              new Area("D2", "East", rectangle(150, 0, 300, 100), "South"),
              new Area("D1", "West", rectangle(0, 0, 150, 100), "North")));
}
