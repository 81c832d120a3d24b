package org.pcnatlas.render;

import org.locationtech.jts.geom.Envelope;
import org.pcnatlas.crs.Crs;

/**
 * What a map image shows: a box in a CRS (x east, y north: longitude and latitude for CRS84) drawn
 * into {@code width} x {@code height} pixels. The box is widened or heightened about its centre to
 * the image's shape ({@link #fit}), so the map is never stretched.
 */
public record MapView(Envelope bbox, int epsg, int width, int height) {
  /** The largest side of an image, in pixels. */
  public static final int MAX_SIZE = 4096;

  public MapView {
    if (width < 1 || height < 1 || width > MAX_SIZE || height > MAX_SIZE) {
      throw new IllegalArgumentException("width and height must be from 1 to " + MAX_SIZE);
    }
    if (bbox.isNull() || bbox.getWidth() <= 0 || bbox.getHeight() <= 0) {
      throw new IllegalArgumentException("the box must have an area");
    }
  }

  /** The view of {@code bbox}, grown about its centre to the aspect of the image. */
  public static MapView fit(Envelope bbox, int epsg, int width, int height) {
    double sx = bbox.getWidth() / width;
    double sy = bbox.getHeight() / height;
    double s = Math.max(sx, sy);
    double cx = bbox.centre().x;
    double cy = bbox.centre().y;
    double hw = s * width / 2;
    double hh = s * height / 2;
    return new MapView(new Envelope(cx - hw, cx + hw, cy - hh, cy + hh), epsg, width, height);
  }

  /** CRS units per pixel (the same across and down, after {@link #fit}). */
  public double unitsPerPixel() {
    return bbox.getWidth() / width;
  }

  public double x(double worldX) {
    return (worldX - bbox.getMinX()) / unitsPerPixel();
  }

  public double y(double worldY) {
    return (bbox.getMaxY() - worldY) / (bbox.getHeight() / height);
  }

  /**
   * Ground metres per pixel at the centre of the view: grid metres in EPSG:27700, metres of the
   * sphere scaled by the cosine of the latitude in EPSG:3857, degrees of longitude in CRS84.
   */
  public double metresPerPixel() {
    double u = unitsPerPixel();
    if (epsg == Crs.WEB_MERCATOR) {
      double lat = Math.atan(Math.sinh(bbox.centre().y / 6_378_137.0));
      return u * Math.cos(lat);
    }
    if (epsg == Crs.WGS84) {
      return u * 111_320 * Math.cos(Math.toRadians(bbox.centre().y));
    }
    return u;
  }
}
