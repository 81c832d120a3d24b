package org.pcnatlas.scenario;

import java.util.Objects;

/**
 * A scenario or one of its changes cannot be accepted: the web service answers 422 with {@code
 * {code, description, field}}, {@code analyse --scenario} exits 2 with the message.
 *
 * @see ChangeJson
 * @see ScenarioApply
 */
public final class ScenarioException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;
  private final String field;

  /**
   * @param code a stable machine-readable code: {@code InvalidChange}, {@code UnknownCode}, ...
   * @param field the JSON path of the offending value, e.g. {@code changes[2].toPcn}
   * @param description a sentence for the user that names the field and the value
   */
  public ScenarioException(String code, String field, String description) {
    super(description);
    this.code = Objects.requireNonNull(code, "code");
    this.field = Objects.requireNonNull(field, "field");
  }

  public String code() {
    return code;
  }

  public String field() {
    return field;
  }
}
