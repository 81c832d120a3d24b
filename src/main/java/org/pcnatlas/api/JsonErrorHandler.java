package org.pcnatlas.api;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's answer to what fails before a route runs (a malformed path encoding, an ambiguous path, a
 * request line or headers over the size limits, a bad Host header) in the JSON every other error of
 * the API has, {@code {"code", "description"}}, instead of Jetty's HTML page. No stack trace: the
 * description is the status's own words and, where Jetty gives one, its reason (on one line, at
 * most 200 characters), which names what was wrong.
 */
final class JsonErrorHandler extends ErrorHandler {
  JsonErrorHandler() {
    setShowStacks(false);
    setShowCauses(false);
  }

  @Override
  protected boolean generateAcceptableResponse(
      Request request,
      Response response,
      Callback callback,
      String contentType,
      List<Charset> charsets,
      int code,
      String message,
      Throwable cause) {
    // whatever the client accepts: the API's errors are JSON
    byte[] body = body(code, message);
    response.getHeaders().put(HttpHeader.CONTENT_TYPE, Responses.JSON);
    response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
    response.write(true, ByteBuffer.wrap(body), callback);
    return true;
  }

  /** The error body: a code from the status, the status's words, and Jetty's reason if any. */
  static byte[] body(int status, String reason) {
    String words = HttpStatus.getMessage(status);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("code", code(status));
    String description = words;
    if (reason != null && !reason.isBlank() && !reason.equalsIgnoreCase(words)) {
      description = words + ": " + clean(reason);
    }
    doc.put("description", description + hint(status));
    return Responses.json(doc);
  }

  private static String code(int status) {
    return switch (status) {
      case 400 -> "BadRequest";
      case 404 -> "NotFound";
      case 405 -> "MethodNotAllowed";
      case 413 -> "PayloadTooLarge";
      case 414 -> "URITooLong";
      case 431 -> "RequestHeaderFieldsTooLarge";
      case 500 -> "InternalError";
      case 503 -> "Unavailable";
      default -> "HTTP" + status;
    };
  }

  private static String hint(int status) {
    return switch (status) {
      case 414 ->
          " (the request line is over the server's limit; send fewer or shorter parameters)";
      case 431 -> " (the request's headers are over the server's limit)";
      case 400 -> "; the API is described at /api";
      default -> "";
    };
  }

  /** Jetty's reason, on one line and bounded. */
  private static String clean(String reason) {
    String r = reason.replaceAll("[\\r\\n\\t]+", " ").strip();
    return r.length() > 200 ? r.substring(0, 200) + "..." : r;
  }
}
