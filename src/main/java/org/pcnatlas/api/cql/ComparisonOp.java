package org.pcnatlas.api.cql;

/** The binary comparison operators of Basic CQL2, with their symbol in cql2-text and cql2-json. */
public enum ComparisonOp {
  EQ("="),
  NE("<>"),
  LT("<"),
  LE("<="),
  GT(">"),
  GE(">=");

  private final String symbol;

  ComparisonOp(String symbol) {
    this.symbol = symbol;
  }

  /** The operator as cql2-text and cql2-json write it: {@code =}, {@code <>}, ... */
  public String symbol() {
    return symbol;
  }

  /** The operator written {@code symbol}, or null. */
  public static ComparisonOp ofSymbol(String symbol) {
    for (ComparisonOp op : values()) {
      if (op.symbol.equals(symbol)) {
        return op;
      }
    }
    return null;
  }

  /** Whether the operator holds for a comparison result (negative, zero or positive). */
  boolean holds(int comparison) {
    return switch (this) {
      case EQ -> comparison == 0;
      case NE -> comparison != 0;
      case LT -> comparison < 0;
      case LE -> comparison <= 0;
      case GT -> comparison > 0;
      case GE -> comparison >= 0;
    };
  }
}
