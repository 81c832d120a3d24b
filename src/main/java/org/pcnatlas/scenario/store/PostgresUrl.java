package org.pcnatlas.scenario.store;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * Where a PostgreSQL database is, parsed from {@code postgresql://user:password@host:port/database}
 * (also {@code postgres://...} and the JDBC form {@code
 * jdbc:postgresql://host:port/database?user=...&password=...}). User and password are
 * percent-decoded; the port defaults to 5432; the host to {@code localhost}.
 *
 * <p>Query parameters: {@code schema} (or {@code currentSchema}) puts the store's tables in that
 * schema (made if missing; PostGIS is then found in {@code public}), so one database can hold
 * several stores; {@code user} and {@code password} as in the JDBC form; any other (e.g. {@code
 * sslmode}) goes to the driver as is.
 *
 * @param schema the schema of the tables, or null for the role's default search path
 * @param parameters the other query parameters, for the driver
 */
public record PostgresUrl(
    String host,
    int port,
    String database,
    String user,
    String password,
    String schema,
    Map<String, String> parameters) {
  public static final int DEFAULT_PORT = 5432;

  /** A schema name that needs no quoting. */
  private static final Pattern SCHEMA = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  public PostgresUrl {
    parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  /** Whether {@code s} is a URL this class parses (by its scheme). */
  public static boolean isPostgresUrl(String s) {
    return s != null
        && (s.startsWith("postgresql://")
            || s.startsWith("postgres://")
            || s.startsWith("jdbc:postgresql://"));
  }

  /**
   * @throws IllegalArgumentException naming what is wrong (never the password)
   */
  public static PostgresUrl parse(String url) {
    if (!isPostgresUrl(url)) {
      throw new IllegalArgumentException(
          "not a PostgreSQL URL: expected postgresql://user:password@host:port/database"
              + " (or postgres://..., jdbc:postgresql://...)");
    }
    String rest = url.substring(url.indexOf("://") + 3);
    int slash = rest.indexOf('/');
    int question = rest.indexOf('?');
    int authorityEnd = slash >= 0 ? slash : question >= 0 ? question : rest.length();
    String authority = rest.substring(0, authorityEnd);
    String path = rest.substring(authorityEnd);
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1);
      path = path.substring(0, q);
    }
    String user = null;
    String password = null;
    int at = authority.lastIndexOf('@');
    if (at >= 0) {
      String userInfo = authority.substring(0, at);
      authority = authority.substring(at + 1);
      int colon = userInfo.indexOf(':');
      user = decode(colon >= 0 ? userInfo.substring(0, colon) : userInfo);
      password = colon >= 0 ? decode(userInfo.substring(colon + 1)) : null;
    }
    String host = authority;
    int port = DEFAULT_PORT;
    int portColon = authority.lastIndexOf(':');
    if (portColon >= 0 && portColon > authority.lastIndexOf(']')) {
      host = authority.substring(0, portColon);
      String p = authority.substring(portColon + 1);
      try {
        port = Integer.parseInt(p);
      } catch (NumberFormatException e) {
        port = -1;
      }
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException(
            "PostgreSQL URL port '" + p + "' is not a port number (1 to 65535)");
      }
    }
    if (host.isEmpty()) {
      host = "localhost";
    }
    String database = decode(path.startsWith("/") ? path.substring(1) : path);
    if (database.isEmpty()) {
      throw new IllegalArgumentException(
          "PostgreSQL URL names no database: expected postgresql://user:password@host:port/database");
    }
    String schema = null;
    Map<String, String> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = decode(eq >= 0 ? pair.substring(0, eq) : pair);
      String value = eq >= 0 ? decode(pair.substring(eq + 1)) : "";
      switch (key) {
        case "user" -> user = value;
        case "password" -> password = value;
        case "schema", "currentSchema" -> schema = value;
        default -> parameters.put(key, value);
      }
    }
    if (schema != null && !SCHEMA.matcher(schema).matches()) {
      throw new IllegalArgumentException(
          "PostgreSQL URL schema '"
              + schema
              + "' is not a plain schema name (a letter or '_', then letters, digits or '_')");
    }
    return new PostgresUrl(host, port, database, user, password, schema, parameters);
  }

  /** The driver's URL, without user or password (those go in {@link #properties()}). */
  public String jdbcUrl() {
    return "jdbc:postgresql://"
        + host
        + ":"
        + port
        + "/"
        + URLEncoder.encode(database, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** The driver's properties: user, password, search path, the other parameters. */
  public Properties properties() {
    Properties p = new Properties();
    p.setProperty("ApplicationName", "pcn-atlas");
    p.setProperty("connectTimeout", "10");
    parameters.forEach(p::setProperty);
    if (user != null) {
      p.setProperty("user", user);
    }
    if (password != null) {
      p.setProperty("password", password);
    }
    if (schema != null) {
      p.setProperty("currentSchema", schema + ",public");
    }
    return p;
  }

  /** The URL without the password, for logs and messages. */
  public String redacted() {
    return "postgresql://"
        + (user == null ? "" : user + "@")
        + host
        + ":"
        + port
        + "/"
        + database
        + (schema == null ? "" : "?schema=" + schema);
  }

  @Override
  public String toString() {
    return redacted();
  }

  /** Percent-decoding as in a URI: {@code %XX} are UTF-8 bytes, {@code +} stays a plus. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int i = 0;
    while (i < s.length()) {
      if (s.charAt(i) != '%') {
        out.append(s.charAt(i++));
        continue;
      }
      bytes.reset();
      while (i < s.length() && s.charAt(i) == '%') {
        if (i + 2 >= s.length() || !isHex(s.charAt(i + 1)) || !isHex(s.charAt(i + 2))) {
          // the value may be a password: say where, not what
          throw new IllegalArgumentException(
              "PostgreSQL URL has a '%' not followed by two hex digits in its user, password,"
                  + " database or a parameter");
        }
        bytes.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 3;
      }
      out.append(bytes.toString(StandardCharsets.UTF_8));
    }
    return out.toString();
  }

  private static boolean isHex(char c) {
    return Character.digit(c, 16) >= 0;
  }
}
