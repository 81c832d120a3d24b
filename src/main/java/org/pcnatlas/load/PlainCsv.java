package org.pcnatlas.load;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Splits CSV text in the plain form nearly every file has into records, in one pass: fields
 * separated by commas, each either unquoted (no quote and no lone carriage return in it) or wholly
 * quoted (a doubled quote inside stands for one), records ending in LF or CRLF. These are read as
 * RFC 4180 and Commons CSV read them (an empty line is a record of one empty field; a final line
 * break ends the last record, it does not start another).
 *
 * <p>A field is kept as where it lies in the text (between its quotes when quoted), not as a
 * string: a table of 340,000 rows keeps its text and a few arrays of numbers, not a million
 * strings, for the collector to copy while the rows are read.
 */
final class PlainCsv {
  /**
   * The records of a text: record {@code r} is fields {@code firstField[r]} to {@code firstField[r
   * + 1] - 1}; field {@code f} is {@code text[start[f], end[f])}, or {@code unescaped.get(f)} for a
   * quoted field with doubled quotes in it.
   */
  record Split(
      String text,
      int records,
      int[] firstField,
      int[] start,
      int[] end,
      Map<Integer, String> unescaped) {
    int fields(int record) {
      return firstField[record + 1] - firstField[record];
    }

    /** A field's value as written. */
    String value(int field) {
      String u = unescaped.get(field);
      return u != null ? u : text.substring(start[field], end[field]);
    }
  }

  private PlainCsv() {}

  /** The records of the text, or null when it is not plain. */
  static Split split(String text) {
    int n = text.length();
    int[] firstField = new int[1024];
    int[] start = new int[4096];
    int[] end = new int[4096];
    Map<Integer, String> unescaped = new HashMap<>();
    int records = 0;
    int fields = 0;
    int i = 0;
    while (i < n) {
      if (records + 1 >= firstField.length) {
        firstField = Arrays.copyOf(firstField, 2 * firstField.length);
      }
      firstField[records] = fields;
      boolean endOfRecord = false;
      while (!endOfRecord) {
        if (fields + 1 >= start.length) {
          start = Arrays.copyOf(start, 2 * start.length);
          end = Arrays.copyOf(end, 2 * end.length);
        }
        if (i < n && text.charAt(i) == '"') {
          int from = ++i;
          boolean doubled = false;
          while (true) {
            if (i >= n) {
              return null; // an unterminated quote
            }
            if (text.charAt(i++) == '"') {
              if (i < n && text.charAt(i) == '"') {
                doubled = true;
                i++;
              } else {
                break;
              }
            }
          }
          start[fields] = from;
          end[fields] = i - 1;
          if (doubled) {
            unescaped.put(fields, text.substring(from, i - 1).replace("\"\"", "\""));
          }
        } else {
          int from = i;
          while (i < n) {
            char c = text.charAt(i);
            if (c == ',' || c == '\n' || c == '\r' || c == '"') {
              break;
            }
            i++;
          }
          start[fields] = from;
          end[fields] = i;
        }
        fields++;
        // after a field: a comma, the end of the record or the end of the text
        if (i >= n) {
          endOfRecord = true;
        } else {
          char after = text.charAt(i);
          if (after == ',') {
            i++;
            if (i >= n) {
              start[fields] = n; // a last field, empty, at the end of the text
              end[fields] = n;
              fields++;
              endOfRecord = true;
            }
          } else if (after == '\n') {
            i++;
            endOfRecord = true;
          } else if (after == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
            i += 2;
            endOfRecord = true;
          } else {
            return null; // a quote inside a field, text after a closing quote, a lone CR
          }
        }
      }
      records++;
    }
    firstField[records] = fields;
    return new Split(text, records, firstField, start, end, unescaped);
  }
}
