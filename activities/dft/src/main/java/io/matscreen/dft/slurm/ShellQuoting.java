package io.matscreen.dft.slurm;

import io.matscreen.dft.DftExecutorException;
import java.util.regex.Pattern;

/** Validation and quoting of every value that reaches a Slurm batch script or sbatch option. */
public final class ShellQuoting {
  private ShellQuoting() {}

  /** Partition, account and QOS names: what Slurm itself allows, nothing a shell would parse. */
  static final Pattern SLURM_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

  /** Environment-module names such as "quantum-espresso/7.2" or "intel/2023.1+mkl". */
  static final Pattern MODULE = Pattern.compile("[A-Za-z0-9_.+/-]{1,128}");

  /** Environment variable names. */
  static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  /** A single-quoted shell word; embedded single quotes become '\''. NUL is refused. */
  public static String quote(String value) {
    if (value.indexOf('\0') >= 0) {
      throw new DftExecutorException("value contains a NUL character: " + value.replace('\0', '?'));
    }
    return "'" + value.replace("'", "'\\''") + "'";
  }

  /** Returns {@code value} if it matches {@code p}, else throws naming the field. */
  static String require(String field, String value, Pattern p) {
    if (value == null || !p.matcher(value).matches()) {
      throw new DftExecutorException(
          "slurm setting "
              + field
              + "='"
              + value
              + "' is not allowed (must match "
              + p.pattern()
              + ")");
    }
    return value;
  }

  /** A path for sbatch options: absolute, no newline, no '%' (Slurm's filename patterns). */
  static String path(String field, String value) {
    if (value.isEmpty()
        || value.charAt(0) != '/'
        || value.indexOf('\n') >= 0
        || value.indexOf('\r') >= 0
        || value.indexOf('%') >= 0
        || value.indexOf('\0') >= 0) {
      throw new DftExecutorException(
          "slurm " + field + " '" + value + "' must be an absolute path without newlines or '%'");
    }
    return value;
  }
}
