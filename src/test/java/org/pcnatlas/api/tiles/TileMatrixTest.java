package org.pcnatlas.api.tiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.crs.Crs;
import org.pcnatlas.crs.CrsTransform;

/** WebMercatorQuad's tile matrix math against known values. */
class TileMatrixTest {
  static final double H = 20_037_508.342789244;

  @Test
  void theWorldIsOneTileAtMatrixZero() {
    WebMercatorQuad.Tile t = WebMercatorQuad.tileAt(-1.2577, 51.752, 0);
    assertThat(t).isEqualTo(new WebMercatorQuad.Tile(0, 0, 0));
    Envelope e = WebMercatorQuad.bounds(t);
    assertThat(e.getMinX()).isCloseTo(-H, within(1e-6));
    assertThat(e.getMaxX()).isCloseTo(H, within(1e-6));
    assertThat(e.getMinY()).isCloseTo(-H, within(1e-6));
    assertThat(e.getMaxY()).isCloseTo(H, within(1e-6));
  }

  @Test
  void knownPlacesFallInTheirKnownTiles() {
    // the XYZ tiles every web map uses: z/x/y = tileMatrix/tileCol/tileRow
    assertThat(WebMercatorQuad.tileAt(-0.1278, 51.5074, 10)) // London
        .isEqualTo(new WebMercatorQuad.Tile(10, 340, 511));
    assertThat(WebMercatorQuad.tileAt(-1.2577, 51.752, 12)) // Oxford
        .isEqualTo(new WebMercatorQuad.Tile(12, 1357, 2033));
    assertThat(WebMercatorQuad.tileAt(151.2093, -33.8688, 8)) // Sydney
        .isEqualTo(new WebMercatorQuad.Tile(8, 153, 235));
    // the corner of the four tiles of matrix 1 belongs to the south-east one
    assertThat(WebMercatorQuad.tileAt(0, 0, 1)).isEqualTo(new WebMercatorQuad.Tile(1, 1, 1));
    // beyond the square world's latitude, the edge row
    assertThat(WebMercatorQuad.tileAt(0, 89.9, 3).row()).isZero();
    assertThat(WebMercatorQuad.tileAt(179.999, -89.9, 3))
        .isEqualTo(new WebMercatorQuad.Tile(3, 7, 7));
  }

  @Test
  void aTilesBoundsHoldThePlaceProjectedToWebMercator() {
    Coordinate oxford = CrsTransform.between(Crs.WGS84, Crs.WEB_MERCATOR).apply(-1.2577, 51.752);
    assertThat(oxford.x).isCloseTo(-140_006.52, within(0.01)); // R * lon in radians
    assertThat(oxford.y).isCloseTo(6_755_407.49, within(0.01)); // R * ln tan(pi/4 + lat/2)
    for (int z = 0; z <= 16; z++) {
      Envelope e = WebMercatorQuad.bounds(WebMercatorQuad.tileAt(-1.2577, 51.752, z));
      assertThat(e.contains(oxford)).as("z%d", z).isTrue();
      assertThat(e.getWidth()).isCloseTo(2 * H / (1 << z), within(1e-6));
    }
    // tile 1/0/1 is the north-east quarter
    assertThat((Object) WebMercatorQuad.bounds(new WebMercatorQuad.Tile(1, 0, 1)))
        .isEqualTo(new Envelope(0, WebMercatorQuad.HALF_WORLD, 0, WebMercatorQuad.HALF_WORLD));
  }

  @Test
  void cellSizesAndScaleDenominatorsAreThoseOfTheOgcDefinition() {
    Map<String, Object> d = WebMercatorQuad.definition();
    assertThat(d.get("uri"))
        .isEqualTo("http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad");
    assertThat(d.get("crs")).isEqualTo("http://www.opengis.net/def/crs/EPSG/0/3857");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> m = (List<Map<String, Object>>) d.get("tileMatrices");
    assertThat(m).hasSize(25);
    // the values in OGC 17-083r4 annex D.1
    assertThat((double) m.get(0).get("cellSize")).isCloseTo(156543.0339280410, within(1e-9));
    assertThat((double) m.get(0).get("scaleDenominator"))
        .isCloseTo(559082264.0287178, within(1e-6));
    assertThat((double) m.get(16).get("cellSize")).isCloseTo(2.388657133911758, within(1e-12));
    assertThat((double) m.get(24).get("scaleDenominator")).isCloseTo(33.32383, within(1e-4));
    assertThat(m.get(10).get("matrixWidth")).isEqualTo(1024);
    assertThat(m.get(10).get("cornerOfOrigin")).isEqualTo("topLeft");
  }

  @Test
  void limitsAreTheTilesAnExtentTouches() {
    // Oxfordshire, roughly
    Envelope oxon = new Envelope(-1.72, -0.87, 51.46, 52.17);
    WebMercatorQuad.Limits l = WebMercatorQuad.limits(oxon, 10);
    assertThat(l.minCol()).isEqualTo(WebMercatorQuad.tileAt(-1.72, 52.17, 10).col());
    assertThat(l.maxCol()).isEqualTo(WebMercatorQuad.tileAt(-0.87, 51.46, 10).col());
    assertThat(l.minRow()).isEqualTo(WebMercatorQuad.tileAt(-1.72, 52.17, 10).row());
    assertThat(l.maxRow()).isEqualTo(WebMercatorQuad.tileAt(-0.87, 51.46, 10).row());
    assertThat(l.minRow()).isLessThan(l.maxRow());
    assertThat(l.contains(l.minRow(), l.maxCol())).isTrue();
    assertThat(l.contains(l.maxRow() + 1, l.maxCol())).isFalse();
    assertThat(WebMercatorQuad.limits(oxon, 0))
        .isEqualTo(new WebMercatorQuad.Limits(0, 0, 0, 0, 0));
    assertThat(WebMercatorQuad.limits(new Envelope(), 2))
        .isEqualTo(new WebMercatorQuad.Limits(2, 0, 3, 0, 3));
  }

  @Test
  void aTileOutsideItsMatrixCannotBeMade() {
    assertThatThrownBy(() -> new WebMercatorQuad.Tile(2, 4, 0))
        .hasMessageContaining("outside its matrix");
    assertThatThrownBy(() -> new WebMercatorQuad.Tile(2, 0, -1))
        .hasMessageContaining("outside its matrix");
    assertThatThrownBy(() -> new WebMercatorQuad.Tile(25, 0, 0)).hasMessageContaining("0 to 24");
  }
}
