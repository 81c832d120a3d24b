package org.pcnatlas.api.tiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * The OGC WebMercatorQuad tile matrix set (OGC 17-083r4, annex D.1): EPSG:3857, 256 x 256 pixel
 * tiles, tile matrix {@code z} of {@code 2^z x 2^z} tiles, rows counted down from the top-left
 * corner (-20037508.34, 20037508.34). The same grid as the XYZ tiles of web maps, with {@code
 * tileRow = y} and {@code tileCol = x}.
 */
public final class WebMercatorQuad {
  public static final String ID = "WebMercatorQuad";
  public static final String URI =
      "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
  public static final String CRS_URI = "http://www.opengis.net/def/crs/EPSG/0/3857";

  /** Half the width of the world in EPSG:3857 metres: pi times the sphere's radius 6378137 m. */
  public static final double HALF_WORLD = Math.PI * 6_378_137.0;

  /** Pixels along a tile's side. */
  public static final int TILE_SIZE = 256;

  /** The deepest tile matrix the definition lists (as the OGC registry's does). */
  public static final int MAX_DEFINED_ZOOM = 24;

  /** The latitude where the square world ends (degrees). */
  public static final double MAX_LATITUDE = Math.toDegrees(Math.atan(Math.sinh(Math.PI)));

  /** The size of one pixel of the standard rendering, 0.28 mm, for the scale denominators. */
  private static final double PIXEL_METRES = 0.00028;

  private WebMercatorQuad() {}

  /** One tile's place in the set. */
  public record Tile(int zoom, int row, int col) {
    public Tile {
      if (zoom < 0 || zoom > MAX_DEFINED_ZOOM) {
        throw new IllegalArgumentException("tile matrix " + zoom + " is not 0 to 24");
      }
      if (row < 0 || row >= matrixSize(zoom) || col < 0 || col >= matrixSize(zoom)) {
        throw new IllegalArgumentException(
            "tile " + zoom + "/" + row + "/" + col + " is outside its matrix");
      }
    }

    /** {@code z/row/col}, the order of the OGC path. */
    @Override
    public String toString() {
      return zoom + "/" + row + "/" + col;
    }
  }

  /** The number of tiles along each side of tile matrix {@code zoom}. */
  public static int matrixSize(int zoom) {
    return 1 << zoom;
  }

  /** The width of one tile of tile matrix {@code zoom}, in EPSG:3857 metres. */
  public static double tileWidth(int zoom) {
    return 2 * HALF_WORLD / matrixSize(zoom);
  }

  /** The width of one pixel of tile matrix {@code zoom}, in EPSG:3857 metres. */
  public static double cellSize(int zoom) {
    return tileWidth(zoom) / TILE_SIZE;
  }

  /** The tile's extent in EPSG:3857 metres. */
  public static Envelope bounds(Tile t) {
    double w = tileWidth(t.zoom());
    double minX = -HALF_WORLD + t.col() * w;
    double maxY = HALF_WORLD - t.row() * w;
    return new Envelope(minX, minX + w, maxY - w, maxY);
  }

  /** The tile of matrix {@code zoom} holding a longitude/latitude (clamped to the square world). */
  public static Tile tileAt(double lon, double lat, int zoom) {
    int n = matrixSize(zoom);
    return new Tile(zoom, clamp(row(lat, n), n), clamp(column(lon, n), n));
  }

  private static int column(double lon, int n) {
    return (int) Math.floor((lon + 180.0) / 360.0 * n);
  }

  private static int row(double lat, int n) {
    double l = Math.toRadians(Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, lat)));
    double y = (1 - Math.log(Math.tan(l) + 1 / Math.cos(l)) / Math.PI) / 2;
    return (int) Math.floor(y * n);
  }

  private static int clamp(int i, int n) {
    return Math.max(0, Math.min(n - 1, i));
  }

  /**
   * The tiles of one tile matrix that a longitude/latitude extent touches (the OGC
   * tileMatrixSetLimits of one matrix).
   */
  public record Limits(int zoom, int minRow, int maxRow, int minCol, int maxCol) {
    public boolean contains(int row, int col) {
      return row >= minRow && row <= maxRow && col >= minCol && col <= maxCol;
    }

    /** The OGC TileMatrixLimits JSON object. */
    public Map<String, Object> json() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("tileMatrix", Integer.toString(zoom));
      m.put("minTileRow", minRow);
      m.put("maxTileRow", maxRow);
      m.put("minTileCol", minCol);
      m.put("maxTileCol", maxCol);
      return m;
    }
  }

  /** The limits of tile matrix {@code zoom} over a CRS84 extent (the whole matrix when null). */
  public static Limits limits(Envelope crs84, int zoom) {
    int n = matrixSize(zoom);
    if (crs84 == null || crs84.isNull()) {
      return new Limits(zoom, 0, n - 1, 0, n - 1);
    }
    Tile topLeft = tileAt(crs84.getMinX(), crs84.getMaxY(), zoom);
    Tile bottomRight = tileAt(crs84.getMaxX(), crs84.getMinY(), zoom);
    return new Limits(zoom, topLeft.row(), bottomRight.row(), topLeft.col(), bottomRight.col());
  }

  /** The OGC 2D Tile Matrix Set JSON of WebMercatorQuad, tile matrices 0 to 24. */
  public static Map<String, Object> definition() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("id", ID);
    d.put("title", "Google Maps Compatible for the World");
    d.put("uri", URI);
    d.put("crs", CRS_URI);
    d.put("orderedAxes", List.of("X", "Y"));
    d.put("wellKnownScaleSet", "http://www.opengis.net/def/wkss/OGC/1.0/GoogleMapsCompatible");
    List<Map<String, Object>> matrices = new ArrayList<>();
    for (int z = 0; z <= MAX_DEFINED_ZOOM; z++) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", Integer.toString(z));
      m.put("scaleDenominator", cellSize(z) / PIXEL_METRES);
      m.put("cellSize", cellSize(z));
      m.put("cornerOfOrigin", "topLeft");
      m.put("pointOfOrigin", List.of(-HALF_WORLD, HALF_WORLD));
      m.put("tileWidth", TILE_SIZE);
      m.put("tileHeight", TILE_SIZE);
      m.put("matrixWidth", matrixSize(z));
      m.put("matrixHeight", matrixSize(z));
      matrices.add(m);
    }
    d.put("tileMatrices", matrices);
    return d;
  }
}
