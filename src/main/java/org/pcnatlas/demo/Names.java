package org.pcnatlas.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The fictional place and practice names of the demo county. None is meant to name a real place.
 */
final class Names {
  /**
   * The City first, then the market towns in the order of their bearing (north, then
   * anticlockwise).
   */
  static final List<String> TOWNS =
      List.of("Kingsford", "Thistlebury", "Hollowmere", "Ashbury", "Cobbleton", "Elderwick");

  /** Villages that give rural practices and rural PCNs their names. */
  static final List<String> VILLAGES =
      List.of(
          "Brackenhurst",
          "Rushcombe",
          "Oakmere",
          "Little Stowbridge",
          "Wendlecote",
          "Harrowfield",
          "Stonecombe",
          "Merlingford",
          "Upper Quenby",
          "Fennimore",
          "Broadwelling",
          "Cressbrook Magna",
          "Lydcott",
          "Owlbury",
          "Tansley Cross",
          "Kestrelford",
          "Hemsley Parva",
          "Ravensmoor",
          "Sallowfield",
          "Nethercombe",
          "Greyhampton",
          "Wickenby St Giles",
          "Ambleton",
          "Burcombe",
          "Catsworth",
          "Dunmere",
          "Eastwold",
          "Foxcote Green",
          "Gorsley End",
          "Holloway Barton",
          "Ivycombe Parva",
          "Juniper Wold",
          "Kilnsey Wick",
          "Larkhampton",
          "Moorcott",
          "Norbury Heath",
          "Pebworth Green",
          "Quarrington Wold",
          "Redcombe",
          "Shillingworth",
          "Thornacre",
          "Underwood Magna",
          "Vellacott",
          "Wolvercote Parva",
          "Yarnfield End",
          "Abbotsmere",
          "Bramblecote",
          "Chalkcombe",
          "Dovecote Barton",
          "Elmstead Wick",
          "Farthingworth",
          "Gildencote",
          "Hartswell",
          "Inchcombe",
          "Kingsmead Parva",
          "Lowerfold");

  /** Street or landmark names of town practices. */
  static final List<String> LANDMARKS =
      List.of(
          "Riverside",
          "Market Square",
          "Abbey",
          "Meadow Lane",
          "Church Street",
          "Bridge Street",
          "Station Road",
          "Parkside",
          "Orchard",
          "Mill Lane",
          "Castle Hill",
          "Elm Tree",
          "The Green",
          "High Street",
          "Wharf",
          "Priory",
          "Kiln Lane",
          "Cornmarket",
          "Sheep Street",
          "Willow Bank",
          "Beacon",
          "Canal Side",
          "Chapel Row",
          "Horsefair",
          "Tannery Row",
          "Bell Yard",
          "Malthouse",
          "Ropewalk");

  /** The kinds of practice premises. */
  static final List<String> PREMISES =
      List.of("Surgery", "Medical Centre", "Health Centre", "Medical Practice", "Family Practice");

  private Names() {}

  /** A deterministic shuffle (Fisher-Yates) of the names, as a new list. */
  static List<String> shuffled(List<String> names, SplittableRandom random) {
    List<String> copy = new ArrayList<>(names);
    for (int i = copy.size() - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      String t = copy.get(i);
      copy.set(i, copy.get(j));
      copy.set(j, t);
    }
    return copy;
  }

  /** A premises word chosen by the generator. */
  static String premises(SplittableRandom random) {
    return PREMISES.get(random.nextInt(PREMISES.size()));
  }
}
