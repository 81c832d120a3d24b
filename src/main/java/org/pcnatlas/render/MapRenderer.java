package org.pcnatlas.render;

import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import javax.imageio.ImageIO;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.CoordinateSequence;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.LineString;
import org.locationtech.jts.geom.Point;
import org.locationtech.jts.geom.Polygon;

/**
 * Draws a map image with Java2D: layers of shapes (geometries already in the view's CRS) in order,
 * then the decorations a report needs (legend, scale bar, north arrow, attribution, title). Strokes
 * and marker sizes are in CSS pixels, as the page's Leaflet styles are.
 */
public final class MapRenderer {
  private MapRenderer() {}

  /**
   * One thing drawn: a polygon (filled when {@code fill} is not null), a line, or a point (a circle
   * of {@code radius} pixels); an optional label drawn at {@code labelAt} (view CRS).
   */
  public record Shape(
      Geometry geometry,
      String fill,
      double fillOpacity,
      MapStyles.Stroke stroke,
      double radius,
      String label,
      Coordinate labelAt) {
    /** A shape without a label. */
    public Shape(
        Geometry geometry,
        String fill,
        double fillOpacity,
        MapStyles.Stroke stroke,
        double radius) {
      this(geometry, fill, fillOpacity, stroke, radius, null, null);
    }
  }

  /** What is drawn over the map. */
  public record Decorations(
      String title, Scale legend, boolean scaleBar, boolean northArrow, String attribution) {
    public static Decorations none() {
      return new Decorations(null, null, false, false, null);
    }
  }

  /**
   * The labels' font family: DejaVu Sans (Debian's fonts-dejavu-core, which CI installs) when the
   * machine has it, so that a picture's text is drawn alike everywhere (and the golden images of
   * MapRendererGoldenTest hold); else Java's logical sans-serif, whatever font that maps to.
   */
  static final String FONT_FAMILY = fontFamily();

  private static final Font FONT = new Font(FONT_FAMILY, Font.PLAIN, 12);
  private static final Font BOLD = new Font(FONT_FAMILY, Font.BOLD, 12);
  private static final Font TITLE = new Font(FONT_FAMILY, Font.BOLD, 16);

  private static String fontFamily() {
    for (String f :
        java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment().getAvailableFontFamilyNames()) {
      if (f.equals("DejaVu Sans")) {
        return f;
      }
    }
    return Font.SANS_SERIF;
  }

  private static final Color INK = new Color(0x1b1b1b);
  private static final Color PAPER = new Color(255, 255, 255, 230);

  /**
   * The image: {@code background} (null for transparent) under the layers of shapes, then the
   * decorations.
   */
  public static BufferedImage render(
      MapView view, List<List<Shape>> layers, Decorations decorations, Color background) {
    BufferedImage image =
        new BufferedImage(view.width(), view.height(), BufferedImage.TYPE_INT_ARGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      if (background != null) {
        g.setComposite(AlphaComposite.Src);
        g.setColor(background);
        g.fillRect(0, 0, view.width(), view.height());
        g.setComposite(AlphaComposite.SrcOver);
      }
      for (List<Shape> layer : layers) {
        for (Shape s : layer) {
          draw(g, view, s);
        }
        for (Shape s : layer) {
          if (s.label() != null && s.labelAt() != null) {
            label(g, s.label(), view.x(s.labelAt().x), view.y(s.labelAt().y));
          }
        }
      }
      decorate(g, view, decorations);
    } finally {
      g.dispose();
    }
    return image;
  }

