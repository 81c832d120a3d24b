package org.pcnatlas.api.tiles;

import io.github.sebasbaumh.mapbox.vectortile.VectorTile;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.MvtReader;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.TagKeyValueMapConverter;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsLayer;
import io.github.sebasbaumh.mapbox.vectortile.adapt.jts.model.JtsMvt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.geom.util.PolygonExtracter;
import org.pcnatlas.geo.GeoUtils;

/** Reading tiles back in tests: the library's reader, and the raw MVT commands for ring order. */
public final class Mvt {
  /** The id the reader puts among each feature's properties. */
  public static final String ID = "mvt_id";

  private Mvt() {}

  /** The layers of a tile by name, each geometry's user data its properties (and {@link #ID}). */
  public static Map<String, JtsLayer> layers(byte[] tile) {
    try {
      JtsMvt mvt =
          MvtReader.loadMvt(
              new ByteArrayInputStream(tile),
              GeoUtils.FACTORY,
              new TagKeyValueMapConverter(false, ID),
              MvtReader.RING_CLASSIFIER_V2_1);
      return mvt.getLayersByName();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The geometries of one layer (none when the tile lacks it). */
  public static List<Geometry> geometries(byte[] tile, String layer) {
    JtsLayer l = layers(tile).get(layer);
    return l == null ? List.of() : new ArrayList<>(l.getGeometries());
  }

  /** The properties of a decoded geometry. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> properties(Geometry g) {
    return (Map<String, Object>) g.getUserData();
  }

  /** Every polygon of the geometries. */
  public static List<Polygon> polygons(List<Geometry> geometries) {
    List<Polygon> out = new ArrayList<>();
    for (Geometry g : geometries) {
      for (Object p : PolygonExtracter.getPolygons(g)) {
        out.add((Polygon) p);
      }
    }
    return out;
  }

  /**
   * The signed areas (the surveyor's formula in tile coordinates, y down) of each ring of each
   * polygon feature of a layer, as the tile's commands draw them: MVT 2.1 says an exterior ring has
   * a positive area, an interior ring a negative one, and each polygon starts with its exterior.
   */
  public static List<List<Double>> ringAreas(byte[] tile, String layer) {
    try {
      List<List<Double>> out = new ArrayList<>();
      for (VectorTile.Tile.Layer l : VectorTile.Tile.parseFrom(tile).getLayersList()) {
        if (!l.getName().equals(layer)) {
          continue;
        }
        for (VectorTile.Tile.Feature f : l.getFeaturesList()) {
          if (f.getType() == VectorTile.Tile.GeomType.POLYGON) {
            out.add(rings(f.getGeometryList()));
          }
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Double> rings(List<Integer> commands) {
    List<Double> areas = new ArrayList<>();
    List<long[]> ring = new ArrayList<>();
    long x = 0;
    long y = 0;
    int i = 0;
    while (i < commands.size()) {
      int header = commands.get(i++);
      int id = header & 7;
      int count = header >>> 3;
      if (id == 7) { // ClosePath
        double a = 0;
        for (int k = 0; k < ring.size(); k++) {
          long[] p = ring.get(k);
          long[] q = ring.get((k + 1) % ring.size());
          a += (double) p[0] * q[1] - (double) q[0] * p[1];
        }
        areas.add(a / 2);
        ring.clear();
        continue;
      }
      for (int k = 0; k < count; k++) {
        x += zigzag(commands.get(i++));
        y += zigzag(commands.get(i++));
        ring.add(new long[] {x, y});
      }
    }
    return areas;
  }

  private static long zigzag(int n) {
    return (n >>> 1) ^ -(n & 1);
  }
}
