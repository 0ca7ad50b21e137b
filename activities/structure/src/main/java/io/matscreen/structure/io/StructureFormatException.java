package io.matscreen.structure.io;

/**
 * A structure file that cannot be read: the message names the source (file, block), the line (when
 * known) and what is wrong. Nothing of a file that raised this is returned.
 */
public class StructureFormatException extends RuntimeException {
  private final String source;
  private final int line;
  private final String problem;

  /** {@code line} is 1-based, or 0 when the problem has no single line. */
  public StructureFormatException(String source, int line, String problem) {
    this(source, line, problem, null);
  }

  public StructureFormatException(String source, int line, String problem, Throwable cause) {
    super(source + (line > 0 ? ":" + line : "") + ": " + problem, cause);
    this.source = source;
    this.line = line;
    this.problem = problem;
  }

  /** File name or other description of where the text came from. */
  public String source() {
    return source;
  }

  /** 1-based line number, or 0 when not tied to one line. */
  public int line() {
    return line;
  }

  /** What is wrong, without the location. */
  public String problem() {
    return problem;
  }
}
