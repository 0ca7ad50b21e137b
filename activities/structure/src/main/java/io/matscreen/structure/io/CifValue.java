package io.matscreen.structure.io;

/**
 * One CIF value with the line it starts on.
 *
 * @param text the value without quotes or text-field delimiters
 * @param line 1-based line number
 * @param kind how it was written
 */
public record CifValue(String text, int line, Kind kind) {
  /** How a value was written. */
  public enum Kind {
    /** A bare word or number. */
    UNQUOTED,
    /** A single- or double-quoted string. */
    QUOTED,
    /** A semicolon-delimited text field. */
    TEXT_FIELD,
    /** An unquoted {@code ?}: the value is unknown. */
    UNKNOWN,
    /** An unquoted {@code .}: the value does not apply. */
    INAPPLICABLE
  }

  /** True for {@code ?} and {@code .}, which carry no value. */
  public boolean isMissing() {
    return kind == Kind.UNKNOWN || kind == Kind.INAPPLICABLE;
  }
}