  /** The image as PNG bytes. */
  public static byte[] png(BufferedImage image) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** A colour from #rrggbb and an opacity from 0 to 1. */
  public static Color colour(String hex, double opacity) {
    int rgb = Integer.parseInt(hex.substring(1), 16);
    int alpha = (int) Math.round(Math.max(0, Math.min(1, opacity)) * 255);
    return new Color((rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff, alpha);
  }

  private static void draw(Graphics2D g, MapView view, Shape s) {
    Geometry geom = s.geometry();
    if (geom == null || geom.isEmpty()) {
      return;
    }
    for (int i = 0; i < geom.getNumGeometries(); i++) {
      Geometry part = geom.getGeometryN(i);
      if (part instanceof Point p) {
        double r = s.radius();
        Ellipse2D dot =
            new Ellipse2D.Double(view.x(p.getX()) - r, view.y(p.getY()) - r, 2 * r, 2 * r);
        if (s.fill() != null) {
          g.setColor(colour(s.fill(), s.fillOpacity()));
          g.fill(dot);
        }
        stroke(g, s.stroke(), dot);
      } else if (part instanceof Polygon poly) {
        Path2D path = new Path2D.Double(Path2D.WIND_EVEN_ODD);
        ring(path, view, poly.getExteriorRing().getCoordinateSequence());
        for (int h = 0; h < poly.getNumInteriorRing(); h++) {
          ring(path, view, poly.getInteriorRingN(h).getCoordinateSequence());
        }
        if (s.fill() != null) {
          g.setColor(colour(s.fill(), s.fillOpacity()));
          g.fill(path);
        }
        stroke(g, s.stroke(), path);
      } else if (part instanceof LineString line) {
        Path2D path = new Path2D.Double();
        line(path, view, line.getCoordinateSequence());
        stroke(g, s.stroke(), path);
      } else {
        draw(g, view, new Shape(part, s.fill(), s.fillOpacity(), s.stroke(), s.radius()));
      }
    }
  }

  /** A closed ring in pixels, leaving out points less than a third of a pixel from the last. */
  private static void ring(Path2D path, MapView view, CoordinateSequence seq) {
    line(path, view, seq);
    path.closePath();
  }

  private static void line(Path2D path, MapView view, CoordinateSequence seq) {
    double lx = Double.NaN;
    double ly = Double.NaN;
    int n = seq.size();
    for (int i = 0; i < n; i++) {
      double x = view.x(seq.getX(i));
      double y = view.y(seq.getY(i));
      if (i == 0) {
        path.moveTo(x, y);
      } else if (i == n - 1 || Math.abs(x - lx) > 0.33 || Math.abs(y - ly) > 0.33) {
        path.lineTo(x, y);
      } else {
        continue;
      }
      lx = x;
      ly = y;
    }
  }

  private static void stroke(Graphics2D g, MapStyles.Stroke stroke, java.awt.Shape shape) {
    if (stroke == null || stroke.width() <= 0) {
      return;
    }
    float[] dash = null;
    if (!stroke.dash().isEmpty()) {
      dash = new float[stroke.dash().size()];
      for (int i = 0; i < dash.length; i++) {
        dash[i] = (float) (double) stroke.dash().get(i); // CSS pixels, as Leaflet's dashArray
      }
    }
    g.setStroke(
        new BasicStroke(
            (float) stroke.width(), BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10, dash, 0));
    g.setColor(colour(stroke.colour(), stroke.opacity()));
    g.draw(shape);
  }

  /** Text centred on a point, dark on a white halo (as the page's area labels). */
  private static void label(Graphics2D g, String text, double x, double y) {
    TextLayout layout = new TextLayout(text, BOLD, g.getFontRenderContext());
    double w = layout.getBounds().getWidth();
    double h = layout.getAscent() - layout.getDescent();
    AffineTransform at = AffineTransform.getTranslateInstance(x - w / 2, y + h / 2);
    java.awt.Shape outline = layout.getOutline(at);
    g.setStroke(new BasicStroke(3f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
    g.setColor(new Color(255, 255, 255, 220));
    g.draw(outline);
    g.setColor(INK);
    g.fill(outline);
  }

  // ---- decorations ----

  private static void decorate(Graphics2D g, MapView view, Decorations d) {
    if (d.title() != null) {
      title(g, view, d.title());
    }
    if (d.legend() != null) {
      legend(g, view, d.legend(), d.title() != null ? 40 : 10);
    }
    if (d.northArrow()) {
      northArrow(g, view);
    }
    if (d.scaleBar()) {
      scaleBar(g, view);
    }
    if (d.attribution() != null) {
      attribution(g, view, d.attribution());
    }
  }

  private static void title(Graphics2D g, MapView view, String title) {
    g.setFont(TITLE);
    FontMetrics fm = g.getFontMetrics();
    int w = Math.min(view.width() - 20, fm.stringWidth(title) + 16);
    g.setColor(PAPER);
    g.fillRect(10, 10, w, fm.getHeight() + 8);
    g.setColor(INK);
    g.drawString(title, 18, 14 + fm.getAscent());
  }

  /** The legend box at the top left: the mode's title, then a swatch, label and count per class. */
  private static void legend(Graphics2D g, MapView view, Scale scale, int top) {
    g.setFont(FONT);
    FontMetrics fm = g.getFontMetrics();
    int line = fm.getHeight() + 4;
    String heading = scale.title();
    int w = g.getFontMetrics(BOLD).stringWidth(heading);
    for (Scale.Item item : scale.items()) {
      w = Math.max(w, 22 + fm.stringWidth(itemText(item)));
    }
    w = Math.min(w + 16, view.width() - 20);
    int h = line * (scale.items().size() + 1) + 8;
    g.setColor(PAPER);
    g.fillRect(10, top, w, h);
    g.setColor(new Color(0, 0, 0, 60));
    g.drawRect(10, top, w, h);
    g.setFont(BOLD);
    g.setColor(INK);
    int y = top + 4 + fm.getAscent();
    g.drawString(heading, 18, y);
    g.setFont(FONT);
    for (Scale.Item item : scale.items()) {
      y += line;
      g.setColor(colour(item.colour(), 1));
      g.fillRect(18, y - fm.getAscent() + 1, 14, 12);
      g.setColor(new Color(0, 0, 0, 120));
      g.drawRect(18, y - fm.getAscent() + 1, 14, 12);
      g.setColor(INK);
      g.drawString(itemText(item), 40, y);
    }
  }

  private static String itemText(Scale.Item item) {
    return item.label() + " (" + item.n() + ")";
  }

  /** A north arrow at the top right (grid north: up the image). */
  private static void northArrow(Graphics2D g, MapView view) {
    int cx = view.width() - 30;
    int top = 14;
    Path2D arrow = new Path2D.Double();
    arrow.moveTo(cx, top + 6);
    arrow.lineTo(cx + 9, top + 36);
    arrow.lineTo(cx, top + 29);
    arrow.lineTo(cx - 9, top + 36);
    arrow.closePath();
    g.setColor(PAPER);
    g.fillRoundRect(cx - 16, top - 10, 32, 52, 6, 6);
    g.setColor(INK);
    g.fill(arrow);
    g.setFont(BOLD);
    FontMetrics fm = g.getFontMetrics();
    g.drawString("N", cx - fm.stringWidth("N") / 2, top + 4);
  }

  /**
   * A scale bar at the bottom left: a round length (1, 2 or 5 times a power of ten metres) of at
   * most a fifth of the image's width.
   */
  private static void scaleBar(Graphics2D g, MapView view) {
    double mpp = view.metresPerPixel();
    double metres = roundLength(mpp * view.width() / 5);
    int px = (int) Math.round(metres / mpp);
    String text = metres >= 1000 ? trim(metres / 1000) + " km" : trim(metres) + " m";
    int x = 12;
    int y = view.height() - 14;
    g.setFont(FONT);
    FontMetrics fm = g.getFontMetrics();
    g.setColor(PAPER);
    g.fillRect(
        x - 4, y - fm.getHeight() - 8, Math.max(px, fm.stringWidth(text)) + 8, fm.getHeight() + 16);
    g.setColor(INK);
    g.fillRect(x, y - 4, px, 4);
    g.fillRect(x, y - 9, 2, 9);
    g.fillRect(x + px - 2, y - 9, 2, 9);
    g.drawString(text, x, y - 10);
  }

  /** The largest of 1, 2, 5 x 10^k at or below {@code metres}. */
  static double roundLength(double metres) {
    double p = Math.pow(10, Math.floor(Math.log10(metres)));
    for (double m : new double[] {5, 2, 1}) {
      if (m * p <= metres) {
        return m * p;
      }
    }
    return p;
  }

  private static String trim(double v) {
    return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
  }

  private static void attribution(Graphics2D g, MapView view, String text) {
    g.setFont(FONT.deriveFont(11f));
    FontMetrics fm = g.getFontMetrics();
    String shown = text;
    while (shown.length() > 4 && fm.stringWidth(shown) > view.width() - 20) {
      shown = shown.substring(0, shown.length() - 2);
    }
    if (!shown.equals(text)) {
      shown = shown.substring(0, shown.length() - 1) + "…";
    }
    int w = fm.stringWidth(shown) + 8;
    g.setColor(PAPER);
    g.fillRect(view.width() - w, view.height() - fm.getHeight() - 2, w, fm.getHeight() + 2);
    g.setColor(new Color(0x333333));
    g.drawString(shown, view.width() - w + 4, view.height() - fm.getDescent() - 2);
  }
}
