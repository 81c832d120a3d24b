package org.pcnatlas.api.cql;

import java.util.ArrayList;
import java.util.List;

/** Splits cql2-text into tokens, each with its 1-based character position. */
final class TextLexer {
  enum Kind {
    /** An identifier or keyword (keywords are recognised by the parser, case-insensitively). */
    IDENT,
    /** A double-quoted identifier: always a property name. */
    QUOTED,
    STRING,
    NUMBER,
    /** A comparison operator: = <> < <= > >=. */
    OP,
    LPAREN,
    RPAREN,
    COMMA,
    END
  }

  /**
   * @param text the token as written (a string literal with its quotes)
   * @param value the string (quotes removed, '' undoubled), the Long or Double, the name, or null
   */
  record Token(Kind kind, String text, Object value, int position) {
    boolean is(String keyword) {
      return kind == Kind.IDENT && text.equalsIgnoreCase(keyword);
    }

    /** The token as a message names it. */
    String describe() {
      if (kind == Kind.END) {
        return "the end of the filter";
      }
      String t = text.length() > 40 ? text.substring(0, 37) + "..." : text;
      return kind == Kind.STRING ? t : "'" + t + "'";
    }
  }

  private final String src;
  private int i;

  private TextLexer(String src) {
    this.src = src;
  }

  static List<Token> tokens(String src) {
    return new TextLexer(src).all();
  }

  private List<Token> all() {
    List<Token> out = new ArrayList<>();
    while (true) {
      while (i < src.length() && Character.isWhitespace(src.charAt(i))) {
        i++;
      }
      if (i >= src.length()) {
        out.add(new Token(Kind.END, "", null, src.length() + 1));
        return out;
      }
      out.add(next());
    }
  }

  private Token next() {
    int start = i;
    char c = src.charAt(i);
    switch (c) {
      case '(':
        i++;
        return new Token(Kind.LPAREN, "(", null, start + 1);
      case ')':
        i++;
        return new Token(Kind.RPAREN, ")", null, start + 1);
      case ',':
        i++;
        return new Token(Kind.COMMA, ",", null, start + 1);
      case '=':
        i++;
        return new Token(Kind.OP, "=", null, start + 1);
      case '<':
        i++;
        if (i < src.length() && (src.charAt(i) == '>' || src.charAt(i) == '=')) {
          i++;
        }
        return new Token(Kind.OP, src.substring(start, i), null, start + 1);
      case '>':
        i++;
        if (i < src.length() && src.charAt(i) == '=') {
          i++;
        }
        return new Token(Kind.OP, src.substring(start, i), null, start + 1);
      case '\'':
        return string();
      case '"':
        return quoted();
      default:
        break;
    }
    if (startsNumber(i)) {
      return number();
    }
    int cp = src.codePointAt(i);
    if (identifierStart(cp)) {
      i += Character.charCount(cp);
      while (i < src.length() && identifierPart(src.codePointAt(i))) {
        i += Character.charCount(src.codePointAt(i));
      }
      String name = src.substring(start, i);
      return new Token(Kind.IDENT, name, name, start + 1);
    }
    if (c == '!' && i + 1 < src.length() && src.charAt(i + 1) == '=') {
      throw new CqlException("unexpected '!='", start + 1, "CQL2 writes not-equal as <>");
    }
    String shown =
        Character.isISOControl(cp) || Character.isWhitespace(cp)
            ? String.format("U+%04X", cp)
            : "'" + Character.toString(cp) + "'";
    throw new CqlException("unexpected character " + shown, start + 1);
  }

  private boolean startsNumber(int at) {
    if (at >= src.length()) {
      return false;
    }
    char c = src.charAt(at);
    if (c == '+' || c == '-') {
      return at + 1 < src.length() && unsignedStart(at + 1);
    }
    return unsignedStart(at);
  }

