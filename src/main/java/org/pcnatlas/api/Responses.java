package org.pcnatlas.api;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/** Writing a response once: bytes, content type, a strong ETag, 304 on a matching If-None-Match. */
final class Responses {
  static final String GEO_JSON = "application/geo+json";
  static final String JSON = "application/json";
  static final String HTML = "text/html; charset=utf-8";
  static final String HTML_LINK = "text/html";
  static final String CSV = "text/csv; charset=utf-8";
  static final String OPENAPI = "application/vnd.oai.openapi+json;version=3.0";

  static final JsonFactory FACTORY = new JsonFactory();
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Responses() {}

  /** A complete response body and its type, with its ETag. */
  record Body(byte[] bytes, String contentType, String etag, Map<String, String> headers) {
    static Body of(byte[] bytes, String contentType, Map<String, String> headers) {
      return new Body(bytes, contentType, Responses.etag(bytes), headers);
    }
  }

  /** Sends the body, or 304 when the client already has it. */
  static void send(Context ctx, Body body) {
    ctx.header("Cache-Control", "public, max-age=60");
    body.headers().forEach(ctx::header);
    ctx.header("ETag", body.etag());
    String inm = ctx.header("If-None-Match");
    if (inm != null && matches(inm, body.etag())) {
      ctx.status(304);
      return;
    }
    ctx.contentType(body.contentType());
    ctx.result(body.bytes());
  }

  private static boolean matches(String ifNoneMatch, String etag) {
    for (String candidate : ifNoneMatch.split(",")) {
      String c = candidate.strip();
      if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return '"' + HexFormat.of().formatHex(d, 0, 16) + '"';
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] json(Object tree) {
    try {
      return MAPPER.writeValueAsBytes(tree);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes JSON with a streaming generator. */
  static byte[] stream(JsonWriter writer) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      g.setCodec(MAPPER);
      writer.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  interface JsonWriter {
    void write(JsonGenerator g) throws IOException;
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** A plain HTML page: a heading, links, and a table. */
  static byte[] html(
      String title, List<String[]> links, List<String> header, List<List<String>> rows) {
    StringBuilder sb = new StringBuilder();
    sb.append("<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        .append("<title>")
        .append(escape(title))
        .append(" - pcn-atlas</title><style>body{font-family:system-ui,sans-serif;margin:1.5rem;")
        .append("color:#1b1b1b}table{border-collapse:collapse}td,th{border:1px solid #bbb;")
        .append(
            "padding:.25rem .5rem;text-align:left}th{background:#eef}</style></head><body>\n<h1>")
        .append(escape(title))
        .append("</h1>\n<ul>\n");
    for (String[] l : links) {
      sb.append("<li><a href=\"")
          .append(escape(l[0]))
          .append("\">")
          .append(escape(l[1]))
          .append("</a></li>\n");
    }
    sb.append("</ul>\n");
    if (header != null) {
      sb.append("<table>\n<thead><tr>");
      for (String h : header) {
        sb.append("<th scope=\"col\">").append(escape(h)).append("</th>");
      }
      sb.append("</tr></thead>\n<tbody>\n");
      for (List<String> row : rows) {
        sb.append("<tr>");
        for (String v : row) {
          sb.append("<td>").append(escape(v == null ? "" : v)).append("</td>");
        }
        sb.append("</tr>\n");
      }
      sb.append("</tbody></table>\n");
    }
    sb.append("</body></html>\n");
    return utf8(sb.toString());
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
