package org.pcnatlas.api;

/**
 * An error the API answers with its status and a JSON body {@code {"code": ..., "description":
 * ...}}; the description names the parameter or path segment at fault and the allowed values.
 */
public final class ApiError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final String field;

  public ApiError(int status, String code, String description) {
    this(status, code, description, null);
  }

  /**
   * @param field the request field at fault (a JSON path such as {@code changes[2].toPcn}), or null
   */
  public ApiError(int status, String code, String description, String field) {
    super(description);
    this.status = status;
    this.code = code;
    this.field = field;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public String description() {
    return getMessage();
  }

  static ApiError badParameter(String description) {
    return new ApiError(400, "InvalidParameterValue", description);
  }

  static ApiError notFound(String description) {
    return new ApiError(404, "NotFound", description);
  }
}
