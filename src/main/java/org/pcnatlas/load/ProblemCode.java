package org.pcnatlas.load;

/**
 * Why a row or feature was rejected or repaired. The {@link #code()} is stable and appears in
 * reports and JSON.
 */
public enum ProblemCode {
  GEOMETRY_REPAIRED("geometry-repaired", "invalid geometry repaired"),
  EMPTY_GEOMETRY("empty-geometry", "empty geometry rejected"),
  MISSING_GEOMETRY("missing-geometry", "feature without geometry rejected"),
  UNSUPPORTED_GEOMETRY("unsupported-geometry", "geometry type not supported, rejected"),
  MISSING_COORDINATES("missing-coordinates", "row without coordinates rejected"),
  UNPARSABLE_COORDINATES(
      "unparsable-coordinates", "row with unparsable or out-of-range coordinates rejected"),
  UNPARSABLE_VALUE("unparsable-value", "value that does not parse as its column's type"),
  DELETED_RECORD("deleted-record", "record marked deleted in the source table, skipped"),
  MALFORMED_ROW("malformed-row", "row whose field count differs from the header"),
  MISSING_CODE("missing-code", "row without the identifying code rejected"),
  DUPLICATE_PRACTICE("duplicate-practice", "duplicate practice code; the first row is kept"),
  DUPLICATE_CODE("duplicate-code", "duplicate code; the first row is kept"),
  OUTSIDE_STUDY_AREA("outside-study-area", "practice outside the study area"),
  UNKNOWN_PCN("unknown-pcn", "practice whose PCN is missing or unknown"),
  MISSING_LIST_SIZE("missing-list-size", "practice without a registered list size"),
  NO_POPULATION_COUNT(
      "no-population-count", "population unit without a count in the counts file, left out"),
  UNITS_OUTSIDE_STUDY_AREA(
      "units-outside-study-area", "population units outside the study area, counted and left out"),
  ATTRIBUTES_UNMATCHED(
      "attributes-unmatched",
      "population units without a row in a unit attribute file, or rows for no unit"),
  COLUMN_LEFT_OUT("column-left-out", "column of a unit attribute file that is not used");

  private final String code;
  private final String summary;

  ProblemCode(String code, String summary) {
    this.code = code;
    this.summary = summary;
  }

  public String code() {
    return code;
  }

  public String summary() {
    return summary;
  }
}
