package org.pcnatlas.load;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits CSV text in the plain form nearly every file has into records, in one pass: fields
 * separated by commas, each either unquoted (no quote and no lone carriage return in it) or wholly
 * quoted (a doubled quote inside stands for one), records ending in LF or CRLF. These are read as
 * RFC 4180 and Commons CSV read them (an empty line is a record of one empty field; a final line
 * break ends the last record, it does not start another).
 */
final class PlainCsv {
  private PlainCsv() {}

  /** The records with their fields as written, or null when the text is not plain. */
  static List<String[]> records(String text) {
    List<String[]> records = new ArrayList<>();
    List<String> fields = new ArrayList<>();
    StringBuilder quoted = new StringBuilder();
    int n = text.length();
    int i = 0;
    while (i < n) {
      fields.clear();
      boolean endOfRecord = false;
      while (!endOfRecord) {
        char c = i < n ? text.charAt(i) : 0;
        if (i < n && c == '"') {
          quoted.setLength(0);
          i++;
          while (true) {
            if (i >= n) {
              return null; // an unterminated quote
            }
            char q = text.charAt(i++);
            if (q == '"') {
              if (i < n && text.charAt(i) == '"') {
                quoted.append('"');
                i++;
              } else {
                break;
              }
            } else {
              quoted.append(q);
            }
          }
          fields.add(quoted.toString());
        } else {
          int start = i;
          while (i < n) {
            c = text.charAt(i);
            if (c == ',' || c == '\n' || c == '\r' || c == '"') {
              break;
            }
            i++;
          }
          fields.add(text.substring(start, i));
        }
        // after a field: a comma, the end of the record or the end of the text
        if (i >= n) {
          endOfRecord = true;
        } else {
          char after = text.charAt(i);
          if (after == ',') {
            i++;
            if (i >= n) {
              fields.add(""); // a last field, empty, at the end of the text
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
      records.add(fields.toArray(new String[0]));
    }
    return records;
  }
}
