package org.pcnatlas.scenario;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.locationtech.jts.geom.Point;

/**
 * One proposed change to the baseline configuration of practices and PCNs. A scenario is an ordered
 * list of changes; each is applied to the state the earlier ones left ({@link ScenarioApply}).
 * Records hold what the user wrote, already checked for shape ({@link ChangeJson}); whether the
 * codes exist is checked against the baseline when the scenario is applied.
 */
public sealed interface Change {
  /** The change's type as written in JSON: {@code move-practice}, {@code merge-pcns}, ... */
  String type();

  /** A practice leaves its PCN for another one. */
  record MovePractice(String practice, String toPcn) implements Change {
    public static final String TYPE = "move-practice";

    public MovePractice {
      Objects.requireNonNull(practice, "practice");
      Objects.requireNonNull(toPcn, "toPcn");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** Two or more PCNs become one, with a code (new, or one of theirs) and a name. */
  record MergePcns(List<String> pcns, String intoCode, String intoName) implements Change {
    public static final String TYPE = "merge-pcns";

    public MergePcns {
      pcns = List.copyOf(pcns);
      Objects.requireNonNull(intoCode, "intoCode");
      Objects.requireNonNull(intoName, "intoName");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * Some practices of a PCN leave it together to form a new PCN, with a new code and a name.
   *
   * @param practices the practices that form the new PCN, all of PCN {@code pcn}, not all of it
   */
  record SplitPcn(String pcn, List<String> practices, String intoCode, String intoName)
      implements Change {
    public static final String TYPE = "split-pcn";

    public SplitPcn {
      Objects.requireNonNull(pcn, "pcn");
      practices = List.copyOf(practices);
      Objects.requireNonNull(intoCode, "intoCode");
      Objects.requireNonNull(intoName, "intoName");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * A new practice site (a new practice or a branch site with its own list).
   *
   * @param lon the longitude as given (null when given as easting/northing)
   * @param lat the latitude as given
   * @param easting the easting as given (null when given as lon/lat)
   * @param northing the northing as given
   * @param location the site in EPSG:27700, rounded to the millimetre
   */
  record AddSite(
      String code,
      String name,
      String pcn,
      long listSize,
      Double lon,
      Double lat,
      Double easting,
      Double northing,
      Point location)
      implements Change {
    public static final String TYPE = "add-site";

    public AddSite {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(pcn, "pcn");
      Objects.requireNonNull(location, "location");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /**
   * A practice closes; its registered list is shared out to the practices that take over its
   * catchment, as the method implies ({@link ScenarioApply}).
   */
  record ClosePractice(String practice) implements Change {
    public static final String TYPE = "close-practice";

    public ClosePractice {
      Objects.requireNonNull(practice, "practice");
    }

    @Override
    public String type() {
      return TYPE;
    }
  }

  /** Districts move to other network areas: district code -> network area. */
  record RegroupNetworkAreas(Map<String, String> districts) implements Change {
    public static final String TYPE = "regroup-network-areas";

    public RegroupNetworkAreas {
      districts = java.util.Collections.unmodifiableMap(new TreeMap<>(districts));
    }

    @Override
    public String type() {
      return TYPE;
    }
  }
}
