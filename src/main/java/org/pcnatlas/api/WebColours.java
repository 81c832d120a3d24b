package org.pcnatlas.api;

import java.awt.Color;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code bgcolor} of a map (OGC API - Maps, "background"): {@code 0xRRGGBB}, {@code 0xAARRGGBB}
 * or a W3C basic colour name.
 */
final class WebColours {
  private WebColours() {}

  private static final Map<String, Integer> NAMES =
      Map.ofEntries(
          Map.entry("white", 0xffffff),
          Map.entry("silver", 0xc0c0c0),
          Map.entry("gray", 0x808080),
          Map.entry("grey", 0x808080),
          Map.entry("black", 0x000000),
          Map.entry("red", 0xff0000),
          Map.entry("maroon", 0x800000),
          Map.entry("yellow", 0xffff00),
          Map.entry("olive", 0x808000),
          Map.entry("lime", 0x00ff00),
          Map.entry("green", 0x008000),
          Map.entry("aqua", 0x00ffff),
          Map.entry("teal", 0x008080),
          Map.entry("blue", 0x0000ff),
          Map.entry("navy", 0x000080),
          Map.entry("fuchsia", 0xff00ff),
          Map.entry("purple", 0x800080),
          Map.entry("orange", 0xffa500));

  /** The colour, or a 400 naming {@code bgcolor}. */
  static Color parse(String value) {
    String v = value.strip();
    Integer named = NAMES.get(v.toLowerCase(Locale.ROOT));
    if (named != null) {
      return new Color(named);
    }
    if (v.matches("0[xX][0-9a-fA-F]{6}")) {
      return new Color(Integer.parseInt(v.substring(2), 16));
    }
    if (v.matches("0[xX][0-9a-fA-F]{8}")) {
      return new Color((int) Long.parseLong(v.substring(2), 16), true);
    }
    throw new ApiError(
        400,
        "InvalidParameterValue",
        "bgcolor must be 0xRRGGBB, 0xAARRGGBB or a colour name (white, black, grey, ...), not '"
            + value
            + "'",
        "bgcolor");
  }
}