  private boolean unsignedStart(int at) {
    char c = src.charAt(at);
    return isDigit(c) || (c == '.' && at + 1 < src.length() && isDigit(src.charAt(at + 1)));
  }

  private Token number() {
    int start = i;
    if (src.charAt(i) == '+' || src.charAt(i) == '-') {
      i++;
    }
    boolean exact = true;
    digits();
    if (i < src.length() && src.charAt(i) == '.') {
      exact = false;
      i++;
      digits();
    }
    if (i < src.length() && (src.charAt(i) == 'e' || src.charAt(i) == 'E')) {
      exact = false;
      i++;
      if (i < src.length() && (src.charAt(i) == '+' || src.charAt(i) == '-')) {
        i++;
      }
      if (i >= src.length() || !isDigit(src.charAt(i))) {
        throw new CqlException(
            "expected the digits of an exponent after '" + src.substring(start, i) + "'", i + 1);
      }
      digits();
    }
    String text = src.substring(start, i);
    Object value;
    if (exact) {
      try {
        value = Long.parseLong(text.startsWith("+") ? text.substring(1) : text);
      } catch (NumberFormatException e) {
        value = Double.parseDouble(text); // beyond a long: kept as a double
      }
    } else {
      value = Double.parseDouble(text);
    }
    if (value instanceof Double d && !Double.isFinite(d)) {
      throw new CqlException("number " + text + " is too large", start + 1);
    }
    return new Token(Kind.NUMBER, text, value, start + 1);
  }

  private void digits() {
    while (i < src.length() && isDigit(src.charAt(i))) {
      i++;
    }
  }

  private Token string() {
    int start = i;
    StringBuilder sb = new StringBuilder();
    i++;
    while (true) {
      if (i >= src.length()) {
        throw new CqlException(
            "expected a closing ' for the string that starts", start + 1, "write '' for a quote");
      }
      char c = src.charAt(i++);
      if (c == '\'') {
        if (i < src.length() && src.charAt(i) == '\'') {
          sb.append('\'');
          i++;
        } else {
          return new Token(Kind.STRING, src.substring(start, i), sb.toString(), start + 1);
        }
      } else {
        sb.append(c);
      }
    }
  }

  private Token quoted() {
    int start = i;
    int end = src.indexOf('"', i + 1);
    if (end < 0) {
      throw new CqlException("expected a closing \" for the property name that starts", start + 1);
    }
    if (end == start + 1) {
      throw new CqlException("a property name in double quotes is empty", start + 1);
    }
    i = end + 1;
    return new Token(
        Kind.QUOTED, src.substring(start, i), src.substring(start + 1, end), start + 1);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  /** identifierStart of the CQL2 grammar (the NameStartChar of XML, to U+1FFE). */
  static boolean identifierStart(int c) {
    return c == ':'
        || c == '_'
        || (c >= 'A' && c <= 'Z')
        || (c >= 'a' && c <= 'z')
        || (c >= 0xC0 && c <= 0xD6)
        || (c >= 0xD8 && c <= 0xF6)
        || (c >= 0xF8 && c <= 0x2FF)
        || (c >= 0x370 && c <= 0x37D)
        || (c >= 0x37F && c <= 0x1FFE)
        || (c >= 0x200C && c <= 0x200D)
        || (c >= 0x2070 && c <= 0x218F)
        || (c >= 0x2C00 && c <= 0x2FEF)
        || (c >= 0x3001 && c <= 0xD7FF)
        || (c >= 0xF900 && c <= 0xFDCF)
        || (c >= 0xFDF0 && c <= 0xFFFD)
        || (c >= 0x10000 && c <= 0xEFFFF);
  }

  /** identifierPart of the CQL2 grammar: a start character, '.', a digit, or a combining mark. */
  static boolean identifierPart(int c) {
    return identifierStart(c)
        || c == '.'
        || (c >= '0' && c <= '9')
        || (c >= 0x300 && c <= 0x36F)
        || (c >= 0x203F && c <= 0x2040);
  }
}
