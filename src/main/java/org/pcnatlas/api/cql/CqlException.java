package org.pcnatlas.api.cql;

/**
 * A filter that cannot be parsed or does not fit the collection's queryables. The message is {@code
 * "<what is wrong> at position N"}, sometimes followed by {@code "; <what would be right>"} (the
 * queryables there are, how to write not-equal, ...), where N is the 1-based character position in
 * the filter text: in cql2-text the character at fault, in cql2-json the first character of the
 * JSON value at fault (and the message then starts with its JSON path, such as {@code
 * $.args[1].op}).
 */
public final class CqlException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String what;
  private final int position;
  private final String hint;

  /**
   * @param what what is wrong, without the position
   * @param position the 1-based character position
   */
  public CqlException(String what, int position) {
    this(what, position, null);
  }

  /**
   * @param what what is wrong, without the position
   * @param position the 1-based character position
   * @param hint what would be right (appended after the position), or null
   */
  public CqlException(String what, int position, String hint) {
    super(what + " at position " + position + (hint == null ? "" : "; " + hint));
    this.what = what;
    this.position = position;
    this.hint = hint;
  }

  /** The same error with {@code prefix} (a JSON path and ": ") before what is wrong. */
  CqlException prefixed(String prefix) {
    CqlException e = new CqlException(prefix + what, position, hint);
    e.setStackTrace(getStackTrace());
    return e;
  }

  /** The 1-based character position in the filter text of what is wrong. */
  public int position() {
    return position;
  }
}
