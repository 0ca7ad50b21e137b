package io.matscreen.dft;

import java.nio.file.Path;

/** Reads a finished (or interrupted) job directory into a {@link DftResult}. */
public interface DftOutputParser {
  /**
   * Parses the outputs in {@code jobDir}. Never throws for broken outputs: they come back
   * classified (CORRUPT_OUTPUT, WALLTIME, ...). Throws {@link DftOutputException} only when the
   * directory itself does not exist.
   */
  DftResult parse(Path jobDir);
}
